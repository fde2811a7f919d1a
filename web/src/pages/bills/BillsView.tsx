// /program/{id}/tagihan: the program's monthly bills (GET …/bills), newest first, the form that
// issues a settled month's bill (manage_enrolment or manage_programs; the server judges again)
// and, at ?bulan=YYYY-MM, one bill with its figures and lines (BillDetail).

import { useState } from 'preact/hooks';
import { MonthField } from '../../components/MonthField';
import { LoadState } from '../../components/State';
import { issueBill, listBills, type Bill } from '../../lib/billsApi';
import { formatDate, formatMonth, formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Program } from '../../lib/programsApi';
import { navigate, useLocation } from '../../lib/router';
import { useLoad } from '../../lib/useLoad';
import { currentPeriod, failureText } from '../verval/logic';
import { BillDetail } from './BillDetail';
import { BILL_PARAM, billMonthOf, defaultBillMonth } from './logic';
import './bills.css';

interface Props {
  regencyCode: string;
  program: Program;
  permissions: readonly string[];
}

export const billHref = (programId: number, period: string) => `/program/${programId}/tagihan?${BILL_PARAM}=${period}`;

export function BillsView({ regencyCode, program, permissions }: Props) {
  const location = useLocation();
  const month = billMonthOf(location.search);
  const canIssue = permissions.includes('manage_enrolment') || permissions.includes('manage_programs');
  if (month) return <BillDetail regencyCode={regencyCode} program={program} period={month} permissions={permissions} />;
  return <BillList regencyCode={regencyCode} program={program} canIssue={canIssue} />;
}

function BillList({ regencyCode, program, canIssue }: { regencyCode: string; program: Program; canIssue: boolean }) {
  const { lang, t } = useI18n();
  const [load, reload] = useLoad((signal) => listBills(regencyCode, program.id, signal), [regencyCode, program.id], true);
  const bills = load.state === 'ready' ? [...load.data].sort((a, b) => b.period.localeCompare(a.period)) : null;
  return (
    <div class="bills" data-testid="bills" data-program={program.id}>
      <section class="panel" aria-labelledby="bills-title">
        <header class="panel-head">
          <h2 id="bills-title">{t('bill.list.title')}</h2>
        </header>
        <p class="hint bills-intro">{t('bill.list.intro')}</p>
        {canIssue && <IssueBill regencyCode={regencyCode} program={program} onIssued={reload} />}
        <LoadState load={load} onRetry={reload} />
        {bills && bills.length === 0 && (
          <p class="muted" data-testid="bills-none">
            {t('bill.list.none')}
          </p>
        )}
        {bills && bills.length > 0 && (
          <div class="table-scroll">
            <table class="data-table" data-testid="bill-list">
              <caption class="visually-hidden">{t('bill.list.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bill.list.month')}</th>
                  <th scope="col" class="num">
                    {t('bill.list.workers')}
                  </th>
                  <th scope="col" class="num">
                    {t('bill.list.total')}
                  </th>
                  <th scope="col">{t('bill.list.due')}</th>
                  <th scope="col" class="num">
                    {t('bill.list.version')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {bills.map((b: Bill) => (
                  <tr key={b.id} data-testid="bill-row" data-period={b.period}>
                    <th scope="row">
                      <a href={billHref(program.id, b.period)} aria-label={t('bill.list.open', { month: formatMonth(b.period, lang) })} data-testid="bill-open">
                        {formatMonth(b.period, lang)}
                      </a>
                    </th>
                    <td class="num">{formatNumber(b.workers, lang)}</td>
                    <td class="num" data-testid="bill-row-total" data-value={b.total}>
                      {formatRupiah(b.total)}
                    </td>
                    <td>{formatDate(b.due_date, lang)}</td>
                    <td class="num">{formatNumber(b.version, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** The form that issues one month's bill; a bill issued opens at once. */
function IssueBill({ regencyCode, program, onIssued }: { regencyCode: string; program: Program; onIssued: () => void }) {
  const { lang, t } = useI18n();
  const [month, setMonth] = useState(() => defaultBillMonth(program.period_from, program.period_to, currentPeriod()));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      const bill = await issueBill(regencyCode, program.id, month);
      setOutcome({
        ok: true,
        text: t('bill.issue.done', {
          month: formatMonth(bill.period, lang),
          version: bill.version,
          workers: formatNumber(bill.workers, lang),
          total: formatRupiah(bill.total),
        }),
      });
      onIssued();
      navigate(billHref(program.id, bill.period));
    } catch (caught) {
      setOutcome({ ok: false, text: t('bill.issue.refused', { detail: failureText(caught, t('state.network')) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="bills-form" onSubmit={submit} noValidate aria-labelledby="issue-bill-title" data-testid="issue-bill">
      <h3 id="issue-bill-title">{t('bill.issue.title')}</h3>
      <p class="hint" id="issue-bill-hint">
        {t('bill.issue.hint')}
      </p>
      <div class="bills-form-row">
        <MonthField id="bill-month" legend={t('bill.issue.month')} value={month} onChange={setMonth} invalid={outcome?.ok === false} describedBy="issue-bill-hint issue-bill-outcome" />
        <button type="submit" class="button" disabled={busy} data-testid="issue-bill-submit">
          {busy ? t('bill.issue.busy') : t('bill.issue.submit')}
        </button>
      </div>
      <p
        id="issue-bill-outcome"
        class={outcome?.ok ? 'notice' : 'form-summary'}
        role="status"
        data-testid="issue-bill-outcome"
        data-ok={outcome ? String(outcome.ok) : undefined}
      >
        {outcome?.text}
      </p>
    </form>
  );
}
