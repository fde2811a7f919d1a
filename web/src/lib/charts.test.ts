import { describe, expect, it } from 'vitest';
import { horizontalBars, horizontalBarsHeight, verticalBars } from './charts';

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
