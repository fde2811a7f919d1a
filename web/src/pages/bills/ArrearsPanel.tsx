// The arrears of a program (GET …/arrears): as of a date chosen in words (today in Jakarta
// first), the figures (workers in arrears, warnings, lapsed, the amount) and the workers 50 to a
// page from the server, warnings first and marked by colour and by their word: the list the head
// of Disnaker reads, also as .xlsx (same address, ?format=xlsx).

import { useState } from 'preact/hooks';
import { DateField } from '../../components/DateField';
import { LoadState } from '../../components/State';
import { arrearsXlsxUrl, getArrears, type Arrears } from '../../lib/billsApi';
import { formatDate, formatMonth, formatNumber, formatOptionalDate, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { todayInJakarta } from '../../lib/period';
import { useLoad } from '../../lib/useLoad';
import { arrearsOrder, codeKey } from './logic';
import { Pager } from './Pager';

const WORKERS_PER_PAGE = 50;

interface Props {
  regencyCode: string;
  programId: number;
  /** Bumped after a payment: read again. */
  version: number;
  canExport: boolean;
}

export function ArrearsPanel({ regencyCode, programId, version, canExport }: Props) {
  const { lang, t } = useI18n();
  const [asOf, setAsOf] = useState(todayInJakarta());
  const [page, setPage] = useState(1);
  const [load, reload] = useLoad(
    (signal) => getArrears(regencyCode, programId, asOf, { offset: (page - 1) * WORKERS_PER_PAGE, limit: WORKERS_PER_PAGE }, signal),
    [regencyCode, programId, asOf, page, version],
    true,
  );
  const data: Arrears | null = load.state === 'ready' ? load.data : null;
  const pages = data ? Math.max(1, Math.ceil(data.workers_in_arrears / WORKERS_PER_PAGE)) : 1;
  return (
    <section class="panel" aria-labelledby="arrears-title" data-testid="arrears" data-as-of={data?.as_of}>
      <header class="panel-head bills-head">
        <h2 id="arrears-title">{t('arrears.title')}</h2>
        {canExport && (
          <a class="button button-secondary" href={arrearsXlsxUrl(regencyCode, programId, asOf)} download data-testid="arrears-xlsx">
            {t('arrears.download')}
          </a>
        )}
      </header>
      <p class="hint bills-intro">{t('arrears.intro', { limit: data?.limit_months ?? 3 })}</p>
      <DateField
        id="arrears-date"
        legend={t('arrears.asOf')}
        value={asOf}
        onChange={(next) => {
          setAsOf(next);
          setPage(1);
        }}
      />
      <LoadState load={load} onRetry={reload} />
      {data && (
        <>
          <div class="kpis bills-kpis">
            <Kpi label={t('arrears.workers')} value={formatNumber(data.workers_in_arrears, lang)} raw={data.workers_in_arrears} testid="arrears-workers" />
            <Kpi label={t('arrears.warnings')} value={formatNumber(data.warnings, lang)} raw={data.warnings} testid="arrears-warnings" warn={data.warnings > 0} />
            <Kpi label={t('arrears.lapsed')} value={formatNumber(data.lapsed, lang)} raw={data.lapsed} testid="arrears-lapsed" warn={data.lapsed > 0} />
            <Kpi label={t('arrears.outstanding')} value={formatRupiah(data.outstanding)} raw={data.outstanding} testid="arrears-outstanding" />
          </div>
          {data.workers.length === 0 ? (
            <p class="notice" data-testid="arrears-none">
              {t('arrears.none', { date: formatDate(data.as_of, lang) })}
            </p>
          ) : (
            <ArrearsTable data={data} from={(page - 1) * WORKERS_PER_PAGE + 1} />
          )}
          <Pager page={page} pages={pages} onPage={setPage} testid="arrears-pager" />
        </>
      )}
    </section>
  );
}

function Kpi({ label, value, raw, testid, warn }: { label: string; value: string; raw: number; testid: string; warn?: boolean }) {
  return (
    <div class={`kpi${warn ? ' bills-kpi-warn' : ''}`}>
      <p class="kpi-label">{label}</p>
      <p class="kpi-value kpi-value-small" data-testid={testid} data-value={raw}>
        {value}
      </p>
    </div>
  );
}

function ArrearsTable({ data, from }: { data: Arrears; from: number }) {
  const { lang, t } = useI18n();
  const workers = arrearsOrder(data.workers);
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid="arrears-list">
        <caption>
          {t('arrears.caption', {
            from: formatNumber(from, lang),
            to: formatNumber(from + workers.length - 1, lang),
            total: formatNumber(data.workers_in_arrears, lang),
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('arrears.level')}</th>
            <th scope="col">{t('arrears.nik')}</th>
            <th scope="col">{t('arrears.name')}</th>
            <th scope="col">{t('arrears.village')}</th>
            <th scope="col">{t('arrears.kpj')}</th>
            <th scope="col" class="num">
              {t('arrears.months')}
            </th>
            <th scope="col">{t('arrears.since')}</th>
            <th scope="col" class="num">
              {t('arrears.amount')}
            </th>
            <th scope="col">{t('arrears.lapsesOn')}</th>
          </tr>
        </thead>
        <tbody>
          {workers.map((w) => {
            const level = codeKey('arrears.level.', w.level);
            return (
              <tr key={w.worker_id} class={`bills-level-${w.level}`} data-testid="arrears-worker" data-worker={w.worker_id} data-level={w.level}>
                <td>
                  <span class={`bills-state bills-state-${w.level}`}>{level ? t(level) : w.level}</span>
                </td>
                <td class="nik">{w.nik}</td>
                <th scope="row">
                  <a href={`/pekerja/${w.worker_id}`}>{w.name}</a>
                </th>
                <td>{w.village_code}</td>
                <td class="nik">{w.kpj ?? '–'}</td>
                <td class="num" data-testid="arrears-months" data-value={w.months}>
                  {formatNumber(w.months, lang)}
                </td>
                <td>{formatMonth(w.first_month, lang)}</td>
                <td class="num" data-value={w.amount}>
                  {formatRupiah(w.amount)}
                </td>
                <td>{formatOptionalDate(w.lapses_on, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
