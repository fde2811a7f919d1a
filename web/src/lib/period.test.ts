import { describe, expect, it } from 'vitest';
import { daysInMonth, joinDate, joinPeriod, splitDate, splitPeriod, todayInJakarta, yearChoices } from './period';

describe('splitPeriod and joinPeriod', () => {
  it('go both ways', () => {
    expect(splitPeriod('2025-07')).toEqual({ year: 2025, month: 7 });
    expect(joinPeriod(2025, 7)).toBe('2025-07');
    expect(joinPeriod(2026, 12)).toBe('2026-12');
  });
  it('refuse what is not a month', () => {
    expect(() => splitPeriod('2025-13')).toThrow(RangeError);
    expect(() => splitPeriod('2025-7')).toThrow(RangeError);
    expect(() => joinPeriod(2025, 0)).toThrow(RangeError);
    expect(() => joinPeriod(2025, 13)).toThrow(RangeError);
    expect(() => joinPeriod(2025.5, 1)).toThrow(RangeError);
  });
});

describe('yearChoices', () => {
  it('offers the recent years and the next one', () => {
    expect(yearChoices('2026-12', 2026, 2)).toEqual([2024, 2025, 2026, 2027]);
  });
  it('always includes the chosen year', () => {
    expect(yearChoices('2015-03', 2026, 2)).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect(yearChoices('2030-01', 2026, 0)).toEqual([2026, 2027, 2028, 2029, 2030]);
  });
});

describe('calendar dates', () => {
  it('split and join real dates', () => {
    expect(splitDate('2025-10-15')).toEqual({ year: 2025, month: 10, day: 15 });
    expect(joinDate(2025, 10, 15)).toBe('2025-10-15');
    expect(splitDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });
  it('refuse impossible dates', () => {
    expect(() => splitDate('2025-02-29')).toThrow(RangeError);
    expect(() => splitDate('2025-13-01')).toThrow(RangeError);
    expect(() => splitDate('2025-1-01')).toThrow(RangeError);
    expect(() => joinDate(2025, 1, 0)).toThrow(RangeError);
  });
  it('keep the day inside a shorter month', () => {
    expect(joinDate(2025, 2, 31)).toBe('2025-02-28');
    expect(joinDate(2024, 2, 31)).toBe('2024-02-29');
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });
  it('knows today in Jakarta', () => {
    expect(todayInJakarta(new Date('2025-10-14T17:30:00Z'))).toBe('2025-10-15');
    expect(todayInJakarta(new Date('2025-10-14T16:59:00Z'))).toBe('2025-10-14');
  });
});
