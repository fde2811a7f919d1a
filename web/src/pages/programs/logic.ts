// Pure rules of the program pages (no DOM, no fetch): reading what people type (rupiah with
// thousands dots, whole numbers, shares in percent), checking the new-program and PAK forms
// before they are sent, placing the server's refusal next to the field it is about, and the
// words of periods, shares and the simulator's coverage. Unit tests: logic.test.ts.

import { formatMonth, formatNumber, type Lang } from '../../lib/format';
import type { MessageKey } from '../../lib/i18n';
import type { BudgetRevision, FundingShare, ProgramInput, Simulation } from '../../lib/programsApi';

/** A message of the dictionary with its parameters, translated by the component. */
export interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
}

// --- Reading numbers ----------------------------------------------------------------------------

export type Parsed = { ok: true; value: number } | { ok: false; error: 'empty' | 'format' | 'fraction' | 'range' };

/** Plain digits, or digits grouped by thousands with dots ("2.800.000.000") or spaces. */
const GROUPED = /^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}( \d{3})+)$/;

function parseGrouped(text: string): Parsed {
  if (!GROUPED.test(text)) return { ok: false, error: 'format' };
  const value = Number(text.replace(/[. ]/g, ''));
  if (!Number.isSafeInteger(value)) return { ok: false, error: 'range' };
  return { ok: true, value };
}

/**
 * Rupiah as people write them: "2.800.000.000", "2800000000", "Rp 2.800.000.000", "Rp2.800.000.000,-"
 * or with ",00". Whole rupiah only: "2.800.000,50" is a fraction, "2,8 miliar" a format error
 * (the amount is never guessed). The space after "Rp" may be a no-break space (a copied figure).
 */
export function parseRupiah(text: string): Parsed {
  let rest = text.replace(/\u00a0/g, ' ').trim();
  if (rest === '') return { ok: false, error: 'empty' };
  rest = rest.replace(/^rp\.?\s*/i, '');
  const cents = /,(\d*|-)$/.exec(rest);
  if (cents) {
    if (cents[1] !== '-' && !/^0+$/.test(cents[1])) return { ok: false, error: /^\d+$/.test(cents[1]) ? 'fraction' : 'format' };
    rest = rest.slice(0, cents.index);
  }
  return parseGrouped(rest);
}

/** A whole count ("28.448" or "28448"). */
export function parseWhole(text: string): Parsed {
  const rest = text.replace(/\u00a0/g, ' ').trim();
  if (rest === '') return { ok: false, error: 'empty' };
  return parseGrouped(rest);
}

/** Rupiah as an input shows them after leaving the field: 2800000000 -> "2.800.000.000". */
export function rupiahInputText(value: number): string {
  return formatNumber(value, 'id');
}

/**
 * A share in percent -> basis points: "60" -> 6000, "62,5" or "62.5" -> 6250, "33,33 %" -> 3333;
 * null for anything else (more than two decimals, a sign, words). The same reading as the
 * command line's `--funding DBHCHT=60,APBD=40` (domain::ParsePercentShare).
 */
export function parsePercentBp(text: string): number | null {
  const rest = text.trim().replace(/\s*%$/, '');
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(rest);
  if (!match) return null;
  const fraction = match[2] ?? '';
  return Number(match[1]) * 100 + (fraction === '' ? 0 : Number(fraction.padEnd(2, '0')));
}

/** Basis points as a percent in the UI language: 10000 -> "100%", 6250 -> "62,5%" (id). */
export function bpText(bp: number, lang: Lang): string {
  return `${formatNumber(bp / 100, lang)}%`;
}

// --- Funding --------------------------------------------------------------------------------

/** One funding row of the form: a source and its share as typed. */
export interface FundingRow {
  source: string;
  share: string;
}

/**
 * The form's funding rows as the API's shares: one source alone is 100 % (its share may be left
 * empty); several need a share each, each source once, summing to exactly 100 %.
 */
export function fundingShares(rows: readonly FundingRow[]): { ok: true; shares: { source: string; share_bp: number }[] } | { ok: false; error: Message } {
  if (rows.length === 0) return { ok: false, error: { key: 'program.error.fundingNone' } };
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.source)) return { ok: false, error: { key: 'program.error.fundingTwice', params: { source: row.source } } };
    seen.add(row.source);
  }
  if (rows.length === 1 && rows[0].share.trim() === '') return { ok: true, shares: [{ source: rows[0].source, share_bp: 10000 }] };
  const shares: { source: string; share_bp: number }[] = [];
  for (const row of rows) {
    const bp = parsePercentBp(row.share);
    if (bp === null || bp <= 0 || bp > 10000) {
      return { ok: false, error: { key: 'program.error.fundingShare', params: { source: row.source } } };
    }
    shares.push({ source: row.source, share_bp: bp });
  }
  const total = shares.reduce((sum, s) => sum + s.share_bp, 0);
  if (total !== 10000) return { ok: false, error: { key: 'program.error.fundingSum', params: { total: bpText(total, 'id') } } };
  return { ok: true, shares };
}

/** "DBHCHT 100%" or "DBHCHT 60% · APBD 40%". */
export function sharesText(funding: readonly FundingShare[], lang: Lang): string {
  return funding.map((f) => `${f.source} ${bpText(f.share_bp, lang)}`).join(' · ');
}

// --- Periods and lists ------------------------------------------------------------------------

/** "September 2025 – Desember 2025"; one month alone is its name. */
export function periodText(from: string, to: string, lang: Lang): string {
  return from === to ? formatMonth(from, lang) : `${formatMonth(from, lang)} – ${formatMonth(to, lang)}`;
}

/** "petani_tembakau" -> "Petani tembakau": the Indonesian name (src/domain/occupation.cpp) read off its code. */
export function occupationName(code: string): string {
  if (code === 'lainnya') return 'Pekerja informal lainnya';
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The list with the item at `index` moved by `delta` places (kept inside the list). */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = Math.min(list.length - 1, Math.max(0, index + delta));
  const out = [...list];
  if (index < 0 || index >= list.length || target === index) return out;
  const [item] = out.splice(index, 1);
  out.splice(target, 0, item);
  return out;
}

// --- The forms ----------------------------------------------------------------------------------

export type ProgramField =
  | 'name'
  | 'funding'
  | 'budget'
  | 'period'
  | 'quota'
  | 'income'
  | 'age'
  | 'participation'
  | 'decree'
  | 'date'
  | 'priority';

export interface ProgramFormValues {
  name: string;
  funding: FundingRow[];
  budget: string;
  from: string;
  to: string;
  quota: string;
  income: string;
  ageMin: string;
  ageMax: string;
  participation: string;
  withJht: boolean;
  decree: string;
  /** "YYYY-MM-DD", or "" for none. */
  date: string;
  priority: string[];
}

export type FieldErrors<F extends string> = Partial<Record<F, Message>>;

const PARSE_ERRORS: Record<Exclude<Parsed, { ok: true }>['error'], MessageKey> = {
  empty: 'program.error.required',
  format: 'program.error.rupiahFormat',
  fraction: 'program.error.rupiahFraction',
  range: 'program.error.tooLarge',
};

function rupiahError(parsed: Parsed): Message | null {
  return parsed.ok ? null : { key: PARSE_ERRORS[parsed.error] };
}

function wholeError(parsed: Parsed): Message | null {
  if (parsed.ok) return null;
  return { key: parsed.error === 'empty' ? 'program.error.required' : parsed.error === 'range' ? 'program.error.tooLarge' : 'program.error.wholeFormat' };
}

/**
 * The new-program form checked for what can be told before asking the server (required fields,
 * how numbers are written, the shares), and the API input when it passes. Rules of the law
 * (the age range, a period the contribution schedule covers) are the server's to judge.
 */
export function programInput(values: ProgramFormValues): { ok: true; input: ProgramInput } | { ok: false; errors: FieldErrors<ProgramField> } {
  const errors: FieldErrors<ProgramField> = {};
  const name = values.name.trim();
  if (name === '') errors.name = { key: 'program.error.required' };
  const funding = fundingShares(values.funding);
  if (!funding.ok) errors.funding = funding.error;
  const budget = parseRupiah(values.budget);
  const budgetError = rupiahError(budget);
  if (budgetError) errors.budget = budgetError;
  else if (budget.ok && budget.value <= 0) errors.budget = { key: 'program.error.budgetPositive' };
  const quota = values.quota.trim() === '' ? null : parseWhole(values.quota);
  if (quota) {
    const error = wholeError(quota);
    if (error) errors.quota = error;
  }
  const income = values.income.trim() === '' ? null : parseRupiah(values.income);
  if (income) {
    const error = rupiahError(income);
    if (error) errors.income = error;
    else if (income.ok && income.value <= 0) errors.income = { key: 'program.error.incomePositive' };
  }
  const ageMin = values.ageMin.trim() === '' ? null : parseWhole(values.ageMin);
  const ageMax = values.ageMax.trim() === '' ? null : parseWhole(values.ageMax);
  for (const age of [ageMin, ageMax]) {
    if (age && (!age.ok || age.value > 150)) errors.age = { key: 'program.error.age' };
  }
  const participation = values.participation.trim().toUpperCase();
  if (!/^[A-Z]{0,4}$/.test(participation)) errors.participation = { key: 'program.error.participation' };
  const decree = values.decree.trim();
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const input: ProgramInput = {
    name,
    funding: funding.ok ? funding.shares : [],
    budget: budget.ok ? budget.value : 0,
    period_from: values.from,
    period_to: values.to,
    with_jht: values.withJht,
    priority: [...values.priority],
  };
  if (quota?.ok) input.quota = quota.value;
  if (income?.ok) input.declared_income = income.value;
  if (participation) input.participation_code = participation;
  if (decree) input.budget_decree = decree;
  if (values.date) input.budget_decree_date = values.date;
  if (ageMin?.ok || ageMax?.ok) {
    input.eligibility = {};
    if (ageMin?.ok) input.eligibility.age_min = ageMin.value;
    if (ageMax?.ok) input.eligibility.age_max = ageMax.value;
  }
  return { ok: true, input };
}

export type RevisionField = 'budget' | 'quota' | 'decree' | 'date';

export interface RevisionFormValues {
  budget: string;
  /** The quota after the PAK; empty: the PAK leaves it as it is. */
  quota?: string;
  decree: string;
  date: string;
}

/** The PAK form checked: the whole new budget, the decree's number and its date. */
export function revisionInput(values: RevisionFormValues): { ok: true; revision: BudgetRevision } | { ok: false; errors: FieldErrors<RevisionField> } {
  const errors: FieldErrors<RevisionField> = {};
  const budget = parseRupiah(values.budget);
  const budgetError = rupiahError(budget);
  if (budgetError) errors.budget = budgetError;
  else if (budget.ok && budget.value <= 0) errors.budget = { key: 'program.error.budgetPositive' };
  const decree = values.decree.trim();
  if (decree === '') errors.decree = { key: 'program.error.required' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) errors.date = { key: 'program.error.required' };
  const quotaText = (values.quota ?? '').trim();
  const quota = quotaText === '' ? null : parseWhole(quotaText);
  if (quota) {
    const error = wholeError(quota);
    if (error) errors.quota = error;
  }
  if (Object.keys(errors).length > 0 || !budget.ok) return { ok: false, errors };
  const revision: BudgetRevision = { budget: budget.value, decree, date: values.date };
  if (quota?.ok) revision.quota = quota.value;
  return { ok: true, revision };
}

/**
 * The field a refusal of the server is about, from its Indonesian detail (program_service.cpp,
 * funding_source.cpp, program_routes.cpp), so that it can stand next to that field; null when
 * it names none (the refusal is then shown above the form only).
 */
export function problemField(detail: string): ProgramField | null {
  const rules: [RegExp, ProgramField][] = [
    [/^Nama program/i, 'name'],
    [/sumber dana|^funding/i, 'funding'],
    [/^Anggaran|^budget/i, 'budget'],
    [/^Periode|^Bulan (mulai|akhir)|^Tidak ada aturan|^period_/i, 'period'],
    [/^Kuota|^quota/i, 'quota'],
    [/^Penghasilan|^declared_income/i, 'income'],
    [/usia|^eligibility/i, 'age'],
    [/^Kode kepesertaan|^participation_code/i, 'participation'],
    [/^Nomor keputusan|^decree|^budget_decree$/i, 'decree'],
    [/^Tanggal keputusan|^date|^budget_decree_date/i, 'date'],
    [/prioritas|^priority/i, 'priority'],
  ];
  for (const [pattern, field] of rules) if (pattern.test(detail)) return field;
  return null;
}

// --- The simulator ----------------------------------------------------------------------------

/** Where the whole months the budget pays end, against the period's last month. */
export function coverage(sim: Pick<Simulation, 'covered_until' | 'to'>): 'none' | 'before' | 'at' | 'after' {
  if (!sim.covered_until) return 'none';
  if (sim.covered_until < sim.to) return 'before';
  return sim.covered_until === sim.to ? 'at' : 'after';
}
