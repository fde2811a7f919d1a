// A month ("YYYY-MM", a verval period) split into the parts a month picker chooses, and the
// years it offers. Pure functions; unit tests in period.test.ts.

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2025-10" -> {year: 2025, month: 10}; RangeError on anything that is not a month. */
export function splitPeriod(period: string): { year: number; month: number } {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`splitPeriod: not a YYYY-MM month: ${period}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** {2025, 3} -> "2025-03"; RangeError for a month outside 1-12 or a year outside 1-9999. */
export function joinPeriod(year: number, month: number): string {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`joinPeriod: no such month: ${year}-${month}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * The years a month picker offers, oldest first: `back` years before `thisYear` to the year
 * after it (a month being prepared), always including the chosen month's own year, so that an
 * old month bookmarked in an address still shows as chosen.
 */
export function yearChoices(period: string, thisYear: number, back = 6): number[] {
  const { year } = splitPeriod(period);
  const first = Math.min(year, thisYear - back);
  const last = Math.max(year, thisYear + 1);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
