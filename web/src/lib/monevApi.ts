// Typed calls of monitoring and evaluation (issue 16): a regency's coverage and one district's
// villages, a province's ranking and overlap, and the denominators and targets they divide by and
// are measured against. The shapes are those of src/services/monev_service.cpp (ToJson) and
// docs/monev.md ("HTTP"). Shares are fractions (0.33), money integer rupiah, months "YYYY-MM".
// Failures are api.ts's ApiError (the server's Indonesian `detail`).

import { buildQuery } from './router';
import { send, sendBytes } from './api';

/** The denominators the product names, in the server's order of preference (KnownDenominators). */
export const KNOWN_DENOMINATORS = ['working_population', 'informal_workers', 'bpu_universe', 'vulnerable_mapped'] as const;
export type KnownDenominator = (typeof KNOWN_DENOMINATORS)[number];

export interface Denominator {
  region_code: string;
  region_name: string;
  year: number;
  name: string;
  /** The server's Indonesian label; the name itself when unknown. */
  label: string;
  value: number;
  source: string;
  /** "YYYY-MM-DD" or "". */
  source_date: string;
  actor: string;
  updated_at: string;
}

export interface Target {
  /** Where it is set: the region itself, its province, or "ID" (the nation). */
  region_code: string;
  region_name: string;
  year: number;
  /** A fraction: 0.33 is 33 %. */
  value: number;
  /** The denominator it is measured on; "" for the default. */
  denominator: string;
  source: string;
  actor: string;
  updated_at: string;
}

/** Why rows of the lists are not persons of the settled list; the parts add up to rows − persons. */
export interface Difference {
  duplicates: number;
  other_regency: number;
  died: number;
  ineligible: number;
  other_removed: number;
}

/** A district or a village of a settled month. */
export interface AreaFigures {
  code: string;
  name: string;
  level: string;
  rows: number;
  persons: number;
  participants: number;
  weighted_participants: number;
  difference: Difference;
  /** participants ÷ persons; null without persons. */
  share_covered: number | null;
  denominator: Denominator | null;
  coverage: number | null;
  /** 1.. among its siblings; 0 unranked. */
  rank: number;
}

export interface ProgramFigures {
  id: number;
  name: string;
  quota: number;
  participants: number;
  weighted_participants: number;
  funding: { source: string; share_bp: number }[];
}

export interface Change {
  period: string;
  participants: number;
  delta: number;
}

export interface TrendMonth {
  period: string;
  rows: number;
  persons: number;
  participants: number;
  coverage: number | null;
}

export interface RegencyMonev {
  regency: { code: string; name: string };
  period_requested: string;
  /** The settled month shown (the newest on or before the one asked); null when none. */
  period: string | null;
  rows: number;
  persons: number;
  participants: number;
  denominator: Denominator | null;
  coverage: number | null;
  /** The target's value (a fraction). */
  target: number | null;
  difference: Difference;
  version: number;
  settled_at: string | null;
  target_detail: Target | null;
  reported_coverage: number | null;
  cleaned_coverage: number | null;
  bpjs_view: { participants: number; coverage: number | null };
  bpu_coverage: number | null;
  planned: { quota: number; coverage: number | null };
  denominators: Denominator[];
  programs: ProgramFigures[];
  funding: { source: string; participants: number }[];
  change: { month: Change | null; year: Change | null };
  trend: TrendMonth[];
  districts: AreaFigures[];
  gaps: AreaFigures[];
  claims: {
    cases: number;
    deaths: number;
    paid_cases: number;
    amount_paid: number;
    waiting: number;
    overdue: number;
    median_days_to_payment: number | null;
  };
  budget: { budget: number; paid: number; absorption: number | null; arrears_months: number; arrears_amount: number };
  unsettled_months: string[];
}

export interface RegencyRow {
  code: string;
  name: string;
  /** The regency's month shown; null when it has none settled on or before the month asked. */
  period: string | null;
  rows: number;
  persons: number;
  participants: number;
  difference: Difference;
  denominator: Denominator | null;
  coverage: number | null;
  planned_quota: number;
  planned_coverage: number | null;
  target: number | null;
  rank: number;
  planned_rank: number;
}

export interface OverlapPair {
  a: string;
  b: string;
  persons: number;
}

export interface ProvinceMonev {
  province: { code: string; name: string };
  period: string;
  regencies: RegencyRow[];
  overlap: {
    pairs: OverlapPair[];
    persons: number;
    persons_total: number;
    participants_total: number;
    /** The participants of the regencies the denominator covers (all, with a province figure). */
    participants_counted: number;
    /** Regencies without a figure of the summed denominator's name: not in the province's coverage. */
    without_denominator: string[];
    denominator: Denominator | null;
    coverage: number | null;
    coverage_after_overlap: number | null;
  };
  target: Target | null;
}

export interface DenominatorInput {
  value: number;
  source: string;
  source_date: string;
}

export interface TargetInput {
  value: number;
  denominator: string;
  source: string;
}

const regencyPath = (code: string) => `/api/v1/regencies/${encodeURIComponent(code)}`;
const provincePath = (code: string) => `/api/v1/provinces/${encodeURIComponent(code)}`;
const regionPath = (code: string) => `/api/v1/regions/${encodeURIComponent(code)}`;

/** A regency's month; `period` "" for the newest settled month. */
export function getRegencyMonev(code: string, period: string, signal?: AbortSignal): Promise<RegencyMonev> {
  return send<RegencyMonev>('GET', `${regencyPath(code)}/coverage${buildQuery({ period })}`, undefined, signal);
}

/** One district's villages in the same month (the drill-down). */
export async function getDistrictVillages(code: string, district: string, period: string, signal?: AbortSignal): Promise<AreaFigures[]> {
  const body = await send<{ items: AreaFigures[] }>(
    'GET',
    `${regencyPath(code)}/coverage/districts/${encodeURIComponent(district)}${buildQuery({ period })}`,
    undefined,
    signal,
  );
  return body.items;
}

/** A province's regencies that the caller may see; `period` "" for this month. */
export function getProvinceMonev(code: string, period: string, signal?: AbortSignal): Promise<ProvinceMonev> {
  return send<ProvinceMonev>('GET', `${provincePath(code)}/coverage${buildQuery({ period })}`, undefined, signal);
}

export async function listDenominators(region: string, signal?: AbortSignal): Promise<Denominator[]> {
  return (await send<{ items: Denominator[] }>('GET', `${regionPath(region)}/denominators`, undefined, signal)).items;
}

export function setDenominator(region: string, year: number, name: string, input: DenominatorInput): Promise<Denominator> {
  return send<Denominator>('PUT', `${regionPath(region)}/denominators/${year}/${encodeURIComponent(name)}`, input);
}

/** Sends a denominator file (.xlsx or .csv) as written; one bad row refuses it whole (400). */
export function importDenominators(file: File): Promise<{ rows: number; stored: number }> {
  return sendBytes<{ rows: number; stored: number }>('POST', '/api/v1/denominators', file, undefined, {
    'X-File-Name': encodeURIComponent(file.name),
  });
}

export async function listTargets(region: string, signal?: AbortSignal): Promise<Target[]> {
  return (await send<{ items: Target[] }>('GET', `${regionPath(region)}/targets`, undefined, signal)).items;
}

export function setTarget(region: string, year: number, input: TargetInput): Promise<Target> {
  return send<Target>('PUT', `${regionPath(region)}/targets/${year}`, input);
}

/** A district's boundary as stored: its geometry and which district it is. */
export interface BoundaryFeature {
  type: 'Feature';
  properties: { district_code: string; name: string };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface Boundaries {
  type: 'FeatureCollection';
  features: BoundaryFeature[];
}

/** The regency's district boundaries; no features when none were uploaded. */
export function getBoundaries(code: string, signal?: AbortSignal): Promise<Boundaries> {
  return send<Boundaries>('GET', `${regencyPath(code)}/boundaries`, undefined, signal);
}

/** Sends a GeoJSON file as written: the features placed on districts, and those that fit none. */
export function uploadBoundaries(code: string, file: File): Promise<{ features: number; matched: number; unmatched: string[] }> {
  return sendBytes('POST', `${regencyPath(code)}/boundaries`, file, undefined, { 'X-File-Name': encodeURIComponent(file.name) });
}

/**
 * The monev documents of a month: the regency's as PDF (the meeting's report) or .xlsx, the
 * province's as .xlsx; `period` "" for the newest settled month (the province: this month).
 */
export const regencyMonevFileUrl = (code: string, format: 'pdf' | 'xlsx', period: string) =>
  `${regencyPath(code)}/monev.${format}${buildQuery({ period })}`;
export const provinceMonevXlsxUrl = (code: string, period: string) => `${provincePath(code)}/monev.xlsx${buildQuery({ period })}`;
