import { describe, expect, it } from 'vitest';
import { bridgeChart, coverageTrend, flowBars, horizontalBars, horizontalBarsHeight, moneyChart, shareBars, verticalBars } from './charts';

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

describe('shareBars', () => {
  it('draws one bar per category and series, shares written as monev writes them', () => {
    const option = shareBars(
      ['Kab. Pasuruan', 'Kab. Probolinggo'],
      [
        { name: 'Cakupan', values: [0.2134, null], color: '#000' },
        { name: 'Rencana', values: [0.3, 0.1], color: '#111' },
      ],
      'id',
    ) as { yAxis: { data: string[] }; series: (Series & { name: string })[]; legend?: unknown };
    expect(option.yAxis.data).toEqual(['Kab. Pasuruan', 'Kab. Probolinggo']);
    expect(option.series.map((s) => s.name)).toEqual(['Cakupan', 'Rencana']);
    expect(option.series[0].data).toEqual([0.2134, null]);
    expect(option.series[0].label.formatter({ value: 0.2134 })).toBe('21,34\u00a0%');
    expect(option.series[0].label.formatter({ value: null })).toBe('–');
    expect(option.legend).toBeDefined();
  });
  it('has no legend for a single series', () => {
    const option = shareBars(['A'], [{ name: 'x', values: [0.1], color: '#000' }], 'en') as { legend?: unknown };
    expect(option.legend).toBeUndefined();
  });
});

describe('bridgeChart', () => {
  it('stacks each visible bar on an invisible base', () => {
    const option = bridgeChart(
      [
        { name: 'Baris', base: 0, value: 100, color: '#1' },
        { name: 'Duplikat', base: 90, value: 10, color: '#2' },
        { name: 'Orang', base: 0, value: 90, color: '#3' },
      ],
      'id',
      'baris',
    ) as { xAxis: { data: string[] }; series: { stack: string; data: unknown[]; itemStyle?: { color: string } }[] };
    expect(option.xAxis.data).toEqual(['Baris', 'Duplikat', 'Orang']);
    const [base, bars] = option.series;
    expect(base.stack).toBe(bars.stack);
    expect(base.itemStyle?.color).toBe('transparent');
    expect(base.data).toEqual([0, 90, 0]);
    expect(bars.data).toEqual([
      { value: 100, itemStyle: { color: '#1' } },
      { value: 10, itemStyle: { color: '#2' } },
      { value: 90, itemStyle: { color: '#3' } },
    ]);
  });
});

describe('coverageTrend', () => {
  it('draws the target as a flat dashed line when there is one', () => {
    const withTarget = coverageTrend(['Agustus 2025', 'September 2025'], { name: 'Cakupan', values: [0.1, 0.2] }, { name: 'Target', value: 0.33 }, 'id') as {
      series: { name: string; data: unknown[]; lineStyle: { type?: string } }[];
    };
    expect(withTarget.series.map((s) => s.name)).toEqual(['Cakupan', 'Target']);
    expect(withTarget.series[1].data).toEqual([0.33, 0.33]);
    expect(withTarget.series[1].lineStyle.type).toBe('dashed');
    const without = coverageTrend(['Agustus 2025'], { name: 'Cakupan', values: [0.1] }, null, 'id') as { series: unknown[] };
    expect(without.series).toHaveLength(1);
  });
});
