// A month ("YYYY-MM", a verval period) or a date ("YYYY-MM-DD") split into the parts a month or
// date picker chooses, and the years it offers. Pure functions; unit tests in period.test.ts.

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

// --- Calendar dates ("YYYY-MM-DD"), for a date picker in the UI's words ----------------------

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Days in a month of a year (the Gregorian calendar): 2024-02 -> 29. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2025-10-15" -> {year: 2025, month: 10, day: 15}; RangeError on anything that is not a real date. */
export function splitDate(date: string): { year: number; month: number; day: number } {
  const match = DATE.exec(date);
  const parts = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (!parts || parts.day > daysInMonth(parts.year, parts.month)) throw new RangeError(`splitDate: no such date: ${date}`);
  return parts;
}

/**
 * {2025, 10, 15} -> "2025-10-15". A day past the month's end is its last day ({2025, 2, 31} ->
 * "2025-02-28"), so that choosing another month in a picker never makes an impossible date.
 */
export function joinDate(year: number, month: number, day: number): string {
  const period = joinPeriod(year, month);
  if (!Number.isInteger(day) || day < 1) throw new RangeError(`joinDate: no such day: ${day}`);
  return `${period}-${String(Math.min(day, daysInMonth(year, month))).padStart(2, '0')}`;
}

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000; // Western Indonesian Time, UTC+7, no daylight saving

/** Today's date in Jakarta ("2025-10-15"), whatever the browser's time zone. */
export function todayInJakarta(now: Date = new Date()): string {
  return new Date(now.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}
