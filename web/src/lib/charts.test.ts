import { describe, expect, it } from 'vitest';
import { flowBars, horizontalBars, horizontalBarsHeight, moneyChart, verticalBars } from './charts';

type Series = { data: unknown[]; label: { formatter: (p: { value: unknown }) => string } };

describe('horizontalBarsHeight', () => {
  it('gives each bar room and never collapses', () => {
    expect(horizontalBarsHeight(0)).toBe(160);
    expect(horizontalBarsHeight(24)).toBe(24 * 26 + 36);
    expect(horizontalBarsHeight(25)).toBeGreaterThan(horizontalBarsHeight(24));
  });
});

describe('horizontalBars', () => {
  const data = [
    { name: 'Kejayan', value: 2537 },
    { name: 'Puspo', value: 618 },
  ];

  it('keeps the given order, largest at the top', () => {
    const option = horizontalBars(data, 'id', 'pekerja') as { yAxis: { data: string[]; inverse: boolean } };
    expect(option.yAxis.data).toEqual(['Kejayan', 'Puspo']);
    expect(option.yAxis.inverse).toBe(true);
  });

  it('prints values in the UI language', () => {
    const [id] = (horizontalBars(data, 'id', 'pekerja') as { series: Series[] }).series;
    const [en] = (horizontalBars(data, 'en', 'workers') as { series: Series[] }).series;
    expect(id.label.formatter({ value: 2537 })).toBe('2.537');
    expect(en.label.formatter({ value: 2537 })).toBe('2,537');
  });
});

describe('verticalBars', () => {
  it('puts the categories on the x axis in order', () => {
    const option = verticalBars(
      [
        { name: '17-24', value: 1 },
        { name: '65+', value: 2 },
      ],
      'id',
      'pekerja',
    ) as { xAxis: { data: string[] }; series: Series[] };
    expect(option.xAxis.data).toEqual(['17-24', '65+']);
    expect(option.series[0].data).toEqual([1, 2]);
  });
});

describe('flowBars', () => {
  const option = flowBars(
    ['Oktober 2025', 'November 2025'],
    [
      { name: 'Masuk', values: [120, 40], color: '#1b5e20' },
      { name: 'Meninggal', values: [12, 3], color: '#555', out: true },
    ],
    'id',
    'orang',
  ) as {
    xAxis: { data: string[] };
    series: { name: string; stack: string; data: number[] }[];
    tooltip: { valueFormatter: (v: unknown) => string };
  };

  it('draws what came in above and what went out below the axis', () => {
    expect(option.xAxis.data).toEqual(['Oktober 2025', 'November 2025']);
    expect(option.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['Masuk', 'in', [120, 40]],
      ['Meninggal', 'out', [-12, -3]],
    ]);
  });

  it('shows counts without a sign', () => {
    expect(option.tooltip.valueFormatter(-1234)).toBe('1.234 orang');
  });
});

describe('moneyChart', () => {
  const option = moneyChart(
    ['September 2025', 'Oktober 2025'],
    [
      { name: 'Terikat', values: [477926400, 477926400], color: '#1f5f9e', type: 'bar' },
      { name: 'Sisa', values: [2322073600, 1844147200], color: '#2e7d32', type: 'line' },
    ],
    'id',
  ) as {
    xAxis: { data: string[] };
    yAxis: { axisLabel: { formatter: (v: number) => string } };
    tooltip: { valueFormatter: (v: unknown) => string };
    series: { type: string; name: string; data: number[] }[];
  };

  it('draws amounts as bars and the balance as a line, month by month', () => {
    expect(option.xAxis.data).toEqual(['September 2025', 'Oktober 2025']);
    expect(option.series.map((s) => [s.type, s.name])).toEqual([
      ['bar', 'Terikat'],
      ['line', 'Sisa'],
    ]);
    expect(option.series[1].data).toEqual([2322073600, 1844147200]);
  });

  it('writes rupiah short on the axis and whole in the tooltip', () => {
    expect(option.yAxis.axisLabel.formatter(2000000000)).toBe('Rp\u00a02\u00a0M');
    expect(option.tooltip.valueFormatter(477926400)).toBe('Rp\u00a0477.926.400');
  });
});
