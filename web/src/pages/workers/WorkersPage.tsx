// The worker registry (/pekerja): a server-paged, server-sorted list with a search box and
// filters, all reflected in the URL (a filtered list can be bookmarked or sent to a colleague,
// and Back undoes a filter). This file loads the page of rows the URL asks for and puts the
// parts together: WorkerFilters, WorkerTable and Pagination, with export_personal_data the
// ExportMenu (Excel/CSV of the filtered list), with edit_workers BulkStatus for the selected rows.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../../components/State';
import { listWorkers, workerQueryFromSearch, type WorkerList, type WorkerQuery } from '../../lib/api';
import { formatNumber, listPaging } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { navigate, useLocation } from '../../lib/router';
import { BulkStatus } from './BulkStatus';
import { ExportMenu } from './ExportMenu';
import { changedQuery, workersHref } from './logic';
import { Pagination } from './Pagination';
import { WorkerFilters } from './WorkerFilters';
import { WorkerTable } from './WorkerTable';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: WorkerList };

export function WorkersPage({ regencyCode, permissions }: { regencyCode: string; permissions: readonly string[] }) {
  const { lang, t } = useI18n();
  const location = useLocation();
  const query = useMemo(() => workerQueryFromSearch(location.search), [location.search]);
  const canExport = permissions.includes('export_personal_data');
  const canEdit = permissions.includes('edit_workers');
  // Masked NIKs: no order by NIK or birth date and no age bands, which would show the hidden
  // digits through (the server refuses them too; docs/privacy.md).
  const seesNik = permissions.includes('view_worker_nik');

  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(true);

  useEffect(() => {
    const controller = new AbortController();
    // The old rows stay visible (marked busy) while the next page loads: no jump to a spinner.
    setLoad((old) => (old.state === 'ready' ? old : { state: 'loading' }));
    setBusy(true);
    listWorkers(regencyCode, query, controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      })
      .finally(() => {
        if (!controller.signal.aborted) setBusy(false);
      });
    return () => controller.abort();
  }, [regencyCode, query, attempt]);

  // A new page or filter is a new set of rows: a selection of rows no longer shown would surprise.
  useEffect(() => setSelected(new Set()), [location.search, regencyCode]);

  const apply = (change: Partial<WorkerQuery>) => {
    setNotice('');
    navigate(workersHref(changedQuery(query, change)));
  };

  const data = load.state === 'ready' ? load.data : null;
  // Large lists are counted only up to a bound (total_exact false): "more than 10.000".
  const { from, to, pages, more, hasNext } = data
    ? listPaging(data.page, data.page_size, data.total, data.total_exact !== false, data.items.length)
    : { from: 0, to: 0, pages: 1, more: false, hasNext: false };

  return (
    <section class="workers" aria-labelledby="workers-title" data-testid="workers">
      <div class="page-head">
        <h1 id="workers-title">{t('workers.title')}</h1>
        {canExport && <ExportMenu regencyCode={regencyCode} query={query} />}
      </div>

      <WorkerFilters regencyCode={regencyCode} query={query} onApply={apply} seesNik={seesNik} />

      <div class="list-status" role="status" aria-live="polite">
        <span data-testid="workers-range">
          {data && data.total > 0 &&
            t(more ? 'workers.rangeMore' : 'workers.range', {
              from: formatNumber(from, lang),
              to: formatNumber(to, lang),
              total: formatNumber(data.total, lang),
            })}
        </span>
        {busy && data && <span class="visually-hidden"> {t('state.loading')}</span>}
        {notice && (
          <span class="notice" data-testid="workers-notice">
            {' '}
            {notice}
          </span>
        )}
      </div>

      {canEdit && selected.size > 0 && data && (
        <BulkStatus
          regencyCode={regencyCode}
          ids={[...selected]}
          onDone={(changed) => {
            setNotice(t('workers.bulkDone', { count: formatNumber(changed, lang) }));
            setSelected(new Set());
            setAttempt((n) => n + 1);
          }}
          onClear={() => setSelected(new Set())}
        />
      )}

      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {data && data.items.length === 0 && (
        <div class="state" data-testid="workers-empty">
          {t('workers.empty')}
        </div>
      )}
      {data && data.items.length > 0 && (
        <WorkerTable
          items={data.items}
          query={query}
          busy={busy}
          selectable={canEdit}
          seesNik={seesNik}
          selected={selected}
          onSelect={setSelected}
        />
      )}

      {data && data.total > 0 && (
        <Pagination
          data={data}
          query={query}
          pages={pages}
          more={more}
          hasNext={hasNext}
          onPageSize={(size) => apply({ page_size: size })}
        />
      )}
    </section>
  );
}
