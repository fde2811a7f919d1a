// Pure rules of the monitoring pages (no DOM, no fetch): what the address holds (the month, the
// district opened), the difference between the lists' rows and the verified persons split by
// cause, the bridge from one to the other, changes with their sign, which measure ranks the
// districts, the open problems of a month, the province's overlap in names, the province a
// session looks at, the target and denominator fields as people type them, and the district
// map drawn from uploaded boundaries. Unit tests in logic.test.ts.

import type { SessionRole } from '../../lib/api';
import { formatNumber, type Lang } from '../../lib/format';
import type { MessageKey } from '../../lib/i18n';
import type { AreaFigures, BoundaryFeature, Difference, ProvinceMonev, RegencyMonev } from '../../lib/monevApi';
import { isPeriod } from '../verval/logic';

// --- The address ------------------------------------------------------------------------------

export const MONEV_PATH = '/monev';
export const PROVINCE_PATH = '/monev/provinsi';
export const TARGETS_PATH = '/monev/target';
export const PERIOD_PARAM = 'period';
export const DISTRICT_PARAM = 'kecamatan';

const DISTRICT = /^\d{2}\.\d{2}\.\d{2}$/;

/** What a monev page's address holds: the month asked ("" = the newest) and the district opened. */
export interface MonevState {
  period: string;
  district: string;
}

export function monevStateFromSearch(search: string): MonevState {
  const params = new URLSearchParams(search);
  const period = params.get(PERIOD_PARAM) ?? '';
  const district = params.get(DISTRICT_PARAM) ?? '';
  return { period: isPeriod(period) ? period : '', district: DISTRICT.test(district) ? district : '' };
}

/** Writes the state into `search`, keeping other parameters (the regency); empty values left out. */
export function monevSearch(search: string, state: Partial<MonevState>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of [[PERIOD_PARAM, state.period], [DISTRICT_PARAM, state.district]] as const) {
    if (value === undefined) continue;
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The regency page of `regency` in `period` (as the province page links it). */
export function regencyHref(regency: string, period: string): string {
  const params = new URLSearchParams({ kabupaten: regency });
  if (period) params.set(PERIOD_PARAM, period);
  return `${MONEV_PATH}?${params.toString()}`;
}

// --- Reported against cleaned -----------------------------------------------------------------

/** The causes of the difference, in the order the page, the PDF and docs/monev.md give them. */
export const DIFFERENCE_CAUSES = ['duplicates', 'other_regency', 'died', 'ineligible', 'other_removed'] as const;
export type DifferenceCause = (typeof DIFFERENCE_CAUSES)[number];

export const CAUSE_KEYS: Record<DifferenceCause, MessageKey> = {
  duplicates: 'monev.cause.duplicates',
  other_regency: 'monev.cause.other_regency',
  died: 'monev.cause.died',
  ineligible: 'monev.cause.ineligible',
  other_removed: 'monev.cause.other_removed',
};

export interface CauseRow {
  cause: DifferenceCause;
  count: number;
  /** The cause's part of the whole difference, 0 when there is none. */
  share: number;
}

/** The difference by cause, every cause listed (zeros too), with its part of the total. */
export function differenceRows(difference: Difference): { rows: CauseRow[]; total: number } {
  const total = DIFFERENCE_CAUSES.reduce((sum, c) => sum + difference[c], 0);
  return { rows: DIFFERENCE_CAUSES.map((cause) => ({ cause, count: difference[cause], share: total > 0 ? difference[cause] / total : 0 })), total };
}

/** One bar of the bridge from rows to persons: it floats from `base` up to `base + value`. */
export interface BridgeStep {
  key: 'rows' | DifferenceCause | 'persons';
  base: number;
  value: number;
}

/**
 * The bridge (waterfall) from the rows of the lists to the persons of the settled list: the rows
 * standing on zero, each cause hanging down from what is left before it, the persons on zero.
 */
export function bridgeSteps(rows: number, persons: number, difference: Difference): BridgeStep[] {
  const steps: BridgeStep[] = [{ key: 'rows', base: 0, value: rows }];
  let left = rows;
  for (const cause of DIFFERENCE_CAUSES) {
    const n = difference[cause];
    left -= n;
    steps.push({ key: cause, base: Math.max(left, 0), value: n });
  }
  steps.push({ key: 'persons', base: 0, value: persons });
  return steps;
}

/**
 * Where the bridge's axis starts so that the causes can be seen beside the totals: 0 when the
 * difference is a large part of the rows, else a round figure (two leading digits) below the
 * persons by twice the difference. The page says so under the chart.
 */
export function bridgeAxisFrom(persons: number, difference: number): number {
  const from = persons - 2 * difference;
  if (difference <= 0 || from <= 0) return 0;
  const step = 10 ** Math.max(Math.floor(Math.log10(from)) - 1, 0);
  return Math.floor(from / step) * step;
}

// --- Changes and figures ----------------------------------------------------------------------

/** A change with its sign: 1234 -> "+1.234", -56 -> "−56" (a true minus sign), 0 -> "0". */
export function signedNumber(delta: number, lang: Lang): string {
  if (delta === 0) return formatNumber(0, lang);
  return `${delta > 0 ? '+' : '\u2212'}${formatNumber(Math.abs(delta), lang)}`;
}

/** The change as a share of what it changed from; null when that was nobody. */
export function relativeChange(delta: number, before: number): number | null {
  return before > 0 ? delta / before : null;
}

/** What ranks the districts: coverage when each has a denominator (the server's rule), else the share covered. */
export function districtMeasure(districts: readonly AreaFigures[]): 'coverage' | 'share' {
  return districts.length > 0 && districts.every((d) => d.coverage !== null) ? 'coverage' : 'share';
}

/** The value a district is ranked on (0 when it has none: no persons, no denominator). */
export function measureOf(area: AreaFigures, measure: 'coverage' | 'share'): number | null {
  return measure === 'coverage' ? area.coverage : area.share_covered;
}

/** Persons of the settled list not covered by any program in the month. */
export const uncovered = (area: { persons: number; participants: number }) => Math.max(area.persons - area.participants, 0);

/** How far coverage is from the target: positive when below it, in participants still needed. */
export function participantsToTarget(m: Pick<RegencyMonev, 'participants' | 'target' | 'denominator'>): number | null {
  if (m.target === null || !m.denominator) return null;
  return Math.max(Math.ceil(m.target * m.denominator.value - m.participants - 1e-9), 0);
}

/** What the month shown is against the month asked. */
export function shownMonth(m: Pick<RegencyMonev, 'period' | 'period_requested'>): 'none' | 'older' | 'asked' {
  if (!m.period) return 'none';
  return m.period_requested && m.period !== m.period_requested ? 'older' : 'asked';
}

export interface OpenProblem {
  key: 'unsettled' | 'overdue' | 'arrears';
  count: number;
}

/** The month's open problems, in the order a meeting reads them; empty when there is none. */
export function openProblems(m: Pick<RegencyMonev, 'unsettled_months' | 'claims' | 'budget'>): OpenProblem[] {
  const all: OpenProblem[] = [
    { key: 'unsettled', count: m.unsettled_months.length },
    { key: 'overdue', count: m.claims.overdue },
    { key: 'arrears', count: m.budget.arrears_months },
  ];
  return all.filter((p) => p.count > 0);
}

/** The six months of BPJS's view: a member paid for `months` counts months/6, in full from six. */
export const BPJS_FULL_MONTHS = 6;

// --- The province -----------------------------------------------------------------------------

/**
 * The province a session looks at: the scope of its province-wide role, else the province of the
 * regency chosen in the header.
 */
export function provinceOf(roles: readonly SessionRole[], regencyCode: string): string {
  const wide = roles.find((r) => /^\d{2}$/.test(r.scope));
  return wide ? wide.scope : regencyCode.slice(0, 2);
}

/** Whether the session holds a province-wide role (its Monev opens on the province). */
export function isProvinceWide(roles: readonly SessionRole[]): boolean {
  return roles.some((r) => /^\d{2}$/.test(r.scope));
}

export interface OverlapRow {
  key: string;
  a: { code: string; name: string };
  b: { code: string; name: string };
  persons: number;
}

/** The overlap's pairs with the regencies' names, largest first (then by codes). */
export function overlapRows(p: ProvinceMonev): OverlapRow[] {
  const names = new Map(p.regencies.map((r) => [r.code, r.name]));
  const named = (code: string) => ({ code, name: names.get(code) ?? code });
  return p.overlap.pairs
    .map((pair) => ({ key: `${pair.a}|${pair.b}`, a: named(pair.a), b: named(pair.b), persons: pair.persons }))
    .sort((x, y) => y.persons - x.persons || x.key.localeCompare(y.key));
}

// --- Targets and denominators as typed --------------------------------------------------------

/**
 * A target typed as a percentage ("33", "33,5", "33.25", "33 %") -> the fraction the server
 * stores (0.33, 0.335, 0.3325); null for anything else or outside (0, 100].
 */
export function percentToFraction(text: string): number | null {
  const plain = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(plain)) return null;
  const hundredths = Math.round(Number(plain) * 100);
  if (hundredths <= 0 || hundredths > 10000) return null;
  return hundredths / 10000;
}

/** A fraction as the percentage field shows it: 0.33 -> "33", 0.335 -> "33,5" (id) or "33.5" (en). */
export function fractionToPercentText(value: number, lang: Lang): string {
  const text = String(Math.round(value * 10000) / 100);
  return lang === 'id' ? text.replace('.', ',') : text;
}

/** A count as people type it ("612.000", "612,000", "612 000", "612000") -> 612000; null otherwise. */
export function parseCount(text: string): number | null {
  const plain = text.trim().replace(/[\s\u00a0]/g, '');
  let digits: string;
  if (/^\d+$/.test(plain)) digits = plain;
  else if (/^\d{1,3}([.,]\d{3})+$/.test(plain) && new Set(plain.replace(/\d/g, '')).size === 1) digits = plain.replace(/[.,]/g, '');
  else return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The years a target or denominator form offers: two back to two ahead of `thisYear`, plus `keep`. */
export function formYears(thisYear: number, keep: readonly number[] = []): number[] {
  const years = new Set<number>(keep);
  for (let y = thisYear - 2; y <= thisYear + 2; y += 1) years.add(y);
  return [...years].sort((a, b) => a - b);
}

/** A file name for a chart's image or a table: "monev-35.14-2025-09-kecamatan.png". */
export function downloadName(parts: readonly (string | null | undefined)[], extension: string): string {
  const slug = parts
    .filter((p): p is string => !!p)
    .map((p) => p.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('-');
  return `${slug || 'grafik'}.${extension}`;
}

// --- The district map -------------------------------------------------------------------------

/** One district drawn: its SVG path, and where its name goes (the centre of its largest ring). */
export interface MapShape {
  code: string;
  name: string;
  d: string;
  label: [number, number];
}

type Ring = number[][];

function ringsOf(f: BoundaryFeature): Ring[] {
  return f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
}

/** The area and centre of a ring in projected units (shoelace formula). */
function ringCentre(ring: Ring): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += cross;
    cx += (ring[j][0] + ring[i][0]) * cross;
    cy += (ring[j][1] + ring[i][1]) * cross;
  }
  if (a === 0) return { area: 0, x: ring[0]?.[0] ?? 0, y: ring[0]?.[1] ?? 0 };
  return { area: Math.abs(a / 2), x: cx / (3 * a), y: cy / (3 * a) };
}

/**
 * The districts' boundaries (longitude, latitude) drawn into a box `width` wide and at most
 * `maxHeight` high: an equirectangular projection at the map's middle latitude (enough for a
 * regency), north up, with a small margin.
 */
export function projectDistricts(features: readonly BoundaryFeature[], width: number, maxHeight: number): { width: number; height: number; shapes: MapShape[] } {
  const points = features.flatMap((f) => ringsOf(f).flat());
  if (points.length === 0) return { width, height: 0, shapes: [] };
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const margin = 4;
  const spanX = Math.max((maxLon - minLon) * kx, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (maxHeight - 2 * margin) / spanY);
  const project = (p: number[]): [number, number] => [margin + (p[0] - minLon) * kx * scale, margin + (maxLat - p[1]) * scale];
  const round = (n: number) => Math.round(n * 10) / 10;
  const shapes = features.map((f) => {
    const rings = ringsOf(f).map((ring) => ring.map(project));
    const d = rings.map((ring) => `M${ring.map(([x, y]) => `${round(x)},${round(y)}`).join('L')}Z`).join('');
    const largest = rings.map(ringCentre).reduce((a, b) => (b.area > a.area ? b : a), { area: -1, x: 0, y: 0 });
    return { code: f.properties.district_code, name: f.properties.name, d, label: [round(largest.x), round(largest.y)] as [number, number] };
  });
  return { width: Math.ceil(spanX * scale + 2 * margin), height: Math.ceil(spanY * scale + 2 * margin), shapes };
}

const LIGHT = [0xdc, 0xe8, 0xf5];
const DARK = [0x0b, 0x3a, 0x66];

/**
 * A district's colour on the map: from light (nothing covered) to the product's navy (the
 * highest figure of the regency); grey when it has no figure. `dark` says its name is written
 * in white.
 */
export function mapColour(value: number | null, max: number): { fill: string; dark: boolean } {
  if (value === null) return { fill: '#c9ced4', dark: false };
  const t = max > 0 ? Math.min(Math.max(value / max, 0), 1) : 0;
  const hex = LIGHT.map((l, i) => Math.round(l + (DARK[i] - l) * t).toString(16).padStart(2, '0')).join('');
  return { fill: `#${hex}`, dark: t > 0.5 };
}
