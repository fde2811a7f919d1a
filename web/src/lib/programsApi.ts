// Typed calls for programs, their budgets and the simulator (issue 13) under
// /api/v1/regencies/{code}/programs…, and the rule versions under /api/v1/policy; the shapes are
// those of src/http/program_routes.cpp (services::ProgramToJson, SimulationToJson) and
// docs/programs.md. Amounts are integer rupiah. Failures are api.ts's ApiError (the server's
// Indonesian `detail`).

import { send, sendJsonText } from './api';

/** Funding sources the server knows (domain::FundingSource), in its order. */
export const FUNDING_SOURCES = ['DBHCHT', 'APBD', 'APBDES', 'PROVINSI', 'CSR'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** Priority rules for when the eligible outnumber the quota (services kPriorityCodes). */
export const PRIORITY_CODES = ['extreme_poor', 'tobacco_sector', 'longest_waiting'] as const;
export type PriorityCode = (typeof PRIORITY_CODES)[number];

export interface FundingShare {
  source: string;
  /** The source's name from the server ("DBHCHT (dana bagi hasil cukai hasil tembakau)"). */
  label?: string;
  /** Basis points: 10000 = 100 %. */
  share_bp: number;
}

export interface BudgetLine {
  id: number;
  kind: 'original' | 'revision' | string;
  amount: number;
  decree: string | null;
  decree_date: string | null;
  /** The quota from this line on; null: the line left it as it was. */
  quota: number | null;
  actor: string;
  created_at: string;
}

export interface ProgramEligibility {
  age_min: number;
  /** Inclusive. */
  age_max: number;
  occupations: string[];
  domicile_in_regency: boolean;
  exclude_wage_earners: boolean;
}

export interface Program {
  id: number;
  regency_code: string;
  name: string;
  fiscal_year: number;
  period_from: string;
  period_to: string;
  months: number;
  /** The quota in force: the newest PAK's that set one, else the program's own (0: none). */
  quota: number;
  /** The quota the program was created with. */
  original_quota: number;
  participation_code: string | null;
  declared_income: number;
  with_jht: boolean;
  eligibility: ProgramEligibility;
  priority: string[];
  funding: FundingShare[];
  /** The current budget: the newest budget line. */
  budget: number;
  budget_lines: BudgetLine[];
  actor: string;
  created_at: string;
}

/** PROGRAM_IN of docs/programs.md; optional fields left out take the law's defaults. */
export interface ProgramInput {
  name: string;
  funding: { source: string; share_bp: number }[];
  budget: number;
  period_from: string;
  period_to: string;
  quota?: number;
  participation_code?: string;
  declared_income?: number;
  with_jht?: boolean;
  budget_decree?: string;
  budget_decree_date?: string;
  priority?: string[];
  eligibility?: { age_min?: number; age_max?: number };
}

export interface BudgetRevision {
  /** The whole budget after the revision, not the amount added. */
  budget: number;
  decree: string;
  /** "YYYY-MM-DD". */
  date: string;
  /** The quota from the revision on; left out: unchanged. */
  quota?: number;
}

/** SIMULATION of docs/programs.md (keys explained there). */
export interface Simulation {
  monthly_cost: number;
  whole_months: number;
  covered_until: string | null;
  workers_until_end: number;
  shortfall: number;
  program_id: number;
  workers: number;
  workers_basis: 'quota' | 'request' | string;
  from: string;
  to: string;
  months_until_end: number;
  budget: number;
  per_worker: number;
  spent: number;
  left: number;
  /** The first month not paid in full; null when the budget outlasts the calendar (year 9999). */
  next_month: string | null;
  next_month_cost: number;
  shortfall_next_month: number;
  cost_until_end: number;
  surplus: number;
  /** A PAK priced, when asked: adding `workers` from `from` to the end costs `cost`; `shortfall`
   * is what the current budget then lacks for everyone (0 when it reaches). */
  pak?: { workers: number; from: string; cost: number; shortfall: number };
}

export interface BudgetMonth {
  month: string;
  workers: number;
  committed: number;
  billed: number;
  remaining: number;
}

/** The program's money month by month (GET …/budget-months). */
export interface BudgetMonths {
  program_id: number;
  budget: number;
  /** False until bills exist (a later issue): `billed` is then not a figure to show. */
  billed_available: boolean;
  months: BudgetMonth[];
}

function programsPath(code: string): string {
  return `/api/v1/regencies/${encodeURIComponent(code)}/programs`;
}

export async function listPrograms(code: string, signal?: AbortSignal): Promise<Program[]> {
  const body = await send<{ items: Program[] }>('GET', programsPath(code), undefined, signal);
  return body.items;
}

export function getProgram(code: string, id: number, signal?: AbortSignal): Promise<Program> {
  return send<Program>('GET', `${programsPath(code)}/${id}`, undefined, signal);
}

export function createProgram(code: string, input: ProgramInput): Promise<Program> {
  return send<Program>('POST', programsPath(code), input);
}

export function reviseBudget(code: string, id: number, revision: BudgetRevision): Promise<Program> {
  return send<Program>('POST', `${programsPath(code)}/${id}/revisions`, revision);
}

/** The simulator; `workers` and `from` left out are the quota and the program's first month. */
export function simulateProgram(
  code: string,
  id: number,
  asked: { workers?: number; from?: string; addWorkers?: number; addFrom?: string },
  signal?: AbortSignal,
): Promise<Simulation> {
  const params = new URLSearchParams();
  if (asked.workers !== undefined) params.set('workers', String(asked.workers));
  if (asked.from) params.set('from', asked.from);
  if (asked.addWorkers !== undefined) {
    params.set('add_workers', String(asked.addWorkers));
    if (asked.addFrom) params.set('add_from', asked.addFrom);
  }
  const query = params.toString();
  return send<Simulation>('GET', `${programsPath(code)}/${id}/simulation${query ? `?${query}` : ''}`, undefined, signal);
}

export function getBudgetMonths(code: string, id: number, signal?: AbortSignal): Promise<BudgetMonths> {
  return send<BudgetMonths>('GET', `${programsPath(code)}/${id}/budget-months`, undefined, signal);
}

// --- Rule versions ------------------------------------------------------------------------------

export const POLICY_FAMILIES = ['contribution', 'payment_terms', 'benefits', 'eligibility'] as const;
export type PolicyFamily = (typeof POLICY_FAMILIES)[number];

/** One rule version as GET /api/v1/policy lists it (docs/policy.md, "The policy file"). */
export interface PolicyVersion {
  family: PolicyFamily | string;
  effective_from: string;
  /** The end it has: its own, or the day before its successor starts; absent while open. */
  effective_until?: string | null;
  legal_reference: string;
  certainty: 'confirmed' | 'uncertain' | string;
  uncertain_fields?: string[];
  rules: Record<string, unknown>;
}

export interface PolicyInForce {
  date: string;
  /** True while no version was ever added: the built-in defaults are in force. */
  builtin: boolean;
  versions: PolicyVersion[];
}

export interface PolicyAdded {
  added: number;
  ids: number[];
  /** Built-in versions stored first, when this was the first addition. */
  defaults_stored: number;
}

export function getPolicy(date: string, signal?: AbortSignal): Promise<PolicyInForce> {
  return send<PolicyInForce>('GET', `/api/v1/policy?date=${encodeURIComponent(date)}`, undefined, signal);
}

/**
 * Adds the versions of a policy file, sent as written (not re-serialised), so that the server's
 * strict reading (a key twice, a decimal, a number in quotes) judges exactly what the person wrote.
 */
export function addPolicyFile(text: string): Promise<PolicyAdded> {
  return sendJsonText<PolicyAdded>('POST', '/api/v1/policy', text);
}
