import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatPercent, formatRupiah } from './format';

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
