// Typed calls for the monthly verification (verval, issue 12) under
// /api/v1/regencies/{code}/verval… and …/extracts; the shapes are those of
// src/http/verval_routes.cpp (FindingJson, RunJson, SettledJson, JobJson, ExtractBatchJson).
// Failures are api.ts's ApiError (the server's Indonesian `detail`).

import { send, sendBytes } from './api';

/**
 * Finding kinds in the order the server lists them (services::AllFindingKinds), with
 * nik_conflict (a cluster like duplicate) beside duplicate.
 */
export const FINDING_KINDS = [
  'died',
  'duplicate',
  'nik_conflict',
  'other_regency',
  'member_wage',
  'member_other',
  'age',
  'domicile',
  'nik_mismatch',
  'invalid_nik',
  'changed',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_STATES = ['open', 'accepted', 'rejected', 'deferred'] as const;
export type FindingState = (typeof FINDING_STATES)[number];
export type Verdict = 'accept' | 'reject' | 'defer';
export type ExtractKind = 'deaths' | 'members';

/** One field of a compared pair: the comparator's level label and its weight in the score. */
export interface FieldEvidence {
  field: string;
  level: string;
  weight: number;
}

/** The engine's evidence of one pair (duplicate pairs also name their two worker ids). */
export interface PairEvidence {
  probability: number;
  weight: number;
  fields: FieldEvidence[];
  left?: number;
  right?: number;
  death_date?: string;
  kpj?: string;
  segment?: string;
}

/** A worker of the regency as a finding shows it (NIK unmasked: only deciders see findings). */
export interface VervalRecord {
  id: number;
  source_id: string;
  nik: string;
  kk: string;
  name: string;
  name_original: string;
  sex: string;
  birth_place: string;
  birth_date: string | null;
  address: string;
  village_code: string;
  village_name: string;
  occupation: string;
  phone: string;
  status: string;
  source: string;
  death_date: string | null;
  merged_into: number | null;
}

/** A row of the month's death (deaths) or membership (members) extract. */
export interface ExtractRow {
  id: number;
  row_key: string;
  kind: ExtractKind;
  nik: string;
  name: string;
  sex: string;
  birth_date: string;
  death_date: string;
  village_code: string;
  kpj: string;
  segment: string;
}

export interface Finding {
  id: number;
  period: string;
  kind: string;
  worker_id: number;
  other_regency: string;
  confidence: number;
  action: 'automatic' | 'review' | string;
  proposal: string;
  blocking: boolean;
  /** PairEvidence for died/member_*; {pairs, survivor} for duplicate; per-kind facts otherwise. */
  evidence: Record<string, unknown>;
  state: FindingState;
  decided_by: string;
  decided_at: string | null;
  reason: string;
  /** The worker first; for a cluster (duplicate, nik_conflict) its other records after it. */
  workers: VervalRecord[];
  extract: ExtractRow | null;
}

export interface RunReport {
  findings: Record<string, number>;
  automatic: number;
  to_review: number;
}

export interface VervalRun {
  id: number;
  actor: string;
  started_at: string;
  finished_at: string;
  inputs: Record<string, unknown>;
  counts: Partial<RunReport>;
}

export interface VervalJob {
  period: string;
  state: 'running' | 'done' | 'failed';
  stage: string;
  fraction: number;
  actor: string;
  started_at: string;
  report?: RunReport;
  error?: { status: number; detail: string };
}

export interface MonthCounts {
  start: number;
  added: number;
  removed: Record<string, number>;
  end: number;
}

export interface SettledMonth {
  id: number;
  period: string;
  version: number;
  persons: number;
  rows_listed: number;
  settled_at: string;
  actor: string;
  checksum: string;
  minutes_checksum: string;
  counts: Partial<MonthCounts>;
  sources: unknown[];
}

export interface ExtractBatch {
  id: number;
  kind: ExtractKind;
  period: string;
  file_name: string;
  checksum: string;
  actor: string;
  created_at: string;
  read: number;
  accepted: number;
  quarantined: number;
  unchanged: number;
  issues: Record<string, number>;
}

/** The answer to an extract upload; `stored` false: the same file was imported before. */
export interface ExtractReport {
  read: number;
  accepted: number;
  quarantined: number;
  unchanged: number;
  batch_id: number;
  stored: boolean;
  inserted: number;
  changed: number;
  withdrawn: number;
  issues: Record<string, number>;
}

export interface VervalOverview {
  period: string;
  run: VervalRun | null;
  /** kind -> state -> count over the month's findings. */
  counts: Record<string, Partial<Record<FindingState, number>>>;
  open_blocking: number;
  job: VervalJob | null;
  settled: SettledMonth | null;
  extracts: ExtractBatch[];
}

export interface FindingQuery {
  period: string;
  kind?: string;
  state?: string;
  action?: string;
  offset?: number;
  limit?: number;
}

/** One finding's decision, or a bulk decision on every open finding of a kind (and action). */
export type DecisionRequest =
  | { period: string; finding_id: number; verdict: Verdict; reason: string; survivor?: number }
  | { period: string; kind: string; action?: string; verdict: Verdict; reason: string };

const base = (code: string) => `/api/v1/regencies/${encodeURIComponent(code)}`;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

export function getVervalOverview(code: string, period: string, signal?: AbortSignal): Promise<VervalOverview> {
  return send('GET', `${base(code)}/verval?${query({ period })}`, undefined, signal);
}

export async function startVervalRun(code: string, period: string): Promise<VervalJob> {
  const body = await send<{ job: VervalJob }>('POST', `${base(code)}/verval/runs`, { period });
  return body.job;
}

/**
 * A page of findings, most certain first. `total` is the count of all findings the filter
 * selects when the server says it (newer servers), else undefined.
 */
export async function listFindings(
  code: string,
  q: FindingQuery,
  signal?: AbortSignal,
): Promise<{ items: Finding[]; total?: number }> {
  return send('GET', `${base(code)}/verval/findings?${query({ ...q })}`, undefined, signal);
}

export async function decideFindings(code: string, request: DecisionRequest): Promise<number> {
  const body = await send<{ decided: number }>('POST', `${base(code)}/verval/decisions`, request);
  return body.decided;
}

export function settleMonth(code: string, period: string): Promise<SettledMonth> {
  return send('POST', `${base(code)}/verval/settle`, { period });
}

export async function getVervalHistory(code: string, signal?: AbortSignal): Promise<SettledMonth[]> {
  const body = await send<{ items: SettledMonth[] }>('GET', `${base(code)}/verval/history`, undefined, signal);
  return body.items;
}

export function uploadExtract(code: string, kind: ExtractKind, period: string, file: File): Promise<ExtractReport> {
  return sendBytes('POST', `${base(code)}/extracts?${query({ kind, period, file_name: file.name })}`, file);
}

/** Download addresses (plain links: the session cookie goes with them). */
export const minutesUrl = (code: string, period: string) => `${base(code)}/verval/minutes?${query({ period })}`;
export const findingsXlsxUrl = (code: string, period: string) =>
  `${base(code)}/verval/findings.xlsx?${query({ period })}`;

/**
 * How many findings the filter selects: the server's `total` when it sends one, else counted a
 * page of 500 at a time (a few requests even for a large regency's month).
 */
export async function countFindings(code: string, q: Omit<FindingQuery, 'offset' | 'limit'>, signal?: AbortSignal): Promise<number> {
  const limit = 500;
  let counted = 0;
  for (;;) {
    const page = await listFindings(code, { ...q, offset: counted, limit }, signal);
    if (typeof page.total === 'number') return page.total;
    counted += page.items.length;
    if (page.items.length < limit) return counted;
  }
}

/** The demo regency's month extracts (a server in demo mode only). */
export const demoExtractUrl = (code: string, kind: ExtractKind) => `${base(code)}/demo-extracts/${kind}.csv`;

/** Whether the server offers the demo extracts for this regency (HEAD: nothing is downloaded). */
export async function hasDemoExtracts(code: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch(demoExtractUrl(code, 'deaths'), { method: 'HEAD', credentials: 'same-origin', signal });
    return response.ok;
  } catch {
    return false;
  }
}
