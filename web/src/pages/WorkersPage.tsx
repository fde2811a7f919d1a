// The worker registry (/pekerja): a server-paged, server-sorted table with a search box and
// filters, all reflected in the URL (a filtered list can be bookmarked or sent to a colleague,
// and Back undoes a filter). NIKs are shown exactly as the server gives them (masked for roles
// that may not see them). With export_personal_data: Excel/CSV download of the filtered list;
// with edit_workers: select rows and change their status with a reason.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../components/State';
import {
  AGE_BANDS,
  ApiError,
  getDashboard,
  listWorkers,
  setWorkersStatus,
  WORKER_STATUSES,
  workerQueryFromSearch,
  workerQueryParams,
  workersExportUrl,
  type Dashboard,
  type WorkerList,
  type WorkerQuery,
  type WorkerStatus,
} from '../lib/api';
import { formatBirth, formatDateTime, formatNumber, listPaging, type Lang } from '../lib/format';
import { occupationLabel, useI18n, type MessageKey } from '../lib/i18n';
import { buildQuery, navigate, useLocation } from '../lib/router';
import { loadRegencyVillages, type District } from './import/villages';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: WorkerList };

const PAGE_SIZES = [25, 50, 100, 200];

interface Column {
  key: string;
  label: MessageKey;
  sort?: string;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'field.name', sort: 'name' },
  { key: 'nik', label: 'field.nik', sort: 'nik' },
  { key: 'sex', label: 'field.sex' },
  { key: 'birth_date', label: 'field.birth_date', sort: 'birth_date' },
  { key: 'district', label: 'field.district', sort: 'district' },
  { key: 'village', label: 'field.village' },
  { key: 'occupation', label: 'field.occupation' },
  { key: 'status', label: 'field.status' },
  { key: 'source', label: 'field.source' },
  { key: 'updated_at', label: 'field.updated_at', sort: 'updated_at' },
];

/** Orders only for roles that see NIKs. */
const MASKED_SORTS = ['nik', 'birth_date'];

export function workersHref(query: WorkerQuery): string {
  return `/pekerja${buildQuery(workerQueryParams(query))}`;
}

export function WorkersPage({ regencyCode, permissions }: { regencyCode: string; permissions: readonly string[] }) {
  const { lang, t } = useI18n();
  const location = useLocation();
  const query = useMemo(() => workerQueryFromSearch(location.search), [location.search]);
  const canExport = permissions.includes('export_personal_data');
  // Masked NIKs: no order by NIK or birth date and no age bands, which would show the hidden
  // digits through (the server refuses them too; docs/privacy.md).
  const seesNik = permissions.includes('view_worker_nik');
  const canEdit = permissions.includes('edit_workers');

  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [facets, setFacets] = useState<Dashboard | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(true);

  useEffect(() => {
    const controller = new AbortController();
    getDashboard(regencyCode, controller.signal)
      .then(setFacets)
      .catch(() => undefined); // the filters fall back to codes; the list itself still works
    return () => controller.abort();
  }, [regencyCode]);

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
    navigate(workersHref({ ...query, page: 1, ...change }));
  };

  // Village names come from the Kemendagri list the import page also uses (fetched once a
  // district is chosen); until then, or if it cannot be loaded, the village is typed as a code.
  const [villages, setVillages] = useState<{ state: 'idle' | 'failed' } | { state: 'ready'; districts: District[] }>({ state: 'idle' });
  useEffect(() => {
    if (query.district === '' || villages.state !== 'idle') return;
    loadRegencyVillages(regencyCode)
      .then((districts) => setVillages({ state: 'ready', districts }))
      .catch(() => setVillages({ state: 'failed' }));
  }, [query.district, regencyCode, villages.state]);
  useEffect(() => setVillages({ state: 'idle' }), [regencyCode]);

  const [searchText, setSearchText] = useState(query.q);
  useEffect(() => setSearchText(query.q), [query.q]);

  const districts = useMemo(
    () => [...(facets?.by_district ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'id')),
    [facets],
  );
  const occupations = useMemo(
    () =>
      (facets?.by_occupation ?? [])
        .map((o) => ({ code: o.code, name: occupationLabel(lang, o.code, o.label) }))
        .sort((a, b) => a.name.localeCompare(b.name, lang)),
    [facets, lang],
  );

  const data = load.state === 'ready' ? load.data : null;
  // Large lists are counted only up to a bound (total_exact false): "more than 10.000".
  const { from, to, pages, more, hasNext } = data
    ? listPaging(data.page, data.page_size, data.total, data.total_exact !== false, data.items.length)
    : { from: 0, to: 0, pages: 1, more: false, hasNext: false };
  const sortKey = query.sort.replace(/^-/, '');
  const descending = query.sort.startsWith('-');
  const sortColumn = COLUMNS.find((c) => c.sort === sortKey) ?? COLUMNS[0];
  // A search sorted by name lists in the order of what was searched (the server's index): a
  // NIK prefix by NIK, a name by its spelling key, so that "Moehammad" and "Muhammad" sit together.
  const searched = query.q.trim();
  const sortLabel: MessageKey =
    sortKey === 'name' && searched !== ''
      ? /^[\d\s]+$/.test(searched)
        ? 'workers.sortedByNikSearch'
        : 'workers.sortedByNameKey'
      : sortColumn.label;

  const filterSelect = (
    id: keyof WorkerQuery,
    label: MessageKey,
    options: { value: string; label: string }[],
  ) => (
    <div class="field">
      <label for={`filter-${id}`}>{t(label)}</label>
      <select
        id={`filter-${id}`}
        data-testid={`filter-${id}`}
        value={String(query[id])}
        onChange={(e) => {
          const value = (e.currentTarget as HTMLSelectElement).value;
          // A village belongs to one district: a new district clears the village.
          apply(id === 'district' ? { district: value, village: '' } : { [id]: value });
        }}
      >
        <option value="">{t('workers.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {String(query[id]) !== '' && !options.some((o) => o.value === String(query[id])) && (
          <option value={String(query[id])}>{String(query[id])}</option>
        )}
      </select>
    </div>
  );

  return (
    <section class="workers" aria-labelledby="workers-title" data-testid="workers">
      <div class="page-head">
        <h1 id="workers-title">{t('workers.title')}</h1>
        {canExport && (
          <div class="export" role="group" aria-label={t('workers.export')}>
            <a class="button button-secondary" href={workersExportUrl(regencyCode, query, 'xlsx')} download data-testid="export-xlsx">
              {t('workers.exportXlsx')}
            </a>
            <a class="button button-secondary" href={workersExportUrl(regencyCode, query, 'csv')} download data-testid="export-csv">
              {t('workers.exportCsv')}
            </a>
            <p class="hint">{t('workers.exportNote')}</p>
          </div>
        )}
      </div>

      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ q: searchText.trim() });
        }}
      >
        <label for="worker-search">{t('workers.search')}</label>
        <div class="search-row">
          <input
            id="worker-search"
            type="search"
            value={searchText}
            autocomplete="off"
            spellcheck={false}
            aria-describedby="worker-search-hint"
            data-testid="worker-search"
            onInput={(e) => setSearchText((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="button" data-testid="worker-search-submit">
            {t('workers.searchSubmit')}
          </button>
        </div>
        <p id="worker-search-hint" class="hint">
          {t(seesNik ? 'workers.searchHint' : 'workers.searchHintMasked')}
        </p>
      </form>

      <fieldset class="filters">
        <legend>{t('workers.filters')}</legend>
        {filterSelect(
          'district',
          'field.district',
          districts.map((d) => ({ value: d.code, label: d.name })),
        )}
        {villages.state === 'ready' ? (
          filterSelect(
            'village',
            'field.village',
            (villages.districts.find((d) => d.code === query.district)?.villages ?? []).map((v) => ({
              value: v.code,
              label: v.name,
            })),
          )
        ) : (
          <div class="field">
            <label for="filter-village">{t('field.village_code')}</label>
            <input
              id="filter-village"
              data-testid="filter-village"
              inputMode="decimal"
              placeholder={t('workers.villageHint')}
              value={query.village}
              onChange={(e) => apply({ village: (e.currentTarget as HTMLInputElement).value.trim() })}
            />
          </div>
        )}
        {filterSelect('occupation', 'field.occupation', occupations.map((o) => ({ value: o.code, label: o.name })))}
        {filterSelect(
          'status',
          'field.status',
          WORKER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as MessageKey) })),
        )}
        <div class="field">
          <label for="filter-source">{t('field.source')}</label>
          <input
            id="filter-source"
            data-testid="filter-source"
            value={query.source}
            onChange={(e) => apply({ source: (e.currentTarget as HTMLInputElement).value.trim() })}
          />
        </div>
        {filterSelect('sex', 'field.sex', [
          { value: 'L', label: t('sex.L') },
          { value: 'P', label: t('sex.P') },
        ])}
        {seesNik &&
          filterSelect(
            'age_band',
            'workers.ageBand',
            AGE_BANDS.map((b) => ({ value: b, label: t('dashboard.ageUnit', { band: b }) })),
          )}
        {filterSelect('has_issues', 'workers.hasIssues', [
          { value: 'true', label: t('workers.issuesYes') },
          { value: 'false', label: t('workers.issuesNo') },
        ])}
        <a class="reset-link" href="/pekerja" data-testid="filters-reset">
          {t('workers.reset')}
        </a>
      </fieldset>

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
        <div class="table-scroll">
          <table class="data-table workers-table" data-testid="workers-table" aria-busy={busy ? 'true' : undefined}>
            <caption class="visually-hidden">
              {t('workers.tableCaption', {
                column: `${t(sortLabel)} (${t(descending ? 'workers.descending' : 'workers.ascending')})`,
              })}
            </caption>
            <thead>
              <tr>
                {canEdit && (
                  <th scope="col" class="select-col">
                    <input
                      type="checkbox"
                      aria-label={t('workers.selectAll')}
                      data-testid="select-all"
                      checked={data.items.every((w) => selected.has(w.id))}
                      onChange={(e) =>
                        setSelected(
                          (e.currentTarget as HTMLInputElement).checked ? new Set(data.items.map((w) => w.id)) : new Set(),
                        )
                      }
                    />
                  </th>
                )}
                {COLUMNS.map((column) => {
                  const active = column.sort === sortKey;
                  return (
                    <th
                      key={column.key}
                      scope="col"
                      aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}
                    >
                      {column.sort && (seesNik || !MASKED_SORTS.includes(column.sort)) ? (
                        <a
                          class="sort-link"
                          href={workersHref({
                            ...query,
                            page: 1,
                            sort: active && !descending ? `-${column.sort}` : column.sort,
                          })}
                          data-testid={`sort-${column.sort}`}
                        >
                          {t(column.label)}
                          <span class="sort-mark" aria-hidden="true">
                            {active ? (descending ? ' ▼' : ' ▲') : ' ↕'}
                          </span>
                        </a>
                      ) : (
                        t(column.label)
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {data.items.map((w) => (
                <tr key={w.id} data-testid="worker-row" data-id={w.id} data-status={w.status}>
                  {canEdit && (
                    <td class="select-col">
                      <input
                        type="checkbox"
                        aria-label={t('workers.selectRow', { name: w.name })}
                        checked={selected.has(w.id)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if ((e.currentTarget as HTMLInputElement).checked) next.add(w.id);
                          else next.delete(w.id);
                          setSelected(next);
                        }}
                      />
                    </td>
                  )}
                  <th scope="row">
                    <a href={`/pekerja/${w.id}`} data-testid="worker-link">
                      {w.name}
                    </a>
                    {w.has_issues && (
                      <span class="issue-mark" title={t('workers.issue')}>
                        <span aria-hidden="true"> ⚠</span>
                        <span class="visually-hidden"> ({t('workers.issue')})</span>
                      </span>
                    )}
                  </th>
                  <td class="nik" data-testid="worker-nik">
                    {w.nik}
                  </td>
                  <td>{t(w.sex === 'P' ? 'sex.P' : 'sex.L')}</td>
                  <td class="nowrap">
                    {formatBirth(w.birth_date, w.birth_year, lang)}
                    {w.age !== null && w.age !== undefined && <span class="muted"> ({t('age.years', { age: w.age })})</span>}
                  </td>
                  <td>{w.district_name || w.district_code}</td>
                  <td>{w.village_name || w.village_code}</td>
                  <td>{occupationLabel(lang, w.occupation, w.occupation_label || w.occupation)}</td>
                  <td>
                    <span class={`status status-${w.status}`}>{t(`status.${w.status}` as MessageKey)}</span>
                  </td>
                  <td>{w.source}</td>
                  <td>
                    <DateTimeCell iso={w.updated_at} lang={lang} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {data && data.total > 0 && (
        <nav class="pagination" aria-label={t('workers.pagination')}>
          {data.page > 1 ? (
            <a class="button button-secondary" href={workersHref({ ...query, page: data.page - 1 })} rel="prev" data-testid="page-prev">
              {t('workers.previous')}
            </a>
          ) : (
            <span class="button button-secondary button-disabled" aria-disabled="true">
              {t('workers.previous')}
            </span>
          )}
          <span class="page-of">
            {t(more ? 'workers.pageOfMore' : 'workers.pageOf', {
              page: formatNumber(data.page, lang),
              pages: formatNumber(pages, lang),
            })}
          </span>
          {hasNext ? (
            <a class="button button-secondary" href={workersHref({ ...query, page: data.page + 1 })} rel="next" data-testid="page-next">
              {t('workers.next')}
            </a>
          ) : (
            <span class="button button-secondary button-disabled" aria-disabled="true">
              {t('workers.next')}
            </span>
          )}
          <label class="page-size">
            {t('workers.pageSize')}{' '}
            <select
              value={String(query.page_size)}
              onChange={(e) => apply({ page_size: Number((e.currentTarget as HTMLSelectElement).value) })}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={String(size)}>
                  {size}
                </option>
              ))}
            </select>
          </label>
        </nav>
      )}
    </section>
  );
}

function BulkStatus({
  regencyCode,
  ids,
  onDone,
  onClear,
}: {
  regencyCode: string;
  ids: number[];
  onDone: (changed: number) => void;
  onClear: () => void;
}) {
  const { lang, t } = useI18n();
  const [status, setStatus] = useState<WorkerStatus>('ditangguhkan');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (reason.trim() === '') {
      setError(t('workers.bulkReasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      onDone(await setWorkersStatus(regencyCode, ids, status, reason.trim()));
      setReason('');
    } catch (caught) {
      setError(t('workers.bulkFailed', { detail: caught instanceof ApiError && caught.status === 0 ? t('state.network') : caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="bulk" onSubmit={submit} data-testid="bulk" noValidate>
      <p class="bulk-title">{t('workers.bulkTitle', { count: formatNumber(ids.length, lang) })}</p>
      <div class="field">
        <label for="bulk-status">{t('workers.bulkStatus')}</label>
        <select id="bulk-status" data-testid="bulk-status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value as WorkerStatus)}>
          {WORKER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div class="field field-wide">
        <label for="bulk-reason">{t('field.reason')}</label>
        <input
          id="bulk-reason"
          ref={reasonRef}
          value={reason}
          required
          aria-invalid={error !== '' && reason.trim() === ''}
          aria-describedby="bulk-error"
          data-testid="bulk-reason"
          onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <button type="submit" class="button" disabled={busy} data-testid="bulk-submit">
        {t('workers.bulkSubmit')}
      </button>
      <button type="button" class="button button-secondary" onClick={onClear}>
        {t('workers.bulkClear')}
      </button>
      <p id="bulk-error" class="field-error" role="alert">
        {error}
      </p>
    </form>
  );
}

/**
 * "3 Desember 2026 05.22" that may break between the date and the time, never inside either:
 * the last column then fits the page even when masked NIKs widen the table.
 */
function DateTimeCell({ iso, lang }: { iso: string; lang: Lang }) {
  const text = formatDateTime(iso, lang);
  const cut = text.lastIndexOf(' ');
  if (cut < 0) return <span class="nowrap">{text}</span>;
  return (
    <>
      <span class="nowrap">{text.slice(0, cut)}</span> <span class="nowrap">{text.slice(cut + 1)}</span>
    </>
  );
}
