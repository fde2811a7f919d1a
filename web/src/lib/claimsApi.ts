// Typed calls for claims for heirs (issue 15) under /api/v1/regencies/{code}/claims, and the
// explanation of the benefit rules in force on a date (GET /api/v1/policy/benefit-rules). The
// shapes are those of src/services/claim_views.cpp and docs/claims.md ("HTTP API"). Dates are
// "YYYY-MM-DD", amounts integer rupiah. Failures are api.ts's ApiError (the server's Indonesian
// `detail`).

import { send, sendBytes } from './api';

export type ClaimKind = 'jkm' | 'jkk';
export type ClaimOutcome = 'death' | 'total_disability' | 'injury';
export type ClaimState = 'reported' | 'dossier_complete' | 'submitted' | 'approved' | 'rejected' | 'paid';
export const CLAIM_STATES: readonly ClaimState[] = ['reported', 'dossier_complete', 'submitted', 'approved', 'rejected', 'paid'];

/** The fields every case carries, in the list and on its own page. */
export interface ClaimFields {
  id: number;
  regency_code: string;
  worker_id: number;
  worker_name: string;
  /** The NIK as the account may see it (masked for some roles). */
  nik: string;
  village_code: string;
  kind: ClaimKind | string;
  outcome: ClaimOutcome | string;
  event_date: string;
  reported_on: string;
  source: string;
  reporter: string;
  state: ClaimState | string;
  state_label: string;
  program_id: number;
  kpj: string;
  eligible: boolean;
  expected_total: number;
  failure_cause: string;
  decision_reason: string;
  approved_amount: number;
  paid_amount: number;
  paid_on: string;
  payment_reference: string;
}

export interface ClaimSummary extends ClaimFields {
  overdue: boolean;
  /** The running stage of the clock (detect, dossier, submit, pay) or "" when closed. */
  stage: string;
  stage_days: number;
}

export interface QuoteItem {
  name: string;
  amount: number;
  rule: string;
  detail?: string;
}

export interface Quote {
  eligible: boolean;
  total: number;
  items: QuoteItem[];
  reason?: string;
  membership_months?: number;
  paid_months?: number;
  legal_reference?: string;
  version_from?: string;
}

export interface Assessment {
  covered?: boolean;
  member_since?: string;
  paid_months?: number;
  arrears_months?: number;
  failure_cause?: string;
  quote?: Quote;
}

export type SchoolLevel = 'tk_sd' | 'smp' | 'sma' | 'perguruan_tinggi';
export const SCHOOL_LEVELS: readonly SchoolLevel[] = ['tk_sd', 'smp', 'sma', 'perguruan_tinggi'];
/** Relations in the legal order (spouse or child first, the person named in a will last). */
export const RELATIONS = ['spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'parent_in_law', 'will'] as const;
export type Relation = (typeof RELATIONS)[number];
export const BANKS = ['BRI', 'Mandiri', 'BNI', 'BCA', 'BSI', 'Bank Jatim', 'BTN'] as const;

/** One heir as the server takes it (PUT …/heirs) and gives it back (with heir_no and a label). */
export interface Heir {
  heir_no?: number;
  name: string;
  nik: string;
  relation: Relation | string;
  relation_label?: string;
  /** Basis points: 10000 = 100 %. 0 for all heirs: equal shares. */
  share_bp: number;
  school_level: SchoolLevel | '';
  recipient: boolean;
  payout: 'bank' | 'cash' | '';
  bank: string;
  account_no: string;
  account_name: string;
}

export interface ChecklistDocument {
  kind: string;
  label: string;
  required: boolean;
  /** Absent until the document is uploaded or seen. */
  state?: 'uploaded' | 'seen_on_paper' | string;
  file_name?: string;
  content_type?: string;
  size_bytes?: number;
  sha256?: string;
  checked_by?: string;
  checked_at?: string;
}

export interface ClockStage {
  stage: 'detect' | 'dossier' | 'submit' | 'pay' | string;
  from: string;
  /** "" while the stage runs. */
  to: string;
  days: number;
  target: number;
  working_days: boolean;
  overdue: boolean;
}

export interface ClaimClock {
  overdue: boolean;
  stages: ClockStage[];
  days_to_payment?: number;
}

export interface ClaimEvent {
  seq: number;
  from: string;
  to: string;
  note: string;
  actor: string;
  at: string;
}

export interface Claim extends ClaimFields {
  repeated?: boolean;
  assessment: Assessment;
  heirs: Heir[];
  proposed_heirs: { name: string; nik: string }[];
  documents: ChecklistDocument[];
  missing: string[];
  clock: ClaimClock;
  events: ClaimEvent[];
}

export interface OpenClaimInput {
  worker_id: number;
  kind: ClaimKind;
  outcome?: ClaimOutcome;
  event_date: string;
  reporter?: string;
  reported_on?: string;
  member_since?: string;
  paid_months?: number;
}

export interface TransitionInput {
  to: ClaimState;
  note?: string;
  amount?: number;
  paid_on?: string;
  reference?: string;
}

export interface BenefitRule {
  code: string;
  title_id: string;
  text_id: string;
  title_en: string;
  text_en: string;
  uncertain: boolean;
}

export interface BenefitRules {
  date: string;
  effective_from: string;
  legal_reference: string;
  certainty: string;
  rules: BenefitRule[];
}

const claimsPath = (code: string) => `/api/v1/regencies/${encodeURIComponent(code)}/claims`;
const claimPath = (code: string, id: number) => `${claimsPath(code)}/${id}`;

export async function listClaims(code: string, filter: { state?: string; overdue?: boolean }, signal?: AbortSignal): Promise<ClaimSummary[]> {
  const params = new URLSearchParams();
  if (filter.state) params.set('state', filter.state);
  if (filter.overdue) params.set('overdue', '1');
  const query = params.toString();
  const body = await send<{ items: ClaimSummary[] }>('GET', `${claimsPath(code)}${query ? `?${query}` : ''}`, undefined, signal);
  return body.items;
}

/** Opens a case (or answers the one there, `repeated`); 400 with the reason when refused. */
export function openClaim(code: string, input: OpenClaimInput): Promise<Claim> {
  return send<Claim>('POST', claimsPath(code), input);
}

export function getClaim(code: string, id: number, signal?: AbortSignal): Promise<Claim> {
  return send<Claim>('GET', claimPath(code, id), undefined, signal);
}

/** Sets the heirs as a whole; refused (400) out of the legal order, with a bad account, … */
export function setHeirs(code: string, id: number, heirs: Heir[]): Promise<Claim> {
  return send<Claim>('PUT', `${claimPath(code, id)}/heirs`, { heirs });
}

/** Uploads one document of the checklist (PDF, JPEG or PNG, checked by its content). */
export function uploadClaimDocument(code: string, id: number, kind: string, file: File): Promise<Claim> {
  return sendBytes<Claim>('POST', `${claimPath(code, id)}/documents/${encodeURIComponent(kind)}`, file, undefined, {
    'X-File-Name': encodeURIComponent(file.name),
  });
}

/** Records that a document was seen on paper. */
export function markDocumentSeen(code: string, id: number, kind: string): Promise<Claim> {
  return send<Claim>('POST', `${claimPath(code, id)}/documents/${encodeURIComponent(kind)}/seen`, {});
}

export const claimDocumentUrl = (code: string, id: number, kind: string) => `${claimPath(code, id)}/documents/${encodeURIComponent(kind)}`;

/** Moves the case along its workflow; 409 for a move the state does not allow. */
export function moveClaim(code: string, id: number, input: TransitionInput): Promise<Claim> {
  return send<Claim>('POST', `${claimPath(code, id)}/transitions`, input);
}

export function getBenefitRules(date: string, signal?: AbortSignal): Promise<BenefitRules> {
  return send<BenefitRules>('GET', `/api/v1/policy/benefit-rules?date=${encodeURIComponent(date)}`, undefined, signal);
}

// ---- Exchange with the branch and the report (docs/claims.md "Exchange with the branch", "Report")

/** The kinds of a decision line that was not applied as written. */
export type MismatchKind = 'unknown_claim' | 'wrong_state' | 'refused' | 'amount_differs';
export const MISMATCH_KINDS: readonly MismatchKind[] = ['unknown_claim', 'wrong_state', 'refused', 'amount_differs'];

export interface DecisionMismatch {
  line: number;
  /** The case number as the line gave it (0 when it gave none). */
  claim_id: number;
  nik: string;
  kind: MismatchKind | string;
  message: string;
}

/** What the branch's decisions file came to. */
export interface DecisionImport {
  lines: number;
  applied: number;
  repeated: number;
  mismatches: DecisionMismatch[];
}

export interface ClaimsReport {
  regency_code: string;
  regency_name: string;
  as_of: string;
  cases: number;
  paid_cases: number;
  amount_paid: number;
  /** null until a case is paid. */
  median_days_to_payment: number | null;
  cases_waiting: number;
  heirs_waiting: number;
  expected_open: number;
  overdue: number;
  program_failures: number;
  /** kind -> state -> cases. */
  by_kind_state: Record<string, Record<string, number>>;
  districts: { code: string; name: string; cases: number; paid: number; amount_paid: number }[];
  /** month "YYYY-MM" of the event. */
  months: { month: string; cases: number; paid: number; amount_paid: number }[];
}

const regencyPath = (code: string) => `/api/v1/regencies/${encodeURIComponent(code)}`;

/** The submitted cases for the branch (.xlsx; export_personal_data, audited as an export). */
export const submittedClaimsUrl = (code: string) => `${regencyPath(code)}/claims-submitted.xlsx`;

/** Sends the branch's decisions (.xlsx or .csv) as written; 400 refuses the whole file. */
export function importClaimDecisions(code: string, file: File): Promise<DecisionImport> {
  return sendBytes<DecisionImport>('POST', `${regencyPath(code)}/claim-decisions`, file, undefined, {
    'X-File-Name': encodeURIComponent(file.name),
  });
}

export function getClaimsReport(code: string, signal?: AbortSignal): Promise<ClaimsReport> {
  return send<ClaimsReport>('GET', `${regencyPath(code)}/claims-report`, undefined, signal);
}

/** The report as a document to download. */
export const claimsReportUrl = (code: string, format: 'pdf' | 'xlsx') => `${regencyPath(code)}/claims-report?format=${format}`;
