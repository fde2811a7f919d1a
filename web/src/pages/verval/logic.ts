// Pure rules of the verval pages (no DOM, no fetch): the month (period) of the page, the
// engine's evidence in words, which fields of the records side by side differ, what a key does
// in the review queue, the run's progress as a small state machine for polling, and the counts
// and history tables. Unit tests: logic.test.ts.

import { ApiError } from '../../lib/api';
import type { MessageKey } from '../../lib/i18n';
import { dictionaries } from '../../lib/i18n';
import {
  FINDING_KINDS,
  FINDING_STATES,
  type ExtractRow,
  type FieldEvidence,
  type Finding,
  type FindingState,
  type RunReport,
  type SettledMonth,
  type VervalJob,
  type VervalRecord,
} from '../../lib/vervalApi';

/**
 * What to tell the person about a failed call: the server's own words (its problem detail is
 * Indonesian and safe to show), or `network` when the server could not be reached.
 */
export function failureText(error: unknown, network: string): string {
  if (error instanceof ApiError && error.status === 0) return network;
  return error instanceof Error ? error.message : String(error);
}

// --- The month ------------------------------------------------------------------------------

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000; // Western Indonesian Time, UTC+7, no daylight saving

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

/** The month it is now in Jakarta ("2025-10"), whatever the browser's time zone. */
export function currentPeriod(now: Date = new Date()): string {
  const wib = new Date(now.getTime() + WIB_OFFSET_MS);
  return `${wib.getUTCFullYear()}-${String(wib.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month `months` after (or, negative, before) `period`. */
export function shiftPeriod(period: string, months: number): string {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`shiftPeriod: not a YYYY-MM month: ${period}`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const PERIOD_PARAM = 'periode';
export const VIEW_PARAM = 'tampilan';
export const KIND_PARAM = 'jenis';
export type VervalView = 'month' | 'review' | 'history';
const VIEW_CODES: Record<Exclude<VervalView, 'month'>, string> = { review: 'tinjau', history: 'riwayat' };

/** What the page's address holds: the month, the view, and the review queue's kind ('' = its default). */
export interface PageState {
  period: string;
  view: VervalView;
  kind: string;
}

/**
 * The page's state from its query string; a missing or bad month is `defaultPeriod` when it is
 * a month (the demo regency's own month), else this month.
 */
export function pageStateFromSearch(search: string, now: Date = new Date(), defaultPeriod?: string): PageState {
  const params = new URLSearchParams(search);
  const period = params.get(PERIOD_PARAM) ?? '';
  const code = params.get(VIEW_PARAM);
  const view = (Object.keys(VIEW_CODES) as (keyof typeof VIEW_CODES)[]).find((v) => VIEW_CODES[v] === code) ?? 'month';
  const kind = params.get(KIND_PARAM) ?? '';
  const fallback = defaultPeriod !== undefined && isPeriod(defaultPeriod) ? defaultPeriod : currentPeriod(now);
  return { period: isPeriod(period) ? period : fallback, view, kind: /^[a-z_]{1,32}$/.test(kind) ? kind : '' };
}

/** Writes the page's state into `search`, keeping other parameters (the regency); defaults left out. */
export function pageSearch(search: string, state: PageState): string {
  const params = new URLSearchParams(search);
  params.set(PERIOD_PARAM, state.period);
  if (state.view === 'month') params.delete(VIEW_PARAM);
  else params.set(VIEW_PARAM, VIEW_CODES[state.view]);
  if (state.view === 'review' && state.kind) params.set(KIND_PARAM, state.kind);
  else params.delete(KIND_PARAM);
  return `?${params.toString()}`;
}

// --- Evidence in words ----------------------------------------------------------------------

export type Tone = 'for' | 'against' | 'neutral';

/**
 * One statement of the evidence: a message key with its parameters, and whether it speaks for
 * the finding (a field that agrees, a NIK that fails its check), against it (a field that
 * disagrees), or neither (a fact such as the death date).
 */
export interface EvidenceWord {
  key: MessageKey;
  params?: Record<string, string | number>;
  tone: Tone;
}

const hasKey = (key: string): key is MessageKey => key in dictionaries.id;

/**
 * The per-field comparison of a pair in words ("NIK sama persis", "Nama mirip bunyinya",
 * "Tanggal lahir: hari dan bulan tertukar"), in the engine's field order. A field missing on one
 * side says nothing (weight 0) and is left out; an unknown field or level is named as it is.
 */
export function fieldWords(fields: readonly FieldEvidence[]): EvidenceWord[] {
  const words: EvidenceWord[] = [];
  for (const f of fields) {
    if (f.level === 'missing') continue;
    const tone: Tone = f.weight > 0 ? 'for' : f.weight < 0 ? 'against' : 'neutral';
    const key = `verval.ev.${f.field}.${f.level}`;
    if (hasKey(key)) words.push({ key, tone });
    else words.push({ key: 'verval.ev.unknown', params: { field: f.field, level: f.level }, tone });
  }
  return words;
}

/** Fields the pair could not compare because one side lacks them ("NIK kosong di salah satu data"). */
export function missingFields(fields: readonly FieldEvidence[]): string[] {
  return fields.filter((f) => f.level === 'missing').map((f) => f.field);
}

const asNumber = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const asString = (value: unknown): string => (typeof value === 'string' ? value : '');
const asFields = (value: unknown): FieldEvidence[] =>
  Array.isArray(value)
    ? value.filter((f): f is FieldEvidence => typeof f === 'object' && f !== null && 'field' in f && 'level' in f)
    : [];

/** A compared pair of records with its score and its words. */
export interface PairWords {
  /** Worker ids of a duplicate pair; undefined for worker-to-extract pairs. */
  left?: number;
  right?: number;
  probability?: number;
  words: EvidenceWord[];
  missing: string[];
}

/** What the engine found, in words: the compared pairs and the finding's other facts. */
export interface EvidenceView {
  pairs: PairWords[];
  facts: EvidenceWord[];
}

function pairOf(evidence: Record<string, unknown>): PairWords {
  const fields = asFields(evidence.fields);
  return {
    left: asNumber(evidence.left),
    right: asNumber(evidence.right),
    probability: asNumber(evidence.probability),
    words: fieldWords(fields),
    missing: missingFields(fields),
  };
}

/** The evidence of a finding in words, by kind (shapes: services/verval_service.cpp). */
export function evidenceView(finding: Pick<Finding, 'kind' | 'evidence' | 'other_regency'>): EvidenceView {
  const e = finding.evidence ?? {};
  const facts: EvidenceWord[] = [];
  switch (finding.kind) {
    case 'duplicate': {
      const pairs = Array.isArray(e.pairs) ? (e.pairs as Record<string, unknown>[]).map(pairOf) : [];
      return { pairs, facts };
    }
    case 'nik_conflict':
      facts.push({ key: 'verval.ev.nikShared', params: { count: asNumber(e.records) ?? '–' }, tone: 'for' });
      return { pairs: [], facts };
    case 'died':
      if (asString(e.death_date)) facts.push({ key: 'verval.ev.deathDate', params: { date: asString(e.death_date) }, tone: 'neutral' });
      return { pairs: [pairOf(e)], facts };
    case 'member_wage':
    case 'member_other':
      facts.push({
        key: e.segment === 'PU' ? 'verval.ev.memberPU' : 'verval.ev.memberBPU',
        params: { kpj: asString(e.kpj) || '–' },
        tone: 'neutral',
      });
      return { pairs: [pairOf(e)], facts };
    case 'invalid_nik':
      for (const code of Array.isArray(e.issues) ? (e.issues as unknown[]).map(asString) : []) {
        const key = `verval.issue.${code}`;
        facts.push(hasKey(key) ? { key, tone: 'for' } : { key: 'verval.ev.code', params: { code }, tone: 'for' });
      }
      return { pairs: [], facts };
    case 'nik_mismatch':
      if (e.day_month_swapped === true) facts.push({ key: 'verval.ev.nikSwapped', tone: 'for' });
      else if (e.birth_date_agrees === false) facts.push({ key: 'verval.ev.nikBirthDate', tone: 'for' });
      if (e.sex_agrees === false) facts.push({ key: 'verval.ev.nikSex', tone: 'for' });
      return { pairs: [], facts };
    case 'age':
      facts.push({
        key: 'verval.ev.age',
        params: { age: asNumber(e.age) ?? '–', min: asNumber(e.min_age) ?? '–', max: asNumber(e.max_age) ?? '–' },
        tone: 'for',
      });
      if (asString(e.reference)) facts.push({ key: 'verval.ev.ageRule', params: { reference: asString(e.reference) }, tone: 'neutral' });
      return { pairs: [], facts };
    case 'domicile':
      facts.push({ key: 'verval.ev.domicile', params: { code: asString(e.village_code) }, tone: 'for' });
      return { pairs: [], facts };
    case 'other_regency': {
      facts.push({ key: 'verval.ev.otherRegency', params: { regency: finding.other_regency || asString(e.regency) }, tone: 'for' });
      const rule = `verval.ev.rule${asNumber(e.rule) ?? ''}`;
      if (hasKey(rule)) facts.push({ key: rule, tone: 'for' });
      return { pairs: [], facts };
    }
    case 'changed': {
      const key = `verval.ev.change.${asString(e.change)}`;
      facts.push(hasKey(key) ? { key, tone: 'neutral' } : { key: 'verval.ev.code', params: { code: asString(e.change) }, tone: 'neutral' });
      return { pairs: [], facts };
    }
    default:
      return { pairs: Array.isArray(e.fields) ? [pairOf(e)] : [], facts };
  }
}

// --- Records side by side ---------------------------------------------------------------------

/** One column of the comparison: a worker of the registry or a row of an extract. */
export type Column = { type: 'worker'; record: VervalRecord } | { type: 'extract'; row: ExtractRow };

export interface CompareRow {
  field: string;
  label: MessageKey;
  /** The value in each column as shown ('' when the column has none). */
  values: string[];
  /** Whether the row is a comparison (a field every column has) or information of one side. */
  compared: boolean;
  /** Per column: its value differs from the first column's (both present). */
  differs: boolean[];
  /** Per column: the first column has a value and this one has none (or the other way round). */
  missing: boolean[];
}

/** Values compared the way a person reads them: case, spacing and punctuation do not count. */
export function normalizeValue(field: string, value: string): string {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (field === 'nik' || field === 'kk' || field === 'phone') return trimmed.replace(/[\s.-]/g, '');
  if (field === 'name' || field === 'birth_place' || field === 'address') {
    return trimmed.toUpperCase().replace(/[.,'`]/g, '').replace(/\s+/g, ' ');
  }
  return trimmed;
}

interface FieldSpec {
  field: string;
  label: MessageKey;
  worker?: (r: VervalRecord) => string;
  /** undefined: this kind of extract row does not carry the field. */
  extract?: (r: ExtractRow) => string | undefined;
}

// Fields in the order of the comparison table; `extract` says which an extract row carries.
const FIELDS: FieldSpec[] = [
  { field: 'nik', label: 'field.nik', worker: (r) => r.nik, extract: (r) => r.nik },
  { field: 'name', label: 'field.name', worker: (r) => r.name_original || r.name, extract: (r) => r.name },
  { field: 'sex', label: 'field.sex', worker: (r) => r.sex, extract: (r) => (r.kind === 'deaths' ? r.sex : undefined) },
  { field: 'birth_date', label: 'field.birth_date', worker: (r) => r.birth_date ?? '', extract: (r) => r.birth_date },
  { field: 'birth_place', label: 'field.birth_place', worker: (r) => r.birth_place },
  {
    field: 'village',
    label: 'field.village',
    worker: (r) => r.village_code,
    extract: (r) => (r.kind === 'deaths' ? r.village_code : undefined),
  },
  { field: 'address', label: 'field.address', worker: (r) => r.address },
  { field: 'kk', label: 'field.kk', worker: (r) => r.kk },
  { field: 'phone', label: 'field.phone', worker: (r) => r.phone },
  { field: 'occupation', label: 'field.occupation', worker: (r) => r.occupation },
  { field: 'death_date', label: 'verval.field.death_date', extract: (r) => (r.kind === 'deaths' ? r.death_date : undefined) },
  { field: 'kpj', label: 'verval.field.kpj', extract: (r) => (r.kind === 'members' ? r.kpj : undefined) },
  { field: 'segment', label: 'verval.field.segment', extract: (r) => (r.kind === 'members' ? r.segment : undefined) },
  { field: 'status', label: 'field.status', worker: (r) => r.status },
  { field: 'source', label: 'field.source', worker: (r) => r.source },
  { field: 'source_id', label: 'verval.field.source_id', worker: (r) => r.source_id },
];

function valueOf(spec: FieldSpec, column: Column): string | undefined {
  if (column.type === 'worker') return spec.worker?.(column.record);
  return spec.extract?.(column.row);
}

/**
 * The rows of the side-by-side table. A field is compared when every column kind carries it
 * (an extract row has no address); a cell differs when it has a value and so has the first
 * column, and the two differ once case and spacing are ignored. Rows empty in every column are
 * left out.
 */
export function compareColumns(columns: readonly Column[]): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const spec of FIELDS) {
    const raw = columns.map((c) => valueOf(spec, c));
    if (raw.every((v) => v === undefined)) continue;
    const values = raw.map((v) => v ?? '');
    if (values.every((v) => v.trim() === '')) continue;
    const compared = raw.every((v) => v !== undefined) && columns.length > 1;
    const first = normalizeValue(spec.field, values[0]);
    const differs = values.map((v, i) => {
      if (!compared || i === 0) return false;
      const here = normalizeValue(spec.field, v);
      return here !== '' && first !== '' && here !== first;
    });
    const missing = values.map((v, i) => compared && i > 0 && (v.trim() === '') !== (first === ''));
    if (compared && differs.some(Boolean)) differs[0] = true;
    if (compared && missing.some(Boolean)) missing[0] = values[0].trim() === '';
    rows.push({ field: spec.field, label: spec.label, values, compared, differs, missing });
  }
  return rows;
}

/** Kinds whose finding is a cluster of the regency's records, merged into a survivor on accept. */
export const isClusterKind = (kind: string) => kind === 'duplicate' || kind === 'nik_conflict';

/** The proposed survivor of a cluster (evidence.survivor, else the finding's worker). */
export function survivorOf(finding: Pick<Finding, 'evidence' | 'worker_id'>): number {
  const survivor = finding.evidence?.survivor;
  return typeof survivor === 'number' ? survivor : finding.worker_id;
}

/** The columns of a finding: a duplicate's records, the proposed survivor first; or the worker and its extract row. */
export function columnsOf(finding: Pick<Finding, 'workers' | 'extract' | 'evidence' | 'worker_id'>): Column[] {
  const survivor = survivorOf(finding);
  const workers = [...finding.workers].sort((a, b) => Number(b.id === survivor) - Number(a.id === survivor));
  const columns: Column[] = workers.map((record) => ({ type: 'worker', record }));
  if (finding.extract) columns.push({ type: 'extract', row: finding.extract });
  return columns;
}

// --- Keys of the review queue ------------------------------------------------------------------

export type Command = 'next' | 'prev' | 'accept' | 'reject' | 'defer' | 'leave';

export interface KeyFacts {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Where the key went: a text field (typing), a radio or checkbox, or anything else. */
  target: 'text' | 'choice' | 'other';
  /** A dialog is open (the bulk confirmation): the queue's keys are off. */
  dialogOpen: boolean;
}

/**
 * The queue's command for a key, or null to leave the key alone: j / ArrowDown next finding,
 * k / ArrowUp previous, a accept, r reject, d defer (each then focuses the reason box), Escape
 * in the reason box back to the list. Typing in a text field is never taken; arrows on a radio
 * button move the radio; keys with Ctrl, Alt or Meta belong to the browser.
 */
export function keyCommand(facts: KeyFacts): Command | null {
  if (facts.dialogOpen || facts.ctrlKey || facts.metaKey || facts.altKey) return null;
  if (facts.target === 'text') return facts.key === 'Escape' ? 'leave' : null;
  switch (facts.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'prev';
    case 'ArrowDown':
      return facts.target === 'choice' ? null : 'next';
    case 'ArrowUp':
      return facts.target === 'choice' ? null : 'prev';
    case 'a':
      return 'accept';
    case 'r':
      return 'reject';
    case 'd':
      return 'defer';
    default:
      return null;
  }
}

/** The selected index after a move (clamped to the list; -1 for an empty list). */
export function moveIndex(index: number, count: number, command: 'next' | 'prev'): number {
  if (count <= 0) return -1;
  const next = command === 'next' ? index + 1 : index - 1;
  return Math.min(count - 1, Math.max(0, next));
}

/** After the finding at `index` left the list: the one that took its place, or the new last one. */
export function indexAfterRemoval(index: number, remaining: number): number {
  if (remaining <= 0) return -1;
  return Math.min(index, remaining - 1);
}

// --- The run's progress ----------------------------------------------------------------------------

export type RunState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'running'; stage: string; fraction: number }
  | { phase: 'done'; report?: RunReport }
  | { phase: 'failed'; detail: string };

export type RunEvent =
  | { type: 'reset'; job: VervalJob | null } // another month is shown: follow its job if it runs
  | { type: 'start' } // the button was pressed
  | { type: 'job'; job: VervalJob | null } // the start answered, or a poll of the month did
  | { type: 'error'; detail: string }; // the start was refused

/** The state a job of the month shows (no job: idle). */
export function runStateOfJob(job: VervalJob | null): RunState {
  if (!job) return { phase: 'idle' };
  if (job.state === 'running') return { phase: 'running', stage: job.stage, fraction: clamp01(job.fraction) };
  if (job.state === 'failed') return { phase: 'failed', detail: job.error?.detail ?? '' };
  return { phase: 'done', report: job.report };
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * The run's next state. While starting, a poll that sees no job yet (or the month's previous,
 * finished job) keeps waiting; a running state never goes back to idle; the fraction shown never
 * decreases within one run.
 */
export function runTransition(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'reset':
      return event.job?.state === 'running' ? runStateOfJob(event.job) : { phase: 'idle' };
    case 'start':
      return state.phase === 'running' || state.phase === 'starting' ? state : { phase: 'starting' };
    case 'error':
      return { phase: 'failed', detail: event.detail };
    case 'job': {
      const next = runStateOfJob(event.job);
      if (state.phase === 'starting' && next.phase !== 'running') {
        // The start's own answer is a running job; anything else is an older job of the month.
        return state;
      }
      if (state.phase === 'running' && next.phase === 'idle') return state;
      if (state.phase === 'running' && next.phase === 'running') {
        return { ...next, fraction: Math.max(state.fraction, next.fraction) };
      }
      return next;
    }
  }
}

/** Whether the page should poll the month for the run's progress. */
export function isPolling(state: RunState): boolean {
  return state.phase === 'starting' || state.phase === 'running';
}

/** Whether a run just ended (the counts and the queue must be read again). */
export function runEnded(before: RunState, after: RunState): boolean {
  return isPolling(before) && (after.phase === 'done' || after.phase === 'failed');
}

/** Milliseconds until the next poll: one second, doubling after failed polls, at most 15 s. */
export function pollDelay(failures: number): number {
  return Math.min(15_000, 1000 * 2 ** Math.max(0, failures));
}

// --- Counts -------------------------------------------------------------------------------------

/** What accepting a finding of the kind does (services::ProposalFor). */
export function proposalOfKind(kind: string): string {
  if (isClusterKind(kind)) return 'merge';
  if (kind === 'died') return 'mark_deceased';
  if (kind === 'invalid_nik' || kind === 'nik_mismatch') return 'fix_nik';
  if (kind === 'changed') return 'note';
  return 'remove';
}

/** Kinds whose open findings keep a month from being settled (services::IsBlockingKind). */
const NON_BLOCKING = new Set(['changed', 'invalid_nik', 'nik_mismatch']);
export const isBlockingKind = (kind: string) => !NON_BLOCKING.has(kind);

export interface KindCounts {
  kind: string;
  counts: Record<FindingState, number>;
  total: number;
  blocking: boolean;
}

/** One row per kind that has findings: the known kinds in the server's order, then any others. */
export function kindRows(counts: Record<string, Partial<Record<FindingState, number>>>): KindCounts[] {
  const known: readonly string[] = FINDING_KINDS;
  const kinds = [...known.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !known.includes(k)).sort()];
  return kinds
    .map((kind) => {
      const c = Object.fromEntries(FINDING_STATES.map((s) => [s, counts[kind]?.[s] ?? 0])) as Record<FindingState, number>;
      return { kind, counts: c, total: FINDING_STATES.reduce((n, s) => n + c[s], 0), blocking: isBlockingKind(kind) };
    })
    .filter((row) => row.total > 0);
}

/** The kind the review queue opens on: the first with open findings, else the first at all. */
export function defaultKind(rows: readonly KindCounts[]): string | null {
  return (rows.find((r) => r.counts.open > 0) ?? rows[0])?.kind ?? null;
}

// --- History -------------------------------------------------------------------------------------

/** The newest version of each settled month, oldest month first. */
export function latestVersions(months: readonly SettledMonth[]): SettledMonth[] {
  const byPeriod = new Map<string, SettledMonth>();
  for (const m of months) {
    const seen = byPeriod.get(m.period);
    if (!seen || m.version > seen.version) byPeriod.set(m.period, m);
  }
  return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
}

// Removal reasons in the order the chart stacks them (settlement.cpp's RemovalReason).
const REASON_ORDER = ['died', 'duplicate', 'nik_conflict', 'member_wage', 'member_other', 'other_regency', 'age', 'domicile', 'removed'];

/** Every removal reason the months name, in a fixed order (known ones first). */
export function removalReasons(months: readonly SettledMonth[]): string[] {
  const seen = new Set<string>();
  for (const m of months) for (const [reason, n] of Object.entries(m.counts.removed ?? {})) if (n > 0) seen.add(reason);
  return [...REASON_ORDER.filter((r) => seen.has(r)), ...[...seen].filter((r) => !REASON_ORDER.includes(r)).sort()];
}

/** The message key `prefix.code` when the dictionaries have it, else null (show the code itself). */
export function codeKey(prefix: string, code: string): MessageKey | null {
  const key = `${prefix}.${code}`;
  return hasKey(key) ? key : null;
}

/** Message keys of the codes the server sends: removal reasons, finding kinds, intake issues, run stages, proposals. */
export const reasonKey = (reason: string) => codeKey('verval.reason', reason);
export const kindKey = (kind: string) => codeKey('verval.kind', kind);
export const issueKey = (code: string) => codeKey('verval.issue', code);
export const stageKey = (stage: string) => codeKey('verval.stage', stage);
export const proposalKey = (proposal: string) => codeKey('verval.proposal', proposal);
