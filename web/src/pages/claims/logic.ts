// Pure helpers of the claim pages: which workflow moves a case offers to whom, whether its heirs
// and papers may still change, heirs' shares in percent, rupiah as people write them, and the
// addresses of a case and of a rule's explanation. The server stays the judge of every move; these
// only decide what the page offers. Unit tests in logic.test.ts.

import type { Lang } from '../../lib/format';
import { CLAIM_STATES, type ClaimState, type ClaimsReport, type Heir } from '../../lib/claimsApi';

/** What a move asks for besides the click. */
export type MoveNeeds = 'nothing' | 'reason' | 'amount' | 'payment';

export interface Move {
  to: ClaimState;
  needs: MoveNeeds;
  permission: 'manage_claims' | 'decide_claims';
}

// The workflow of docs/claims.md ("Workflow"): from -> the moves out of it.
const MOVES: Record<string, readonly Move[]> = {
  reported: [{ to: 'dossier_complete', needs: 'nothing', permission: 'manage_claims' }],
  dossier_complete: [
    { to: 'submitted', needs: 'nothing', permission: 'manage_claims' },
    { to: 'reported', needs: 'reason', permission: 'manage_claims' },
  ],
  submitted: [
    { to: 'approved', needs: 'amount', permission: 'decide_claims' },
    { to: 'rejected', needs: 'reason', permission: 'decide_claims' },
  ],
  approved: [{ to: 'paid', needs: 'payment', permission: 'decide_claims' }],
};

/** The moves the page offers for a case in `state` to a session holding `permissions`. */
export function movesFor(state: string, permissions: readonly string[]): Move[] {
  return (MOVES[state] ?? []).filter((m) => permissions.includes(m.permission));
}

/** Heirs and papers change only while the case is the regency's to prepare, by manage_claims. */
export function canPrepare(state: string, permissions: readonly string[]): boolean {
  return state === 'reported' && permissions.includes('manage_claims');
}

/** A case of a death (JKM always; JKK when the accident killed): it has heirs. */
export function isDeath(kind: string, outcome: string): boolean {
  return kind === 'jkm' || outcome === 'death';
}

/** "50" or "33,34" (percent as typed) -> basis points (5000, 3334); null for anything else. */
export function percentToBp(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return 0;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(trimmed)) return null;
  const bp = Math.round(Number(trimmed) * 100);
  return bp <= 10000 ? bp : null;
}

/** Basis points -> percent as Indonesians write it: 5000 -> "50", 3334 -> "33,34", 0 -> "". */
export function bpToPercent(bp: number): string {
  if (!bp) return '';
  return (bp / 100).toString().replace('.', ',');
}

/**
 * What the shares typed so far say: all empty (the server makes them equal), adding up to 100 %,
 * or not (with their sum in basis points); null entries are unreadable shares.
 */
export function shareStatus(shares: readonly (number | null)[]): { state: 'equal' | 'complete' | 'off' | 'invalid'; sum: number } {
  if (shares.some((s) => s === null)) return { state: 'invalid', sum: 0 };
  const sum = shares.reduce<number>((a, b) => a + (b ?? 0), 0);
  if (sum === 0) return { state: 'equal', sum };
  return { state: sum === 10000 ? 'complete' : 'off', sum };
}

/**
 * Rupiah as people write them: "Rp 45.500.000", "45.500.000", "45500000" -> 45500000; null for
 * anything that is not a whole positive amount (decimals, letters, nothing).
 */
export function parseRupiah(text: string): number | null {
  const plain = text.trim().replace(/^rp\.?\s*/i, '').replace(/\u00a0/g, '');
  if (/^\d+$/.test(plain)) return Number(plain) > 0 ? Number(plain) : null;
  if (/^\d{1,3}(\.\d{3})+$/.test(plain)) return Number(plain.replace(/\./g, ''));
  return null;
}

/** A new heir row: nothing filled, the first one the recipient paid in cash. */
export function emptyHeir(first: boolean): Heir {
  return {
    name: '', nik: '', relation: first ? 'spouse' : 'child', share_bp: 0, school_level: '',
    recipient: first, payout: first ? 'cash' : '', bank: '', account_no: '', account_name: '',
  };
}

/**
 * The heirs as the server takes them: one recipient with its payout, no bank details on a cash
 * payout or on the others, no school level but for a child.
 */
export function heirsForServer(heirs: readonly Heir[]): Heir[] {
  return heirs.map((h) => {
    const bank = h.recipient && h.payout === 'bank';
    return {
      name: h.name.trim(),
      nik: h.nik.trim(),
      relation: h.relation,
      share_bp: h.share_bp,
      school_level: h.relation === 'child' ? h.school_level : '',
      recipient: h.recipient,
      payout: h.recipient ? h.payout || 'cash' : '',
      bank: bank ? h.bank : '',
      account_no: bank ? h.account_no.trim() : '',
      account_name: bank ? h.account_name.trim() : '',
    };
  });
}

/** The proposed heirs from the household not yet among the heirs (matched by NIK, else by name). */
export function unusedProposals<T extends { name: string; nik: string }>(proposed: readonly T[], heirs: readonly Heir[]): T[] {
  return proposed.filter((p) => !heirs.some((h) => (p.nik && h.nik ? h.nik === p.nik : h.name.trim().toLowerCase() === p.name.trim().toLowerCase())));
}

export const CLAIMS_PATH = '/klaim';
export const RULES_PATH = '/klaim/cara-menghitung';
export const REPORT_PATH = '/klaim/laporan';
export const claimHref = (id: number) => `${CLAIMS_PATH}/${id}`;
/** The anchor of a rule's explanation: "jkm.lump_sum" -> "rule-jkm.lump_sum". */
export const ruleAnchor = (code: string) => `rule-${code}`;
/** The rules page at the event's date, opened at the rule. */
export const ruleHref = (code: string, date?: string) => `${RULES_PATH}${date ? `?tanggal=${date}` : ''}#${ruleAnchor(code)}`;

/** The date of the rules page's address (?tanggal=2025-09-24) or null. */
export function rulesDateOf(search: string): string | null {
  const date = new URLSearchParams(search).get('tanggal');
  return date && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(date) ? date : null;
}

/** The list's filters from its address (?status=paid&terlambat=1). */
export function claimFilterOf(search: string): { state: string; overdue: boolean } {
  const params = new URLSearchParams(search);
  return { state: params.get('status') ?? '', overdue: params.get('terlambat') === '1' };
}

/** One kind's row of the report's table by kind and state: cases per state, in workflow order. */
export interface KindStateRow {
  kind: string;
  counts: { state: string; cases: number }[];
  total: number;
}

/**
 * The report's cases by kind and state (kind -> state -> cases) as table rows: JKM before JKK,
 * every state of the workflow as a column (0 where none), and a state the page does not know
 * yet kept after them rather than dropped, so that the rows always add up to the report's cases.
 */
export function kindStateRows(byKindState: ClaimsReport['by_kind_state']): { states: string[]; rows: KindStateRow[] } {
  const extra = [...new Set(Object.values(byKindState).flatMap((s) => Object.keys(s)))].filter((s) => !(CLAIM_STATES as readonly string[]).includes(s)).sort();
  const states = [...CLAIM_STATES, ...extra];
  const order = (k: string) => (k === 'jkm' ? 0 : k === 'jkk' ? 1 : 2);
  const kinds = Object.keys(byKindState).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const rows = kinds.map((kind) => {
    const counts = states.map((state) => ({ state, cases: byKindState[kind][state] ?? 0 }));
    return { kind, counts, total: counts.reduce((a, c) => a + c.cases, 0) };
  });
  return { states, rows };
}

/** Days rounded to one decimal as the language writes them (34.5 -> "34,5" in Indonesian); null stays null. */
export function daysText(days: number | null, lang: Lang): string | null {
  if (days === null || !Number.isFinite(days)) return null;
  const rounded = Math.round(days * 10) / 10;
  return lang === 'id' ? String(rounded).replace('.', ',') : String(rounded);
}
