// The worker list's search box and filters. Each change goes to the page as a query change (the
// page puts it in the URL). The district and occupation choices come from the regency's
// dashboard figures (without them the filters fall back to codes); village names come from the
// Kemendagri list the import page also uses, fetched once a district is chosen (until then, or
// if it cannot be loaded, the village is typed as a code).

import { useEffect, useMemo, useState } from 'preact/hooks';
import { AGE_BANDS, getDashboard, WORKER_STATUSES, type Dashboard, type WorkerQuery } from '../../lib/api';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { loadRegencyVillages, type District } from '../import/villages';
import { districtOptions, filterChange, occupationOptions, selectOptions, type Option } from './logic';

interface Props {
  regencyCode: string;
  query: WorkerQuery;
  onApply: (change: Partial<WorkerQuery>) => void;
  /** The viewer sees full NIKs (view_worker_nik); otherwise no age bands and a full-NIK-only search. */
  seesNik: boolean;
}

type Villages = { state: 'idle' | 'failed' } | { state: 'ready'; districts: District[] };

export function WorkerFilters({ regencyCode, query, onApply, seesNik }: Props) {
  const { lang, t } = useI18n();
  const [facets, setFacets] = useState<Dashboard | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    getDashboard(regencyCode, controller.signal)
      .then(setFacets)
      .catch(() => undefined); // the filters fall back to codes; the list itself still works
    return () => controller.abort();
  }, [regencyCode]);

  const [villages, setVillages] = useState<Villages>({ state: 'idle' });
  useEffect(() => {
    if (query.district === '' || villages.state !== 'idle') return;
    loadRegencyVillages(regencyCode)
      .then((districts) => setVillages({ state: 'ready', districts }))
      .catch(() => setVillages({ state: 'failed' }));
  }, [query.district, regencyCode, villages.state]);
  useEffect(() => setVillages({ state: 'idle' }), [regencyCode]);

  const [searchText, setSearchText] = useState(query.q);
  useEffect(() => setSearchText(query.q), [query.q]);

  const districts = useMemo(() => districtOptions(facets), [facets]);
  const occupations = useMemo(() => occupationOptions(facets, lang), [facets, lang]);

  const filterSelect = (id: keyof WorkerQuery, label: MessageKey, options: Option[]) => (
    <div class="field">
      <label for={`filter-${id}`}>{t(label)}</label>
      <select
        id={`filter-${id}`}
        data-testid={`filter-${id}`}
        value={String(query[id])}
        onChange={(e) => onApply(filterChange(id, (e.currentTarget as HTMLSelectElement).value))}
      >
        <option value="">{t('workers.all')}</option>
        {selectOptions(options, String(query[id])).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onApply({ q: searchText.trim() });
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
        {filterSelect('district', 'field.district', districts)}
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
              onChange={(e) => onApply({ village: (e.currentTarget as HTMLInputElement).value.trim() })}
            />
          </div>
        )}
        {filterSelect('occupation', 'field.occupation', occupations)}
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
            onChange={(e) => onApply({ source: (e.currentTarget as HTMLInputElement).value.trim() })}
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
    </>
  );
}
