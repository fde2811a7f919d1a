// One page of the worker list as a table: sortable column headers (links, so that a sort is an
// address like any other), a row header with the worker's name and a mark for rows with issues,
// NIKs exactly as the server gives them (masked for roles that may not see them), and with
// edit_workers a checkbox per row and one for the whole page.

import type { WorkerListItem, WorkerQuery } from '../../lib/api';
import { formatBirth, formatDateTime, type Lang } from '../../lib/format';
import { occupationLabel, useI18n, type MessageKey } from '../../lib/i18n';
import { allSelected, COLUMNS, MASKED_SORTS, dateTimeParts, nextSort, sortLabel, sortOf, toggled, workersHref } from './logic';

interface Props {
  items: WorkerListItem[];
  query: WorkerQuery;
  /** The next page is loading: the rows shown are the old ones. */
  busy: boolean;
  /** Rows can be selected (edit_workers). */
  selectable: boolean;
  /** The viewer sees full NIKs (view_worker_nik); otherwise no order by NIK or birth date. */
  seesNik: boolean;
  selected: ReadonlySet<number>;
  onSelect: (selected: Set<number>) => void;
}

export function WorkerTable({ items, query, busy, selectable, seesNik, selected, onSelect }: Props) {
  const { lang, t } = useI18n();
  const { key: sortKey, descending } = sortOf(query);
  return (
    <div class="table-scroll">
      <table class="data-table workers-table" data-testid="workers-table" aria-busy={busy ? 'true' : undefined}>
        <caption class="visually-hidden">
          {t('workers.tableCaption', {
            column: `${t(sortLabel(query))} (${t(descending ? 'workers.descending' : 'workers.ascending')})`,
          })}
        </caption>
        <thead>
          <tr>
            {selectable && (
              <th scope="col" class="select-col">
                <input
                  type="checkbox"
                  aria-label={t('workers.selectAll')}
                  data-testid="select-all"
                  checked={allSelected(
                    items.map((w) => w.id),
                    selected,
                  )}
                  onChange={(e) =>
                    onSelect((e.currentTarget as HTMLInputElement).checked ? new Set(items.map((w) => w.id)) : new Set())
                  }
                />
              </th>
            )}
            {COLUMNS.map((column) => {
              const active = column.sort === sortKey;
              // A role that sees NIKs masked gets the birth year only (docs/privacy.md).
              const label: MessageKey = column.key === 'birth_date' && !seesNik ? 'field.birth_year' : column.label;
              return (
                <th key={column.key} scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
                  {column.sort && (seesNik || !MASKED_SORTS.includes(column.sort)) ? (
                    <a
                      class="sort-link"
                      href={workersHref({ ...query, page: 1, sort: nextSort(query, column.sort) })}
                      data-testid={`sort-${column.sort}`}
                    >
                      {t(label)}
                      <span class="sort-mark" aria-hidden="true">
                        {active ? (descending ? ' ▼' : ' ▲') : ' ↕'}
                      </span>
                    </a>
                  ) : (
                    t(label)
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {items.map((w) => (
            <tr key={w.id} data-testid="worker-row" data-id={w.id} data-status={w.status}>
              {selectable && (
                <td class="select-col">
                  <input
                    type="checkbox"
                    aria-label={t('workers.selectRow', { name: w.name })}
                    checked={selected.has(w.id)}
                    onChange={(e) => onSelect(toggled(selected, w.id, (e.currentTarget as HTMLInputElement).checked))}
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
  );
}

/**
 * "3 Desember 2026 05.22" that may break between the date and the time, never inside either:
 * the last column then fits the page even when masked NIKs widen the table.
 */
function DateTimeCell({ iso, lang }: { iso: string; lang: Lang }) {
  const parts = dateTimeParts(formatDateTime(iso, lang));
  if (parts.length === 1) return <span class="nowrap">{parts[0]}</span>;
  return (
    <>
      <span class="nowrap">{parts[0]}</span> <span class="nowrap">{parts[1]}</span>
    </>
  );
}
