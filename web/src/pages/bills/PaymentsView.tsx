// /program/{id}/pembayaran: the program's months as accounts (billed, paid, outstanding, due,
// state) and the payments recorded (GET …/payments), the form that records one (manage_enrolment
// or manage_programs; the amount is sent as written, "Rp 2.800.000" or "2800000", and the server
// reads it: 409 for more than is owed or a month not billed, shown in its words), and the arrears
// list (ArrearsPanel).

import { useCallback, useEffect, useState } from 'preact/hooks';
import { DateField } from '../../components/DateField';
import { MonthField } from '../../components/MonthField';
import { LoadState } from '../../components/State';
import { addPayment, listPayments, type MonthAccount, type Payment } from '../../lib/billsApi';
import { formatDate, formatMonth, formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { todayInJakarta } from '../../lib/period';
import type { Program } from '../../lib/programsApi';
import { useLoad } from '../../lib/useLoad';
import { failureText } from '../verval/logic';
import { TextField } from '../programs/Field';
import { ArrearsPanel } from './ArrearsPanel';
import { codeKey, monthToPay } from './logic';
import './bills.css';

interface Props {
  regencyCode: string;
  program: Program;
  permissions: readonly string[];
}

export function PaymentsView({ regencyCode, program, permissions }: Props) {
  const { t } = useI18n();
  const canPay = permissions.includes('manage_enrolment') || permissions.includes('manage_programs');
  // Bumped after a payment: the months, the payments and the arrears are read again.
  const [version, setVersion] = useState(0);
  const paid = useCallback(() => setVersion((n) => n + 1), []);
  const [load, reload] = useLoad((signal) => listPayments(regencyCode, program.id, signal), [regencyCode, program.id, version], true);
  const data = load.state === 'ready' ? load.data : null;
  return (
    <div class="bills" data-testid="payments" data-program={program.id}>
      <section class="panel" aria-labelledby="months-title" data-testid="pay-months-panel">
        <header class="panel-head">
          <h2 id="months-title">{t('pay.months.title')}</h2>
        </header>
        <LoadState load={load} onRetry={reload} />
        {data && data.months.length === 0 && (
          <p class="muted" data-testid="pay-months-none">
            {t('pay.months.none')}
          </p>
        )}
        {data && data.months.length > 0 && <MonthTable months={data.months} />}
        {data && canPay && data.months.length > 0 && <PaymentForm regencyCode={regencyCode} program={program} months={data.months} onPaid={paid} />}
      </section>
      {data && <PaymentList payments={data.payments} />}
      <ArrearsPanel regencyCode={regencyCode} programId={program.id} version={version} canExport={permissions.includes('view_workers')} />
    </div>
  );
}

function MonthTable({ months }: { months: readonly MonthAccount[] }) {
  const { lang, t } = useI18n();
  const sorted = [...months].sort((a, b) => a.period.localeCompare(b.period));
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid="pay-months">
        <caption class="visually-hidden">{t('pay.months.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pay.months.month')}</th>
            <th scope="col" class="num">
              {t('pay.months.workers')}
            </th>
            <th scope="col" class="num">
              {t('pay.months.total')}
            </th>
            <th scope="col" class="num">
              {t('pay.months.paid')}
            </th>
            <th scope="col" class="num">
              {t('pay.months.outstanding')}
            </th>
            <th scope="col">{t('pay.months.due')}</th>
            <th scope="col">{t('pay.months.state')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((m) => {
            const state = codeKey('pay.state.', m.state);
            return (
              <tr key={m.period} data-testid="pay-month" data-period={m.period} data-state={m.state}>
                <th scope="row">{formatMonth(m.period, lang)}</th>
                <td class="num">{formatNumber(m.workers, lang)}</td>
                <td class="num" data-testid="pay-month-total" data-value={m.total}>
                  {formatRupiah(m.total)}
                </td>
                <td class="num" data-testid="pay-month-paid" data-value={m.paid}>
                  {formatRupiah(m.paid)}
                </td>
                <td class="num" data-testid="pay-month-outstanding" data-value={m.outstanding}>
                  {formatRupiah(m.outstanding)}
                </td>
                <td>{formatDate(m.due_date, lang)}</td>
                <td>
                  <span class={`bills-state bills-state-${m.state}`} data-testid="pay-month-state">
                    {state ? t(state) : m.state}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function PaymentForm({ regencyCode, program, months, onPaid }: { regencyCode: string; program: Program; months: readonly MonthAccount[]; onPaid: () => void }) {
  const { lang, t } = useI18n();
  const start = monthToPay(months);
  const [period, setPeriod] = useState(start?.period ?? program.period_from);
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(todayInJakarta());
  const [reference, setReference] = useState('');
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  // The month owed first follows the accounts until the person picks another.
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (!touched && start) setPeriod(start.period);
  }, [touched, start?.period]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (amount.trim() === '' || reference.trim() === '') {
      setOutcome({ ok: false, text: t('pay.form.required') });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const written = amount.trim();
      const payment = await addPayment(regencyCode, program.id, {
        period,
        // Plain digits go as a number; anything else ("Rp 2.800.000") as written, for the server to read.
        amount: /^\d+$/.test(written) ? Number(written) : written,
        date,
        reference: reference.trim(),
        source: source || undefined,
      });
      setOutcome({ ok: true, text: t('pay.form.done', { amount: formatRupiah(payment.amount), month: formatMonth(payment.period, lang) }) });
      setAmount('');
      setReference('');
      setTouched(false);
      onPaid();
    } catch (caught) {
      setOutcome({ ok: false, text: t('pay.form.refused', { detail: failureText(caught, t('state.network')) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="bills-form" onSubmit={submit} noValidate aria-labelledby="pay-form-title" data-testid="pay-form">
      <h3 id="pay-form-title">{t('pay.form.title')}</h3>
      <div class="bills-form-row">
        <MonthField
          id="pay-month"
          legend={t('pay.form.month')}
          value={period}
          onChange={(next) => {
            setTouched(true);
            setPeriod(next);
          }}
        />
        <TextField id="pay-amount" label={t('pay.form.amount')} hint={t('pay.form.amountHint')} value={amount} onInput={setAmount} />
        <DateField id="pay-date" legend={t('pay.form.date')} value={date} onChange={setDate} />
        <TextField id="pay-reference" label={t('pay.form.reference')} value={reference} onInput={setReference} maxLength={120} />
        <div class="field">
          <label for="pay-source">{t('pay.form.source')}</label>
          <select id="pay-source" value={source} onChange={(e) => setSource((e.target as HTMLSelectElement).value)} data-testid="pay-source">
            <option value="">{t('pay.form.sourceAny')}</option>
            {program.funding.map((f) => (
              <option key={f.source} value={f.source}>
                {f.source}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button" disabled={busy} data-testid="pay-submit">
          {busy ? t('pay.form.busy') : t('pay.form.submit')}
        </button>
      </div>
      <p class={outcome?.ok ? 'notice' : 'form-summary'} role="status" data-testid="pay-outcome" data-ok={outcome ? String(outcome.ok) : undefined}>
        {outcome?.text}
      </p>
    </form>
  );
}

function PaymentList({ payments }: { payments: readonly Payment[] }) {
  const { lang, t } = useI18n();
  return (
    <section class="panel" aria-labelledby="payments-title" data-testid="payment-list-panel">
      <header class="panel-head">
        <h2 id="payments-title">{t('pay.list.title')}</h2>
      </header>
      {payments.length === 0 ? (
        <p class="muted" data-testid="payments-none">
          {t('pay.list.none')}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-testid="payment-list">
            <caption class="visually-hidden">{t('pay.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pay.list.date')}</th>
                <th scope="col">{t('pay.list.month')}</th>
                <th scope="col" class="num">
                  {t('pay.list.amount')}
                </th>
                <th scope="col">{t('pay.list.reference')}</th>
                <th scope="col">{t('pay.list.source')}</th>
                <th scope="col">{t('pay.list.actor')}</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr key={p.id} data-testid="payment" data-payment={p.id}>
                  <th scope="row">{formatDate(p.paid_on, lang)}</th>
                  <td>{formatMonth(p.period, lang)}</td>
                  <td class="num" data-testid="payment-amount" data-value={p.amount}>
                    {formatRupiah(p.amount)}
                  </td>
                  <td>{p.reference}</td>
                  <td>{p.funding_source ?? '–'}</td>
                  <td>{p.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
