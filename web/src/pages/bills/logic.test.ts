import { describe, expect, it } from 'vitest';
import type { ArrearsWorker, MonthAccount } from '../../lib/billsApi';
import { arrearsOrder, billMonthOf, codeKey, defaultBillMonth, invoiceOf, monthToPay, pageOf, reasonLongEnough } from './logic';

const worker = (worker_id: number, name: string, level: string, months: number): ArrearsWorker => ({
  worker_id,
  nik: '',
  name,
  village_code: '',
  kpj: null,
  months,
  months_total: months,
  first_month: '2025-09',
  amount: months * 16800,
  level,
  lapses_on: null,
});

const month = (period: string, outstanding: number): MonthAccount => ({
  period,
  bill_id: 1,
  version: 1,
  workers: 1,
  total: 16800,
  paid: 16800 - outstanding,
  outstanding,
  due_date: `${period}-15`,
  state: outstanding ? 'overdue' : 'paid',
});

describe('codeKey', () => {
  it('knows the kinds of difference and not made-up codes', () => {
    expect(codeKey('recon.kind.', 'amount_differs')).toBe('recon.kind.amount_differs');
    expect(codeKey('recon.kind.', 'nonsense')).toBeNull();
  });
});

describe('pageOf', () => {
  const items = Array.from({ length: 120 }, (_, i) => i + 1);
  it('cuts pages and says which rows they hold', () => {
    expect(pageOf(items, 2, 50)).toMatchObject({ page: 2, pages: 3, from: 51, to: 100 });
    expect(pageOf(items, 3, 50).rows).toEqual(items.slice(100));
  });
  it('keeps a page past the end on the last page, and an empty list on page 1 of 1', () => {
    expect(pageOf(items, 9, 50)).toMatchObject({ page: 3, from: 101, to: 120 });
    expect(pageOf([], 4, 50)).toMatchObject({ page: 1, pages: 1, from: 0, to: 0, rows: [] });
  });
});

describe('arrearsOrder', () => {
  it('puts warnings first, then lapsed, then the longest behind', () => {
    const order = arrearsOrder([worker(1, 'Budi', 'arrears', 1), worker(2, 'Ani', 'arrears', 2), worker(3, 'Citra', 'warning', 3), worker(4, 'Dewi', 'lapsed', 4)]);
    expect(order.map((w) => w.worker_id)).toEqual([3, 4, 2, 1]);
  });
});

describe('monthToPay', () => {
  it('is the oldest month still owed, else the newest', () => {
    expect(monthToPay([month('2025-10', 5), month('2025-09', 7)])?.period).toBe('2025-09');
    expect(monthToPay([month('2025-09', 0), month('2025-10', 0)])?.period).toBe('2025-10');
    expect(monthToPay([])).toBeNull();
  });
});

describe('defaultBillMonth', () => {
  it('is this month inside the period, else the first month', () => {
    expect(defaultBillMonth('2025-09', '2025-12', '2025-10')).toBe('2025-10');
    expect(defaultBillMonth('2025-09', '2025-12', '2026-01')).toBe('2025-09');
  });
});

describe('the sub-page addresses', () => {
  it('read a month and an invoice, and nothing else', () => {
    expect(billMonthOf('?bulan=2025-09')).toBe('2025-09');
    expect(billMonthOf('?bulan=2025-13')).toBeNull();
    expect(invoiceOf('?berkas=12')).toBe(12);
    expect(invoiceOf('?berkas=0')).toBeNull();
    expect(invoiceOf('?berkas=x')).toBeNull();
  });
});

describe('reasonLongEnough', () => {
  it('wants five characters once trimmed', () => {
    expect(reasonLongEnough('  oke  ')).toBe(false);
    expect(reasonLongEnough('sudah')).toBe(true);
  });
});
