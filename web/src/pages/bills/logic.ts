// Pure helpers of the bill, reconciliation, payment and card pages: the words of a code, the
// page of a list shown client-side, the arrears in the order the head of Disnaker reads them,
// and the addresses of a bill's and an invoice's own view. Unit tests in logic.test.ts.

import { dictionaries, type MessageKey } from '../../lib/i18n';
import type { ArrearsWorker, MonthAccount } from '../../lib/billsApi';

/** The message of `prefix` + `code` ("recon.kind." + "amount_differs"), or null for a code this UI does not know. */
export function codeKey(prefix: string, code: string): MessageKey | null {
  const key = `${prefix}${code}`;
  return key in dictionaries.id ? (key as MessageKey) : null;
}

/** Page `page` (1-based) of `items`, `size` to a page; a page past the end is the last page. */
export function pageOf<T>(items: readonly T[], page: number, size: number): { rows: T[]; page: number; pages: number; from: number; to: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (current - 1) * size;
  const rows = items.slice(start, start + size);
  return { rows, page: current, pages, from: rows.length ? start + 1 : 0, to: start + rows.length };
}

const LEVEL_ORDER: Record<string, number> = { warning: 0, lapsed: 1, arrears: 2 };

/**
 * Workers in arrears as the list shows them: warnings first (the cover is about to end), then
 * those whose cover ended, then the rest; within a level the longest behind first, then by name.
 */
export function arrearsOrder(workers: readonly ArrearsWorker[]): ArrearsWorker[] {
  return [...workers].sort(
    (a, b) =>
      (LEVEL_ORDER[a.level] ?? 3) - (LEVEL_ORDER[b.level] ?? 3) || b.months - a.months || a.name.localeCompare(b.name, 'id') || a.worker_id - b.worker_id,
  );
}

/** The month a payment form starts on: the oldest month still owed, else the newest billed month. */
export function monthToPay(months: readonly MonthAccount[]): MonthAccount | null {
  const sorted = [...months].sort((a, b) => a.period.localeCompare(b.period));
  return sorted.find((m) => m.outstanding > 0) ?? sorted[sorted.length - 1] ?? null;
}

/** The month to bill first: the program's current month when it lies in the period, else its first. */
export function defaultBillMonth(from: string, to: string, now: string): string {
  return now >= from && now <= to ? now : from;
}

/** The query parameters of the program's sub-pages: a bill's month and an invoice's id. */
export const BILL_PARAM = 'bulan';
export const INVOICE_PARAM = 'berkas';

/** The month of `search` (?bulan=2025-09) or null when absent or not a month. */
export function billMonthOf(search: string): string | null {
  const month = new URLSearchParams(search).get(BILL_PARAM);
  return month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : null;
}

/** The invoice of `search` (?berkas=12) or null. */
export function invoiceOf(search: string): number | null {
  const id = new URLSearchParams(search).get(INVOICE_PARAM);
  return id && /^\d{1,15}$/.test(id) && Number(id) > 0 ? Number(id) : null;
}

/** A reason the server will accept: at least 5 characters once trimmed (as the service checks). */
export function reasonLongEnough(reason: string): boolean {
  return [...reason.trim()].length >= 5;
}
