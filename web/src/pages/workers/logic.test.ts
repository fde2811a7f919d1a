import { describe, expect, it } from 'vitest';
import { emptyWorkerQuery, workerQueryFromSearch, type Dashboard, type WorkerQuery } from '../../lib/api';
import {
  allSelected,
  changedQuery,
  COLUMNS,
  dateTimeParts,
  districtOptions,
  filterChange,
  nextSort,
  occupationOptions,
  selectOptions,
  sortLabel,
  sortOf,
  toggled,
  workersHref,
} from './logic';

const query = (change: Partial<WorkerQuery> = {}): WorkerQuery => ({ ...emptyWorkerQuery(), ...change });

describe('workersHref', () => {
  it('is the plain list for the default query', () => {
    expect(workersHref(emptyWorkerQuery())).toBe('/pekerja');
  });

  it('round-trips through the page URL', () => {
    const q = query({ q: 'siti', district: '35.14.01', sort: '-birth_date', page: 3, page_size: 100 });
    const href = workersHref(q);
    expect(href).toBe('/pekerja?q=siti&district=35.14.01&sort=-birth_date&page=3&page_size=100');
    expect(workerQueryFromSearch(href.slice(href.indexOf('?')))).toEqual(q);
  });
});

describe('changedQuery', () => {
  it('goes back to the first page and keeps the other filters', () => {
    const q = query({ status: 'aktif', page: 7 });
    expect(changedQuery(q, { sex: 'P' })).toEqual({ ...q, sex: 'P', page: 1 });
  });

  it('takes a page from the change itself', () => {
    expect(changedQuery(query({ page: 7 }), { page: 2 }).page).toBe(2);
  });
});

describe('filterChange', () => {
  it('clears the village when the district changes', () => {
    expect(filterChange('district', '35.14.02')).toEqual({ district: '35.14.02', village: '' });
    expect(filterChange('district', '')).toEqual({ district: '', village: '' });
  });

  it('changes only its own filter otherwise', () => {
    expect(filterChange('village', '35.14.01.2001')).toEqual({ village: '35.14.01.2001' });
    expect(filterChange('has_issues', 'true')).toEqual({ has_issues: 'true' });
  });
});

describe('sorting', () => {
  it('reads the key and the direction', () => {
    expect(sortOf(query())).toEqual({ key: 'name', descending: false });
    expect(sortOf(query({ sort: '-updated_at' }))).toEqual({ key: 'updated_at', descending: true });
  });

  it('a click on the sorted column turns it around; on another column sorts it ascending', () => {
    expect(nextSort(query(), 'name')).toBe('-name');
    expect(nextSort(query({ sort: '-name' }), 'name')).toBe('name');
    expect(nextSort(query({ sort: '-name' }), 'nik')).toBe('nik');
    expect(nextSort(query({ sort: 'nik' }), 'birth_date')).toBe('birth_date');
  });

  it('only the server-sortable columns have a sort key', () => {
    expect(COLUMNS.filter((c) => c.sort).map((c) => c.sort)).toEqual(['name', 'nik', 'birth_date', 'district', 'updated_at']);
  });
});

describe('sortLabel', () => {
  it("names the sorted column", () => {
    expect(sortLabel(query())).toBe('field.name');
    expect(sortLabel(query({ sort: '-birth_date' }))).toBe('field.birth_date');
  });

  it('says that a search sorted by name lists in the order searched', () => {
    expect(sortLabel(query({ q: '3514 01' }))).toBe('workers.sortedByNikSearch');
    expect(sortLabel(query({ q: 'Muhammad' }))).toBe('workers.sortedByNameKey');
    expect(sortLabel(query({ q: '   ' }))).toBe('field.name');
    expect(sortLabel(query({ q: 'Muhammad', sort: 'nik' }))).toBe('field.nik');
  });
});

describe('selectOptions', () => {
  const options = [
    { value: 'L', label: 'Laki-laki' },
    { value: 'P', label: 'Perempuan' },
  ];

  it('offers the options as they are when the current value is one of them or none', () => {
    expect(selectOptions(options, '')).toEqual(options);
    expect(selectOptions(options, 'P')).toEqual(options);
  });

  it('adds a value from the URL that the options do not hold', () => {
    expect(selectOptions(options, '35.14.99')).toEqual([...options, { value: '35.14.99', label: '35.14.99' }]);
  });
});

describe('facet options', () => {
  const facets = {
    by_district: [
      { code: '35.14.02', name: 'Winongan' },
      { code: '35.14.01', name: 'Purwodadi' },
    ],
    by_occupation: [
      { code: 'petani', label: 'Petani' },
      { code: 'nelayan', label: 'Nelayan' },
      { code: 'ojek', label: 'Ojek' },
    ],
  } as unknown as Dashboard;

  it('lists districts by name', () => {
    expect(districtOptions(facets)).toEqual([
      { value: '35.14.01', label: 'Purwodadi' },
      { value: '35.14.02', label: 'Winongan' },
    ]);
    expect(districtOptions(null)).toEqual([]);
  });

  it('lists occupations by their name in the language shown', () => {
    expect(occupationOptions(facets, 'id').map((o) => o.label)).toEqual(['Nelayan', 'Ojek', 'Petani']);
    expect(occupationOptions(facets, 'en').map((o) => o.label)).toEqual(['Farmer', 'Fisher', 'Motorcycle taxi driver']);
    expect(occupationOptions(null, 'en')).toEqual([]);
  });
});

describe('selection', () => {
  it('adds and removes without changing the set it was given', () => {
    const before = new Set([1, 2]);
    expect([...toggled(before, 3, true)]).toEqual([1, 2, 3]);
    expect([...toggled(before, 1, false)]).toEqual([2]);
    expect([...before]).toEqual([1, 2]);
  });

  it('says whether every row shown is selected', () => {
    expect(allSelected([1, 2], new Set([1, 2, 9]))).toBe(true);
    expect(allSelected([1, 2], new Set([1]))).toBe(false);
  });
});

describe('dateTimeParts', () => {
  it('splits the time from the date', () => {
    expect(dateTimeParts('3 Desember 2026 05.22')).toEqual(['3 Desember 2026', '05.22']);
  });

  it('keeps a text without a space whole', () => {
    expect(dateTimeParts('–')).toEqual(['–']);
  });
});
