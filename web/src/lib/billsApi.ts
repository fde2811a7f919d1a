// Typed calls for a program's money after enrolment (issue 14, item 5) under
// /api/v1/regencies/{code}/…: the monthly bill and its lines, the reconciliation with the BPJS
// invoice, payments and arrears, and the membership cards. The shapes are those of
// src/http/bill_routes.hpp (docs/bills.md) and src/http/card_routes.hpp (docs/cards.md).
// Months are "YYYY-MM", dates "YYYY-MM-DD", amounts integer rupiah. Failures are api.ts's
// ApiError (the server's Indonesian `detail`).

import { send, sendBytes, sendForFile } from './api';

/** What a program owes BPJS for one settled month (one stored version). */
export interface Bill {
  workers: number;
  total: number;
  /** Funding source -> rupiah; the sources add up to `total`. */
  by_source: Record<string, number>;
  id: number;
  program_id: number;
  program_name: string;
  period: string;
  version: number;
  proration: string;
  due_date: string;
  policy_version: string | number | null;
  /** The total in words ("dua juta … rupiah"). */
  terbilang: string;
  actor: string;
  created_at: string;
}

export interface BillLine {
  worker_id: number;
  nik: string;
  name: string;
  kpj: string | null;
  jkk: number;
  jkm: number;
  jht: number;
  amount: number;
  by_source: Record<string, number>;
}

/** The kinds of difference a reconciliation finds, in the server's order. */
export const INVOICE_KINDS = ['billed_not_listed', 'listed_not_billed', 'amount_differs', 'dead_but_billed', 'duplicate_billed'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export interface Invoice {
  lines: Record<InvoiceKind, number>;
  id: number;
  program_id: number;
  period: string;
  file_name: string;
  bill_id: number;
  bill_version: number;
  bill_workers: number;
  bill_total: number;
  invoice_lines: number;
  invoice_total: number;
  /** Differences still to settle. */
  open: number;
  resolved: number;
  actor: string;
  created_at: string;
  /** True when the same file had been reconciled already (HTTP 200, nothing new stored). */
  repeated?: boolean;
}

export type InvoiceLineState = 'open' | 'resolved';

export interface InvoiceLine {
  line_no: number;
  kind: InvoiceKind | string;
  /** The line of the BPJS file, absent for a person the invoice left out. */
  source_line: number | null;
  worker_id: number | null;
  nik: string | null;
  kpj: string | null;
  name: string | null;
  billed: number | null;
  expected: number | null;
  state: InvoiceLineState | string;
  reason: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface Payment {
  id: number;
  program_id: number;
  period: string;
  bill_id: number;
  amount: number;
  paid_on: string;
  reference: string;
  funding_source: string | null;
  actor: string;
  created_at: string;
}

export type MonthState = 'paid' | 'not_due' | 'overdue';

export interface MonthAccount {
  period: string;
  bill_id: number;
  version: number;
  workers: number;
  total: number;
  paid: number;
  outstanding: number;
  due_date: string;
  state: MonthState | string;
}

export interface PaymentInput {
  period: string;
  /** A whole number of rupiah, or text as written ("Rp 2.800.000"): the server reads both. */
  amount: number | string;
  date: string;
  reference: string;
  source?: string;
}

export type ArrearsLevel = 'arrears' | 'warning' | 'lapsed';

export interface ArrearsWorker {
  worker_id: number;
  nik: string;
  name: string;
  village_code: string;
  kpj: string | null;
  /** Months unpaid for this worker. */
  months: number;
  months_total: number;
  first_month: string;
  amount: number;
  level: ArrearsLevel | string;
  lapses_on: string | null;
}

export interface Arrears {
  as_of: string;
  limit_months: number;
  workers_in_arrears: number;
  warnings: number;
  lapsed: number;
  outstanding: number;
  months: MonthAccount[];
  workers: ArrearsWorker[];
}

export interface Card {
  id: number;
  /** The worker's n-th card under the program (1, 2, … after reprints). */
  serial: number;
  worker_id: number;
  program_id: number;
  coverage_id: number;
  /** The signed token of the card's QR code (/cek/{token}). */
  token: string;
  issued_at: string;
  revoked_at: string | null;
  revoke_reason: string | null;
}

const regencyPath = (code: string) => `/api/v1/regencies/${encodeURIComponent(code)}`;
const programPath = (code: string, id: number) => `${regencyPath(code)}/programs/${id}`;
const billPath = (code: string, id: number, period: string) => `${programPath(code, id)}/bills/${encodeURIComponent(period)}`;
const invoicePath = (code: string, invoice: number) => `${regencyPath(code)}/invoices/${invoice}`;

// --- The bill ----------------------------------------------------------------------------------

/** The program's bills, one per month (its newest version). */
export async function listBills(code: string, programId: number, signal?: AbortSignal): Promise<Bill[]> {
  const body = await send<{ items: Bill[] }>('GET', `${programPath(code, programId)}/bills`, undefined, signal);
  return body.items;
}

/** Issues a settled month's bill; the same figures again give the same version back. */
export function issueBill(code: string, programId: number, period: string): Promise<Bill> {
  return send<Bill>('POST', `${programPath(code, programId)}/bills`, { period });
}

export function getBill(code: string, programId: number, period: string, signal?: AbortSignal): Promise<Bill> {
  return send<Bill>('GET', billPath(code, programId, period), undefined, signal);
}

/** The bill's persons (view_workers). */
export async function listBillLines(code: string, programId: number, period: string, signal?: AbortSignal): Promise<BillLine[]> {
  const body = await send<{ items: BillLine[] }>('GET', `${billPath(code, programId, period)}/lines`, undefined, signal);
  return body.items;
}

/** The finance office's spreadsheet of the bill (export_personal_data). */
export const billFileUrl = (code: string, programId: number, period: string) => `${billPath(code, programId, period)}/file`;

// --- Reconciliation -----------------------------------------------------------------------------

/** Sends the BPJS invoice as written; a file reconciled before comes back with `repeated`. */
export function uploadInvoice(code: string, programId: number, period: string, file: File): Promise<Invoice> {
  const query = `program=${programId}&period=${encodeURIComponent(period)}`;
  return sendBytes<Invoice>('POST', `${regencyPath(code)}/invoices?${query}`, file, undefined, {
    'X-File-Name': encodeURIComponent(file.name),
  });
}

export async function listInvoices(code: string, programId: number, period?: string, signal?: AbortSignal): Promise<Invoice[]> {
  const query = period ? `?period=${encodeURIComponent(period)}` : '';
  const body = await send<{ items: Invoice[] }>('GET', `${programPath(code, programId)}/invoices${query}`, undefined, signal);
  return body.items;
}

export function getInvoice(code: string, invoice: number, signal?: AbortSignal): Promise<Invoice> {
  return send<Invoice>('GET', invoicePath(code, invoice), undefined, signal);
}

export interface LineFilter {
  kind?: string;
  state?: string;
  offset?: number;
  limit?: number;
}

export async function listInvoiceLines(code: string, invoice: number, filter: LineFilter, signal?: AbortSignal): Promise<InvoiceLine[]> {
  const params = new URLSearchParams();
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.state) params.set('state', filter.state);
  if (filter.offset) params.set('offset', String(filter.offset));
  if (filter.limit) params.set('limit', String(filter.limit));
  const query = params.toString();
  const body = await send<{ items: InvoiceLine[] }>('GET', `${invoicePath(code, invoice)}/lines${query ? `?${query}` : ''}`, undefined, signal);
  return body.items;
}

/** Settles one difference with the reason (at least 5 characters, else 400). */
export function resolveInvoiceLine(code: string, invoice: number, line: number, reason: string): Promise<InvoiceLine> {
  return send<InvoiceLine>('POST', `${invoicePath(code, invoice)}/lines/${line}/resolution`, { reason });
}

export const invoiceCsvUrl = (code: string, invoice: number) => `${invoicePath(code, invoice)}/lines.csv`;

// --- Payments and arrears -------------------------------------------------------------------------

export function listPayments(code: string, programId: number, signal?: AbortSignal): Promise<{ payments: Payment[]; months: MonthAccount[] }> {
  return send('GET', `${programPath(code, programId)}/payments`, undefined, signal);
}

/** Records a payment; 409 for more than is owed or a month not billed. */
export function addPayment(code: string, programId: number, input: PaymentInput): Promise<Payment> {
  return send<Payment>('POST', `${programPath(code, programId)}/payments`, input);
}

function arrearsQuery(asOf: string | undefined, extra: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  if (asOf) params.set('as_of', asOf);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, String(value));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function getArrears(code: string, programId: number, asOf: string | undefined, page: { offset: number; limit: number }, signal?: AbortSignal): Promise<Arrears> {
  return send<Arrears>('GET', `${programPath(code, programId)}/arrears${arrearsQuery(asOf, page)}`, undefined, signal);
}

/** The arrears list as a spreadsheet for the head of Disnaker. */
export const arrearsXlsxUrl = (code: string, programId: number, asOf?: string) =>
  `${programPath(code, programId)}/arrears${arrearsQuery(asOf, { format: 'xlsx' })}`;

// --- Cards ------------------------------------------------------------------------------------------

export async function listCards(code: string, programId: number, signal?: AbortSignal): Promise<Card[]> {
  const body = await send<{ items: Card[] }>('GET', `${programPath(code, programId)}/cards`, undefined, signal);
  return body.items;
}

/** The PDF of the cards that still hold (printing again issues nothing). */
export const cardsPdfUrl = (code: string, programId: number, worker?: number) =>
  `${programPath(code, programId)}/cards.pdf${worker ? `?worker=${worker}&layout=single` : ''}`;

/** The public check of a card's QR code. */
export const cardCheckPath = (token: string) => `/cek/${token}`;

export function revokeCard(code: string, card: number, reason: string): Promise<Card> {
  return send<Card>('POST', `${regencyPath(code)}/cards/${card}/revocation`, { reason });
}

/**
 * Issues the program's cards (every covered worker, or one worker's again: the earlier card of
 * that worker is revoked as re-issued) and answers the new cards' PDF and how many were issued.
 */
export async function issueCards(code: string, programId: number, worker?: number): Promise<{ pdf: Blob; issued: number }> {
  const body = worker ? { worker, layout: 'single' } : { layout: 'sheet' };
  const { blob, headers } = await sendForFile('POST', `${programPath(code, programId)}/cards`, body);
  return { pdf: blob, issued: Number(headers.get('X-Cards-Issued') ?? '0') };
}
