// /klaim/laporan: the claims report (GET …/claims-report, view_reports): counts only, no names.
// The summary figures, the cases by kind and state, by district and by month of the event, and
// the same report as the PDF with the Disnaker letterhead or as .xlsx (…/claims-report?format=).

import { LoadState } from '../../components/State';
import { claimsReportUrl, getClaimsReport, type ClaimsReport } from '../../lib/claimsApi';
import { formatDate, formatMonth, formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useLoad } from '../../lib/useLoad';
import { codeKey } from '../bills/logic';
import { CLAIMS_PATH, daysText, kindStateRows } from './logic';
import './claims.css';

export function ClaimsReportPage({ regencyCode }: { regencyCode: string }) {
  const { lang, t } = useI18n();
  const [load, reload] = useLoad((signal) => getClaimsReport(regencyCode, signal), [regencyCode]);
  return (
    <div class="claims" data-testid="claims-report">
      <header class="page-head">
        <h1>{t('claim.report.title')}</h1>
        <a href={CLAIMS_PATH} data-testid="report-back">
          {t('claim.report.back')}
        </a>
      </header>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && (
        <>
          <p class="claims-intro" data-testid="report-as-of" data-value={load.data.as_of}>
            {t('claim.report.intro', { date: formatDate(load.data.as_of.slice(0, 10), lang) })}
          </p>
          <nav class="claims-downloads" aria-label={t('claim.report.downloads')}>
            <a class="button button-secondary" href={claimsReportUrl(regencyCode, 'pdf')} download data-testid="report-pdf">
              {t('claim.report.pdf')}
            </a>
            <a class="button button-secondary" href={claimsReportUrl(regencyCode, 'xlsx')} download data-testid="report-xlsx">
              {t('claim.report.xlsx')}
            </a>
          </nav>
          <Summary report={load.data} />
          <KindStateTable report={load.data} />
          <CountTable
            testid="report-districts"
            title={t('claim.report.byDistrict')}
            head={t('claim.report.district')}
            rows={load.data.districts.map((d) => ({ key: d.code, label: d.name || d.code, ...d }))}
          />
          <CountTable
            testid="report-months"
            title={t('claim.report.byMonth')}
            head={t('claim.report.month')}
            rows={load.data.months.map((m) => ({ key: m.month, label: formatMonth(m.month, lang), ...m }))}
          />
        </>
      )}
    </div>
  );
}

function Summary({ report: r }: { report: ClaimsReport }) {
  const { lang, t } = useI18n();
  const median = daysText(r.median_days_to_payment, lang);
  const figures: { key: string; label: string; text: string; value: number | null; tone?: 'main' | 'warn' }[] = [
    { key: 'cases', label: t('claim.report.cases'), text: formatNumber(r.cases, lang), value: r.cases, tone: 'main' },
    { key: 'paid', label: t('claim.report.paid'), text: formatNumber(r.paid_cases, lang), value: r.paid_cases },
    { key: 'amount-paid', label: t('claim.report.amountPaid'), text: formatRupiah(r.amount_paid), value: r.amount_paid },
    {
      key: 'median',
      label: t('claim.report.median'),
      text: median === null ? t('claim.report.medianNone') : t('claim.report.medianDays', { days: median }),
      value: r.median_days_to_payment,
    },
    { key: 'waiting', label: t('claim.report.waiting'), text: formatNumber(r.cases_waiting, lang), value: r.cases_waiting },
    { key: 'heirs-waiting', label: t('claim.report.heirsWaiting'), text: formatNumber(r.heirs_waiting, lang), value: r.heirs_waiting },
    { key: 'expected-open', label: t('claim.report.expectedOpen'), text: formatRupiah(r.expected_open), value: r.expected_open },
    { key: 'overdue', label: t('claim.report.overdue'), text: formatNumber(r.overdue, lang), value: r.overdue, tone: 'warn' },
    { key: 'failures', label: t('claim.report.failures'), text: formatNumber(r.program_failures, lang), value: r.program_failures, tone: 'warn' },
  ];
  return (
    <section class="panel" aria-labelledby="report-summary-title">
      <header class="panel-head">
        <h2 id="report-summary-title">{t('claim.report.summary')}</h2>
      </header>
      <dl class="enrol-figures claims-figures" data-testid="report-summary">
        {figures.map((f) => (
          <div
            key={f.key}
            class={`enrol-figure${f.tone === 'main' ? ' enrol-figure-main' : ''}${f.tone === 'warn' && (f.value ?? 0) > 0 ? ' enrol-figure-warn' : ''}`}
            data-testid={`report-${f.key}`}
            data-value={f.value === null ? '' : String(f.value)}
          >
            <dt>{f.label}</dt>
            <dd>{f.text}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">{t('claim.report.failures')}: {t('claim.report.failuresHint')}</p>
    </section>
  );
}

function KindStateTable({ report }: { report: ClaimsReport }) {
  const { lang, t } = useI18n();
  const { states, rows } = kindStateRows(report.by_kind_state);
  return (
    <section class="panel" aria-labelledby="report-kind-title">
      <header class="panel-head">
        <h2 id="report-kind-title">{t('claim.report.byKind')}</h2>
      </header>
      {rows.length === 0 ? (
        <p class="muted">{t('claim.report.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-testid="report-kind-state">
            <thead>
              <tr>
                <th scope="col">{t('claim.report.kind')}</th>
                {states.map((s) => {
                  const key = codeKey('claim.state.', s);
                  return (
                    <th scope="col" class="num" key={s} data-state={s}>
                      {key ? t(key) : s}
                    </th>
                  );
                })}
                <th scope="col" class="num">
                  {t('claim.report.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const kind = codeKey('claim.kind.', row.kind);
                return (
                  <tr key={row.kind} data-testid="report-kind" data-kind={row.kind}>
                    <th scope="row">{kind ? t(kind) : row.kind}</th>
                    {row.counts.map((c) => (
                      <td class="num" key={c.state} data-state={c.state} data-value={c.cases}>
                        {formatNumber(c.cases, lang)}
                      </td>
                    ))}
                    <td class="num" data-testid="report-kind-total" data-value={row.total}>
                      {formatNumber(row.total, lang)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface CountRow {
  key: string;
  label: string;
  cases: number;
  paid: number;
  amount_paid: number;
}

/** Cases, paid and amount paid per district or per month of the event. */
function CountTable({ testid, title, head, rows }: { testid: string; title: string; head: string; rows: CountRow[] }) {
  const { lang, t } = useI18n();
  const id = `${testid}-title`;
  return (
    <section class="panel" aria-labelledby={id}>
      <header class="panel-head">
        <h2 id={id}>{title}</h2>
      </header>
      {rows.length === 0 ? (
        <p class="muted">{t('claim.report.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-testid={testid}>
            <thead>
              <tr>
                <th scope="col">{head}</th>
                <th scope="col" class="num">
                  {t('claim.report.cases')}
                </th>
                <th scope="col" class="num">
                  {t('claim.report.paid')}
                </th>
                <th scope="col" class="num">
                  {t('claim.report.amountPaid')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="report-row" data-key={r.key}>
                  <th scope="row" data-testid="report-row-label">
                    {r.label}
                  </th>
                  <td class="num" data-testid="report-row-cases" data-value={r.cases}>
                    {formatNumber(r.cases, lang)}
                  </td>
                  <td class="num" data-testid="report-row-paid" data-value={r.paid}>
                    {formatNumber(r.paid, lang)}
                  </td>
                  <td class="num" data-testid="report-row-amount" data-value={r.amount_paid}>
                    {formatRupiah(r.amount_paid)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
