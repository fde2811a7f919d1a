import { describe, expect, it } from 'vitest';
import { formatBirth, formatDate, formatDateTime, formatMonth, formatNumber, formatOptionalDate, formatPercent, formatRupiah, formatShare, formatRupiahShort, listPaging, pageRange } from './format';

const NBSP = '\u00a0';

describe('formatNumber', () => {
  it.each([
    [0, 'id', '0'],
    [812, 'id', '812'],
    [28448, 'id', '28.448'],
    [1234567, 'id', '1.234.567'],
    [28448, 'en', '28,448'],
    [-1500, 'id', '-1.500'],
    [2.5, 'id', '2,5'],
  ] as const)('%d in %s is %s', (value, lang, expected) => {
    expect(formatNumber(value, lang)).toBe(expected);
  });

  it('defaults to Indonesian', () => {
    expect(formatNumber(28448)).toBe('28.448');
  });
});

describe('formatPercent', () => {
  it.each([
    [0.527, 'id', '52,7%'],
    [0.527, 'en', '52.7%'],
    [1, 'id', '100,0%'],
  ] as const)('%d in %s is %s', (share, lang, expected) => {
    expect(formatPercent(share, lang)).toBe(expected);
  });
});

describe('formatShare', () => {
  it.each([
    [0.213412, 'id', `21,34${NBSP}%`],
    [0.27, 'id', `27,00${NBSP}%`],
    [0.33, 'en', `33.00${NBSP}%`],
    [1, 'id', `100,00${NBSP}%`],
    [0, 'id', `0,00${NBSP}%`],
    [12.345, 'id', `1.234,50${NBSP}%`],
  ] as const)('%d in %s is %s', (share, lang, expected) => {
    expect(formatShare(share, lang)).toBe(expected);
  });

  it('rejects what is not a number', () => {
    expect(() => formatShare(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatRupiah', () => {
  it.each([
    [2800000000, `Rp${NBSP}2.800.000.000`],
    [16800, `Rp${NBSP}16.800`],
    [0, `Rp${NBSP}0`],
    [-6800, `-Rp${NBSP}6.800`],
  ])('%d is %s', (value, expected) => {
    expect(formatRupiah(value)).toBe(expected);
  });

  it('rejects what is not a number', () => {
    expect(() => formatRupiah(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it.each([
    ['2025-09-24', 'id', '24 September 2025'],
    ['2026-11-23', 'id', '23 November 2026'],
    ['2026-08-01', 'id', '1 Agustus 2026'],
    ['2026-12-31', 'id', '31 Desember 2026'],
    ['2024-02-29', 'id', '29 Februari 2024'],
    ['2026-08-01', 'en', '1 August 2026'],
  ] as const)('%s in %s is %s', (iso, lang, expected) => {
    expect(formatDate(iso, lang)).toBe(expected);
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '23-11-2026', '2026-11-23T00:00:00Z', ''])(
    'rejects %j',
    (bad) => {
      expect(() => formatDate(bad)).toThrow(RangeError);
    },
  );
});

describe('formatDateTime', () => {
  it('writes the date with the month name and the time with a dot in Indonesian', () => {
    expect(formatDateTime('2026-11-23T03:00:00Z', 'id', 'Asia/Jakarta')).toBe('23 November 2026 10.00');
    expect(formatDateTime('2026-11-23T03:05:00Z', 'en', 'UTC')).toBe('23 November 2026 03:05');
  });

  it('moves to the next day across midnight in the given zone', () => {
    expect(formatDateTime('2026-12-31T17:30:00Z', 'id', 'Asia/Jakarta')).toBe('1 Januari 2027 00.30');
  });

  it('returns what is not a timestamp unchanged', () => {
    // Without a zone: the office's (WIB), not the browser's.
    expect(formatDateTime('2026-11-23T22:08:00Z', 'id')).toBe('24 November 2026 05.08');
    expect(formatDateTime('bukan waktu', 'id')).toBe('bukan waktu');
    expect(formatDateTime('', 'id')).toBe('');
  });
});

describe('formatMonth', () => {
  it('writes a period as the month and year', () => {
    expect(formatMonth('2025-10')).toBe('Oktober 2025');
    expect(formatMonth('2026-01', 'en')).toBe('January 2026');
    expect(formatMonth('2025-12', 'id')).toBe('Desember 2025');
  });

  it('refuses what is not a month', () => {
    expect(() => formatMonth('2025-13')).toThrow(RangeError);
    expect(() => formatMonth('2025-1')).toThrow(RangeError);
    expect(() => formatMonth('')).toThrow(RangeError);
  });
});

describe('formatBirth', () => {
  it('shows the date when given, else the year, else a dash', () => {
    expect(formatBirth('1980-05-17', 1980, 'id')).toBe('17 Mei 1980');
    expect(formatBirth(null, 1980, 'id')).toBe('1980');
    expect(formatBirth(null, null, 'id')).toBe('–');
  });
});

describe('formatOptionalDate', () => {
  it('formats a date and shows a dash for none', () => {
    expect(formatOptionalDate('1980-05-17', 'id')).toBe('17 Mei 1980');
    expect(formatOptionalDate(null, 'id')).toBe('–');
    expect(formatOptionalDate('', 'en')).toBe('–');
  });

  it('shows an impossible date as given instead of throwing', () => {
    expect(formatOptionalDate('1980-02-30', 'id')).toBe('1980-02-30');
  });
});

describe('pageRange', () => {
  it.each([
    [1, 50, 28448, 1, 50],
    [2, 50, 28448, 51, 100],
    [569, 50, 28448, 28401, 28448],
    [1, 50, 7, 1, 7],
    [1, 50, 0, 0, 0],
    [3, 50, 100, 0, 0],
    [0, 50, 100, 0, 0],
  ])('page %i of %i with %i rows -> %i–%i', (page, size, total, from, to) => {
    expect(pageRange(page, size, total)).toEqual({ from, to });
  });
});

describe('listPaging', () => {
  it('pages an exact total as before', () => {
    expect(listPaging(2, 50, 120, true, 50)).toEqual({ from: 51, to: 100, pages: 3, more: false, hasNext: true });
    expect(listPaging(3, 50, 120, true, 20)).toEqual({ from: 101, to: 120, pages: 3, more: false, hasNext: false });
  });

  it('treats an inexact total as "more than": the range ends at the rows shown, a next page exists', () => {
    expect(listPaging(1, 50, 10000, false, 50)).toEqual({ from: 1, to: 50, pages: 200, more: true, hasNext: true });
    // Past the counting cap the server counts to the end of the page asked for.
    expect(listPaging(300, 50, 15000, false, 50)).toEqual({ from: 14951, to: 15000, pages: 300, more: true, hasNext: true });
  });
});

describe('formatRupiahShort', () => {
  it.each([
    [2800000000, 'id', `Rp${NBSP}2,8${NBSP}M`],
    [477926400, 'id', `Rp${NBSP}477,9${NBSP}jt`],
    [500000000, 'id', `Rp${NBSP}500${NBSP}jt`],
    [16800, 'id', `Rp${NBSP}16,8${NBSP}rb`],
    [0, 'id', `Rp${NBSP}0`],
    [-67558400, 'id', `-Rp${NBSP}67,6${NBSP}jt`],
    [2800000000, 'en', `Rp${NBSP}2.8${NBSP}bn`],
    [1500000000000, 'en', `Rp${NBSP}1.5${NBSP}tn`],
  ] as const)('%d in %s is %s', (value, lang, expected) => {
    expect(formatRupiahShort(value, lang)).toBe(expected);
  });
});
