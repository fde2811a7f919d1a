// Pure rules of the enrolment pages (no DOM, no fetch): the words of the server's codes (batch
// status, answer states, answer lines, coverage reasons), whether a batch's selection counts add
// up, which month the new-batch form offers, what a refusal means (a month not yet settled),
// and the ineligible list by village. Unit tests: logic.test.ts.

import { ApiError } from '../../lib/api';
import type { IneligibleWorker, Reason, SelectionCounts } from '../../lib/enrolmentApi';
import { codeKey } from '../verval/logic';

/** Message keys of the codes the server sends; null: show the code itself. */
export const batchStatusKey = (status: string) => codeKey('enrol.status', status);
export const memberStateKey = (state: string) => codeKey('enrol.state', state);
export const lineKindKey = (kind: string) => codeKey('enrol.line', kind);
export const coverageReasonKey = (reason: string) => codeKey('coverage.reason', reason);
export const priorityNameKey = (code: string) => codeKey('enrol.priorityName', code);
export const priorityDataKey = (code: string) => codeKey('enrol.priorityData', code);

/**
 * Whether the selection's figures add up: every person of the settled list is ineligible,
 * already enrolled or eligible, and every eligible one is selected or waits beyond the quota.
 */
export function countsAddUp(c: Pick<SelectionCounts, 'settled' | 'ineligible' | 'already' | 'eligible' | 'selected' | 'waiting'>): boolean {
  return c.settled === c.ineligible + c.already + c.eligible && c.eligible === c.selected + c.waiting;
}

/** The settled months inside the program's period, oldest first, each once. */
export function settledInPeriod(periods: readonly string[], from: string, to: string): string[] {
  return [...new Set(periods.filter((p) => p >= from && p <= to))].sort();
}

/**
 * The month the new-batch form starts on: the newest settled month inside the program's period
 * that has no batch yet, else the newest settled one, else the program's first month.
 */
export function defaultBatchMonth(settled: readonly string[], batched: readonly string[], from: string): string {
  const open = settled.filter((p) => !batched.includes(p));
  return open[open.length - 1] ?? settled[settled.length - 1] ?? from;
}

/** True when the server refused a batch because its month is not settled yet (409, "belum ditetapkan"). */
export function isNotSettled(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && /belum ditetapkan/i.test(error.problem.detail ?? '');
}

/** The persons waiting for the branch's answer: sent and not answered yet. */
export function waitingForAnswer(states: Partial<Record<string, number>> | undefined): number {
  return states?.sent ?? 0;
}

// --- The ineligible list --------------------------------------------------------------------------

export interface ReasonCount extends Reason {
  count: number;
}

export interface VillageGroup {
  village_code: string;
  workers: IneligibleWorker[];
  reasons: ReasonCount[];
}

/** How often each reason occurs among `workers`, most frequent first (then by label). */
export function reasonCounts(workers: readonly IneligibleWorker[]): ReasonCount[] {
  const byCode = new Map<string, ReasonCount>();
  for (const w of workers) {
    for (const r of w.reasons) {
      const seen = byCode.get(r.code);
      if (seen) seen.count += 1;
      else byCode.set(r.code, { ...r, count: 1 });
    }
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'id'));
}

/** The list by village (in village-code order), each with its persons by name and its reasons. */
export function byVillage(workers: readonly IneligibleWorker[]): VillageGroup[] {
  const groups = new Map<string, IneligibleWorker[]>();
  for (const w of workers) {
    const list = groups.get(w.village_code);
    if (list) list.push(w);
    else groups.set(w.village_code, [w]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([village_code, list]) => ({
      village_code,
      workers: [...list].sort((a, b) => a.name.localeCompare(b.name, 'id')),
      reasons: reasonCounts(list),
    }));
}
