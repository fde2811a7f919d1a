// One month's bill (/program/{id}/tagihan?bulan=YYYY-MM): workers, total, the split by funding
// source, the total in words, the due date, its version and the contribution rules it used, the
// finance office's .xlsx (export_personal_data) and its lines by worker (view_workers), shown
// 50 to a page. A month without a bill says so (404 from the server).

import { useState } from 'preact/hooks';
import { ErrorState, LoadState, Loading } from '../../components/State';
import { ApiError } from '../../lib/api';
import { billFileUrl, getBill, listBillLines, type Bill, type BillLine } from '../../lib/billsApi';
import { formatDate, formatDateTime, formatMonth, formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Program } from '../../lib/programsApi';
import { useLoad } from '../../lib/useLoad';
import { codeKey, pageOf } from './logic';
import { Pager } from './Pager';

const LINES_PER_PAGE = 50;

interface Props {
  regencyCode: string;
  program: Program;
  period: string;
  permissions: readonly string[];
}

export function BillDetail({ regencyCode, program, period, permissions }: Props) {
  const { lang, t } = useI18n();
  const [load, reload] = useLoad((signal) => getBill(regencyCode, program.id, period, signal), [regencyCode, program.id, period]);
  return (
    <div class="bills" data-testid="bill-detail" data-period={period}>
      <p class="back">
        <a href={`/program/${program.id}/tagihan`} data-testid="bill-back">
          <span aria-hidden="true">← </span>
          {t('bill.detail.back')}
        </a>
      </p>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' &&
        (load.error instanceof ApiError && load.error.status === 404 ? (
          <p class="muted" data-testid="bill-missing">
            {t('bill.detail.notFound', { month: formatMonth(period, lang) })}
          </p>
        ) : (
          <ErrorState error={load.error} onRetry={reload} />
        ))}
      {load.state === 'ready' && (
        <>
          <BillFacts bill={load.data} regencyCode={regencyCode} canExport={permissions.includes('export_personal_data')} />
          {permissions.includes('view_workers') ? (
            <BillLines regencyCode={regencyCode} programId={program.id} period={period} />
          ) : (
            <p class="muted">{t('bill.lines.forbidden')}</p>
          )}
        </>
      )}
    </div>
  );
}

function BillFacts({ bill, regencyCode, canExport }: { bill: Bill; regencyCode: string; canExport: boolean }) {
  const { lang, t } = useI18n();
  const proration = codeKey('bill.detail.proration.', bill.proration);
  const sources = Object.entries(bill.by_source);
  return (
    <section class="panel" aria-labelledby="bill-title" data-testid="bill" data-bill={bill.id} data-version={bill.version}>
      <header class="panel-head bills-head">
        <h2 id="bill-title">{t('bill.detail.title', { month: formatMonth(bill.period, lang) })}</h2>
        {canExport && (
          <a class="button button-secondary" href={billFileUrl(regencyCode, bill.program_id, bill.period)} download data-testid="bill-file">
            {t('bill.detail.download')}
          </a>
        )}
      </header>
      <div class="kpis bills-kpis">
        <div class="kpi kpi-main">
          <p class="kpi-label">{t('bill.detail.total')}</p>
          <p class="kpi-value kpi-value-small" data-testid="bill-total" data-value={bill.total}>
            {formatRupiah(bill.total)}
          </p>
          <p class="kpi-hint" data-testid="bill-terbilang">
            {t('bill.detail.terbilang')}: <i>{bill.terbilang}</i>
          </p>
        </div>
        <div class="kpi">
          <p class="kpi-label">{t('bill.detail.workers')}</p>
          <p class="kpi-value kpi-value-small" data-testid="bill-workers" data-value={bill.workers}>
            {formatNumber(bill.workers, lang)}
          </p>
        </div>
        <div class="kpi">
          <p class="kpi-label">{t('bill.detail.due')}</p>
          <p class="kpi-value kpi-value-small" data-testid="bill-due" data-value={bill.due_date}>
            {formatDate(bill.due_date, lang)}
          </p>
        </div>
      </div>
      <div class="bills-grid">
        <dl class="program-terms">
          <div class="field-row">
            <dt>{t('bill.detail.version')}</dt>
            <dd data-testid="bill-version">{formatNumber(bill.version, lang)}</dd>
          </div>
          <div class="field-row">
            <dt>{t('bill.detail.policy')}</dt>
            <dd data-testid="bill-policy">{bill.policy_version ?? '–'}</dd>
          </div>
          <div class="field-row">
            <dt>{t('bill.detail.proration')}</dt>
            <dd>{proration ? t(proration) : bill.proration}</dd>
          </div>
        </dl>
        <table class="data-table bills-sources" data-testid="bill-sources">
          <caption>{t('bill.detail.bySource')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bill.detail.source')}</th>
              <th scope="col" class="num">
                {t('bill.detail.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sources.map(([source, amount]) => (
              <tr key={source} data-testid="bill-source" data-source={source} data-value={amount}>
                <th scope="row">{source}</th>
                <td class="num">{formatRupiah(amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted" data-testid="bill-issued">
        {t('bill.detail.issued', { actor: bill.actor, when: formatDateTime(bill.created_at, lang) })}
      </p>
    </section>
  );
}

function BillLines({ regencyCode, programId, period }: { regencyCode: string; programId: number; period: string }) {
  const { lang, t } = useI18n();
  const [page, setPage] = useState(1);
  const [load, reload] = useLoad((signal) => listBillLines(regencyCode, programId, period, signal), [regencyCode, programId, period]);
  const lines: BillLine[] = load.state === 'ready' ? load.data : [];
  const shown = pageOf(lines, page, LINES_PER_PAGE);
  return (
    <section class="panel" aria-labelledby="bill-lines-title" data-testid="bill-lines-panel">
      <header class="panel-head">
        <h2 id="bill-lines-title">{t('bill.lines.title')}</h2>
      </header>
      {load.state !== 'ready' && <LoadState load={load} onRetry={reload} />}
      {load.state === 'ready' && lines.length === 0 && <p class="muted">{t('bill.lines.none')}</p>}
      {load.state === 'ready' && lines.length > 0 && (
        <>
          <div class="table-scroll">
            <table class="data-table" data-testid="bill-lines" data-count={lines.length}>
              <caption>
                {t('bill.lines.caption', { from: formatNumber(shown.from, lang), to: formatNumber(shown.to, lang), total: formatNumber(lines.length, lang) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('bill.lines.nik')}</th>
                  <th scope="col">{t('bill.lines.name')}</th>
                  <th scope="col">{t('bill.lines.kpj')}</th>
                  <th scope="col" class="num">
                    {t('bill.lines.jkk')}
                  </th>
                  <th scope="col" class="num">
                    {t('bill.lines.jkm')}
                  </th>
                  <th scope="col" class="num">
                    {t('bill.lines.jht')}
                  </th>
                  <th scope="col" class="num">
                    {t('bill.lines.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.rows.map((l) => (
                  <tr key={l.worker_id} data-testid="bill-line" data-worker={l.worker_id}>
                    <td class="nik">{l.nik}</td>
                    <th scope="row">
                      <a href={`/pekerja/${l.worker_id}`}>{l.name}</a>
                    </th>
                    <td class="nik">{l.kpj ?? '–'}</td>
                    <td class="num">{formatRupiah(l.jkk)}</td>
                    <td class="num">{formatRupiah(l.jkm)}</td>
                    <td class="num">{formatRupiah(l.jht)}</td>
                    <td class="num" data-testid="bill-line-amount" data-value={l.amount}>
                      {formatRupiah(l.amount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={shown.page} pages={shown.pages} onPage={setPage} testid="bill-lines-pager" />
        </>
      )}
    </section>
  );
}
