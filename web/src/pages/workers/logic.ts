// Pure helpers of the worker list (/pekerja), no DOM and no fetch: the list's address for a
// query, what a filter change does to the query, sort toggling and the table caption's sort
// label, the options of a filter select, row selection, and where a date-time may break.
// Reading and writing the query string itself is lib/api.ts (workerQueryFromSearch,
// workerQueryParams), shared with the API calls. Unit tests: logic.test.ts.

import { workerQueryParams, type Dashboard, type WorkerQuery } from '../../lib/api';
import type { Lang } from '../../lib/format';
import { occupationLabel, type MessageKey } from '../../lib/i18n';
import { buildQuery } from '../../lib/router';

export const PAGE_SIZES = [25, 50, 100, 200];

export interface Column {
  key: string;
  label: MessageKey;
  /** The server's sort key, for sortable columns. */
  sort?: string;
}

export const COLUMNS: Column[] = [
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

/** Orders only for roles that see NIKs: by NIK or birth date the hidden digits would show. */
export const MASKED_SORTS: readonly string[] = ['nik', 'birth_date'];

/** The list's address for `query`: "/pekerja?status=aktif&page=2" (defaults left out). */
export function workersHref(query: WorkerQuery): string {
  return `/pekerja${buildQuery(workerQueryParams(query))}`;
}

/** A changed filter, search or page size shows the first page of the new list. */
export function changedQuery(query: WorkerQuery, change: Partial<WorkerQuery>): WorkerQuery {
  return { ...query, page: 1, ...change };
}

/** The change a filter select makes: a village belongs to one district, so a new district clears it. */
export function filterChange(id: keyof WorkerQuery, value: string): Partial<WorkerQuery> {
  return id === 'district' ? { district: value, village: '' } : { [id]: value };
}

/** The sort of a query: the column's key and its direction ("-name": name, descending). */
export function sortOf(query: WorkerQuery): { key: string; descending: boolean } {
  return { key: query.sort.replace(/^-/, ''), descending: query.sort.startsWith('-') };
}

/** What a click on a sortable column's header asks for: ascending, or descending when it already is. */
export function nextSort(query: WorkerQuery, column: string): string {
  const { key, descending } = sortOf(query);
  return key === column && !descending ? `-${column}` : column;
}

/**
 * What the list is sorted by, for the table caption. A search sorted by name lists in the order
 * of what was searched (the server's index): a NIK prefix by NIK, a name by its spelling key, so
 * that "Moehammad" and "Muhammad" sit together.
 */
export function sortLabel(query: WorkerQuery): MessageKey {
  const { key } = sortOf(query);
  const searched = query.q.trim();
  if (key === 'name' && searched !== '') {
    return /^[\d\s]+$/.test(searched) ? 'workers.sortedByNikSearch' : 'workers.sortedByNameKey';
  }
  return (COLUMNS.find((c) => c.sort === key) ?? COLUMNS[0]).label;
}

export interface Option {
  value: string;
  label: string;
}

/**
 * A filter select's options. A value in the URL that the options do not hold (a code from a
 * bookmark, facets not loaded) is offered as itself, so that the select shows what filters.
 */
export function selectOptions(options: readonly Option[], current: string): Option[] {
  if (current === '' || options.some((o) => o.value === current)) return [...options];
  return [...options, { value: current, label: current }];
}

/** The regency's districts by name, for the district filter. */
export function districtOptions(facets: Dashboard | null): Option[] {
  return [...(facets?.by_district ?? [])]
    .sort((a, b) => a.name.localeCompare(b.name, 'id'))
    .map((d) => ({ value: d.code, label: d.name }));
}

/** The occupations of the regency's workers by their name in `lang`. */
export function occupationOptions(facets: Dashboard | null, lang: Lang): Option[] {
  return (facets?.by_occupation ?? [])
    .map((o) => ({ value: o.code, label: occupationLabel(lang, o.code, o.label) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
}

/** `selected` with `id` added or removed (a new set: state is never mutated). */
export function toggled(selected: ReadonlySet<number>, id: number, checked: boolean): Set<number> {
  const next = new Set(selected);
  if (checked) next.add(id);
  else next.delete(id);
  return next;
}

/** Whether every row shown is selected (the "select all" box). */
export function allSelected(ids: readonly number[], selected: ReadonlySet<number>): boolean {
  return ids.every((id) => selected.has(id));
}

/**
 * "3 Desember 2026 05.22" -> ["3 Desember 2026", "05.22"]: the cell may break between the date
 * and the time, never inside either. A text without a space stays whole.
 */
export function dateTimeParts(text: string): [string] | [string, string] {
  const cut = text.lastIndexOf(' ');
  return cut < 0 ? [text] : [text.slice(0, cut), text.slice(cut + 1)];
}
