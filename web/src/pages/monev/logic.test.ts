import { describe, expect, it } from 'vitest';
import type { SessionRole } from '../../lib/api';
import type { AreaFigures, BoundaryFeature, ProvinceMonev, RegencyMonev } from '../../lib/monevApi';
import {
  bridgeAxisFrom,
  bridgeSteps,
  differenceRows,
  districtMeasure,
  downloadName,
  formYears,
  fractionToPercentText,
  isProvinceWide,
  mapColour,
  monevSearch,
  monevStateFromSearch,
  openProblems,
  overlapRows,
  parseCount,
  participantsToTarget,
  percentToFraction,
  projectDistricts,
  provinceOf,
  regencyHref,
  relativeChange,
  shownMonth,
  signedNumber,
  uncovered,
} from './logic';

const difference = { duplicates: 1200, other_regency: 40, died: 310, ineligible: 520, other_removed: 8 };

const area = (patch: Partial<AreaFigures>): AreaFigures => ({
  code: '35.14.01',
  name: 'Purwodadi',
  level: 'district',
  rows: 0,
  persons: 0,
  participants: 0,
  weighted_participants: 0,
  difference: { duplicates: 0, other_regency: 0, died: 0, ineligible: 0, other_removed: 0 },
  share_covered: null,
  denominator: null,
  coverage: null,
  rank: 0,
  ...patch,
});

const role = (scope: string): SessionRole => ({ role: 'x', name: 'X', scope, scope_name: scope });

describe('the address', () => {
  it('reads the month and the district, dropping what is malformed', () => {
    expect(monevStateFromSearch('?kabupaten=35.14&period=2025-09&kecamatan=35.14.02')).toEqual({ period: '2025-09', district: '35.14.02' });
    expect(monevStateFromSearch('?period=2025-13&kecamatan=35.14')).toEqual({ period: '', district: '' });
    expect(monevStateFromSearch('')).toEqual({ period: '', district: '' });
  });
  it('writes them keeping the regency, and removes what is emptied', () => {
    expect(monevSearch('?kabupaten=35.14', { period: '2025-09' })).toBe('?kabupaten=35.14&period=2025-09');
    expect(monevSearch('?kabupaten=35.14&period=2025-09&kecamatan=35.14.02', { district: '' })).toBe('?kabupaten=35.14&period=2025-09');
    expect(monevSearch('?period=2025-09', { period: '' })).toBe('');
  });
  it('links a regency of the province page to its own page in the same month', () => {
    expect(regencyHref('35.13', '2025-09')).toBe('/monev?kabupaten=35.13&period=2025-09');
    expect(regencyHref('35.13', '')).toBe('/monev?kabupaten=35.13');
  });
});

describe('reported against cleaned', () => {
  it('lists every cause in order, zeros too, with its part of the difference', () => {
    const { rows, total } = differenceRows({ ...difference, other_removed: 0 });
    expect(total).toBe(2070);
    expect(rows.map((r) => r.cause)).toEqual(['duplicates', 'other_regency', 'died', 'ineligible', 'other_removed']);
    expect(rows[4]).toEqual({ cause: 'other_removed', count: 0, share: 0 });
    expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 12);
  });
  it('has no shares when nothing differs', () => {
    const { rows, total } = differenceRows({ duplicates: 0, other_regency: 0, died: 0, ineligible: 0, other_removed: 0 });
    expect(total).toBe(0);
    expect(rows.every((r) => r.share === 0)).toBe(true);
  });
  it('bridges rows to persons: each cause hangs from what is left before it', () => {
    const rows = 28448;
    const persons = rows - 2078;
    const steps = bridgeSteps(rows, persons, difference);
    expect(steps.map((s) => s.key)).toEqual(['rows', 'duplicates', 'other_regency', 'died', 'ineligible', 'other_removed', 'persons']);
    expect(steps[0]).toEqual({ key: 'rows', base: 0, value: rows });
    expect(steps[1]).toEqual({ key: 'duplicates', base: rows - 1200, value: 1200 });
    expect(steps[2]).toEqual({ key: 'other_regency', base: rows - 1240, value: 40 });
    // The last cause ends where the persons begin.
    expect(steps[5].base).toBe(persons);
    expect(steps[6]).toEqual({ key: 'persons', base: 0, value: persons });
  });
});

describe('the bridge axis', () => {
  it('starts below the persons when the difference is small, at a round figure', () => {
    expect(bridgeAxisFrom(25995, 2453)).toBe(21000);
    expect(bridgeAxisFrom(980, 10)).toBe(960);
  });
  it('starts at zero when the difference is large or nothing differs', () => {
    expect(bridgeAxisFrom(100, 60)).toBe(0);
    expect(bridgeAxisFrom(25995, 0)).toBe(0);
  });
});

describe('changes and figures', () => {
  it('writes a change with its sign and a true minus', () => {
    expect(signedNumber(1234, 'id')).toBe('+1.234');
    expect(signedNumber(-56, 'id')).toBe('\u221256');
    expect(signedNumber(0, 'id')).toBe('0');
    expect(signedNumber(1234, 'en')).toBe('+1,234');
  });
  it('gives a change relative to what it changed from, not from nobody', () => {
    expect(relativeChange(50, 200)).toBe(0.25);
    expect(relativeChange(50, 0)).toBeNull();
  });
  it('ranks districts by coverage only when every one has it', () => {
    expect(districtMeasure([area({ coverage: 0.2 }), area({ coverage: 0.1 })])).toBe('coverage');
    expect(districtMeasure([area({ coverage: 0.2 }), area({ coverage: null })])).toBe('share');
    expect(districtMeasure([])).toBe('share');
  });
  it('counts the persons not covered, never below zero', () => {
    expect(uncovered({ persons: 120, participants: 80 })).toBe(40);
    expect(uncovered({ persons: 0, participants: 0 })).toBe(0);
  });
  it('says how many participants the target still needs', () => {
    const denominator = { value: 9000 } as RegencyMonev['denominator'];
    expect(participantsToTarget({ participants: 1493, target: 0.33, denominator })).toBe(1477);
    expect(participantsToTarget({ participants: 3000, target: 0.33, denominator })).toBe(0);
    expect(participantsToTarget({ participants: 1493, target: null, denominator })).toBeNull();
    expect(participantsToTarget({ participants: 1493, target: 0.33, denominator: null })).toBeNull();
  });
  it('tells the month shown from the month asked', () => {
    expect(shownMonth({ period: null, period_requested: '2025-09' })).toBe('none');
    expect(shownMonth({ period: '2025-08', period_requested: '2025-09' })).toBe('older');
    expect(shownMonth({ period: '2025-09', period_requested: '2025-09' })).toBe('asked');
    expect(shownMonth({ period: '2025-09', period_requested: '' })).toBe('asked');
  });
  it('lists only the open problems there are, in the meeting order', () => {
    const claims = { cases: 0, deaths: 0, paid_cases: 0, amount_paid: 0, waiting: 0, overdue: 2, median_days_to_payment: null };
    const budget = { budget: 0, paid: 0, absorption: null, arrears_months: 1, arrears_amount: 5 };
    expect(openProblems({ unsettled_months: ['2025-10'], claims, budget }).map((p) => [p.key, p.count])).toEqual([
      ['unsettled', 1],
      ['overdue', 2],
      ['arrears', 1],
    ]);
    expect(openProblems({ unsettled_months: [], claims: { ...claims, overdue: 0 }, budget: { ...budget, arrears_months: 0 } })).toEqual([]);
  });
});

describe('the province', () => {
  it('is the province-wide role’s, else the chosen regency’s', () => {
    expect(provinceOf([role('35.14')], '35.14')).toBe('35');
    expect(provinceOf([role('35.14'), role('36')], '35.14')).toBe('36');
    expect(isProvinceWide([role('35')])).toBe(true);
    expect(isProvinceWide([role('35.14')])).toBe(false);
  });
  it('names the overlap’s pairs, largest first', () => {
    const p = {
      regencies: [
        { code: '35.13', name: 'Kabupaten Probolinggo' },
        { code: '35.14', name: 'Kabupaten Pasuruan' },
      ],
      overlap: { pairs: [{ a: '35.13', b: '35.14', persons: 20 }, { a: '35.09', b: '35.13', persons: 31 }] },
    } as unknown as ProvinceMonev;
    const rows = overlapRows(p);
    expect(rows.map((r) => r.persons)).toEqual([31, 20]);
    expect(rows[1].a.name).toBe('Kabupaten Probolinggo');
    expect(rows[1].b.name).toBe('Kabupaten Pasuruan');
    // A regency the caller does not see the row of keeps its code.
    expect(rows[0].a).toEqual({ code: '35.09', name: '35.09' });
  });
});

describe('targets and denominators as typed', () => {
  it.each([
    ['33', 0.33],
    ['33,5', 0.335],
    ['33.25', 0.3325],
    [' 33 % ', 0.33],
    ['100', 1],
    ['0,01', 0.0001],
  ])('reads the target %s as %d', (text, fraction) => {
    expect(percentToFraction(text)).toBe(fraction);
  });
  it.each(['', '0', '100,01', '-5', 'tiga puluh', '33,333', '0.33e2'])('refuses the target %s', (text) => {
    expect(percentToFraction(text)).toBeNull();
  });
  it('shows a stored fraction as the percentage typed', () => {
    expect(fractionToPercentText(0.33, 'id')).toBe('33');
    expect(fractionToPercentText(0.335, 'id')).toBe('33,5');
    expect(fractionToPercentText(0.335, 'en')).toBe('33.5');
    expect(percentToFraction(fractionToPercentText(0.3325, 'id'))).toBe(0.3325);
  });
  it.each([
    ['612.000', 612000],
    ['612,000', 612000],
    ['612 000', 612000],
    ['612000', 612000],
    ['1.234.567', 1234567],
  ])('reads the count %s', (text, value) => {
    expect(parseCount(text)).toBe(value);
  });
  it.each(['', '0', '612,5', '61.20.00', '1.234,567', '-4', 'dua'])('refuses the count %s', (text) => {
    expect(parseCount(text)).toBeNull();
  });
  it('offers the years around this one and those already stored', () => {
    expect(formYears(2026)).toEqual([2024, 2025, 2026, 2027, 2028]);
    expect(formYears(2026, [2019, 2025])).toEqual([2019, 2024, 2025, 2026, 2027, 2028]);
  });
  it('names downloads plainly', () => {
    expect(downloadName(['monev', '35.14', '2025-09', 'kecamatan'], 'png')).toBe('monev-35.14-2025-09-kecamatan.png');
    expect(downloadName(['Monev', null, 'Desa & Kelurahan'], 'png')).toBe('monev-desa-kelurahan.png');
    expect(downloadName([], 'png')).toBe('grafik.png');
  });
});

describe('the district map', () => {
  const square = (code: string, lon: number, lat: number, size: number): BoundaryFeature => ({
    type: 'Feature',
    properties: { district_code: code, name: code },
    geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]] },
  });
  it('draws the districts north up inside the box, each with a label at its centre', () => {
    const { width, height, shapes } = projectDistricts([square('a', 112.0, -7.7, 0.1), square('b', 112.1, -7.7, 0.1)], 400, 400);
    expect(shapes.map((s) => s.code)).toEqual(['a', 'b']);
    expect(width).toBeLessThanOrEqual(400);
    expect(height).toBeLessThan(width); // two squares side by side: wider than high
    expect(shapes[0].d.startsWith('M4,')).toBe(true);
    expect(shapes[0].d.endsWith('Z')).toBe(true);
    // The label of the western square is left of the eastern one's, both at the same height.
    expect(shapes[0].label[0]).toBeLessThan(shapes[1].label[0]);
    expect(shapes[0].label[1]).toBeCloseTo(shapes[1].label[1], 5);
    // North up: the square's northern edge (lat + size) is drawn at the top margin.
    expect(shapes[0].d).toContain(',4L');
  });
  it('draws every part of a MultiPolygon and labels its largest part', () => {
    const multi: BoundaryFeature = {
      type: 'Feature',
      properties: { district_code: 'm', name: 'M' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [square('x', 112, -7.7, 0.01).geometry.coordinates as number[][][], square('y', 112.5, -7.7, 0.2).geometry.coordinates as number[][][]],
      },
    };
    const { shapes } = projectDistricts([multi], 500, 300);
    expect(shapes[0].d.match(/M/g)).toHaveLength(2);
    expect(shapes[0].label[0]).toBeGreaterThan(250);
  });
  it('draws nothing without boundaries', () => {
    expect(projectDistricts([], 400, 300).shapes).toEqual([]);
  });
  it('colours from light to navy, grey without a figure', () => {
    expect(mapColour(0, 0.4)).toEqual({ fill: '#dce8f5', dark: false });
    expect(mapColour(0.4, 0.4)).toEqual({ fill: '#0b3a66', dark: true });
    expect(mapColour(null, 0.4).fill).toBe('#c9ced4');
    expect(mapColour(0.1, 0).fill).toBe('#dce8f5');
  });
});
