import { describe, expect, it } from 'vitest';
import {
  auditQueryFromSearch,
  DEFAULT_PAGE_SIZE,
  emptyWorkerQuery,
  MAX_PAGE_SIZE,
  workerQueryFromSearch,
  workerQueryParams,
  workersExportUrl,
} from './api';

describe('workerQueryFromSearch', () => {
  it('gives the defaults for an empty query', () => {
    expect(workerQueryFromSearch('')).toEqual(emptyWorkerQuery());
    expect(emptyWorkerQuery()).toMatchObject({ sort: 'name', page: 1, page_size: DEFAULT_PAGE_SIZE });
  });

  it('reads filters, sort and paging', () => {
    const query = workerQueryFromSearch(
      '?q=Supardi&district=35.14.01&status=aktif&sex=P&age_band=25-34&has_issues=true&sort=-birth_date&page=3&page_size=100',
    );
    expect(query).toMatchObject({
      q: 'Supardi',
      district: '35.14.01',
      status: 'aktif',
      sex: 'P',
      age_band: '25-34',
      has_issues: 'true',
      sort: '-birth_date',
      page: 3,
      page_size: 100,
    });
  });

  it.each([
    ['?sex=X', 'sex', ''],
    ['?has_issues=maybe', 'has_issues', ''],
    ['?sort=password', 'sort', 'name'],
    ['?sort=--name', 'sort', 'name'],
    ['?page=0', 'page', 1],
    ['?page=2.5', 'page', 1],
    ['?page=abc', 'page', 1],
    ['?page_size=100000', 'page_size', MAX_PAGE_SIZE],
    ['?page_size=-5', 'page_size', DEFAULT_PAGE_SIZE],
  ] as const)('%s falls back to a safe %s', (search, key, expected) => {
    expect(workerQueryFromSearch(search)[key]).toBe(expected);
  });

  it('round-trips through workerQueryParams', () => {
    const search = '?q=3514&village=35.14.01.2001&occupation=nelayan&source=Dinas+Pertanian&sort=-updated_at&page=2';
    const query = workerQueryFromSearch(search);
    expect(workerQueryFromSearch(`?${new URLSearchParams(workerQueryParams(query))}`)).toEqual(query);
  });
});

describe('workerQueryParams', () => {
  it('leaves defaults out so that the plain list has a plain URL', () => {
    expect(workerQueryParams(emptyWorkerQuery())).toEqual({});
  });

  it('can leave paging out (exports are the whole filtered list)', () => {
    const query = { ...emptyWorkerQuery(), status: 'aktif', page: 4, page_size: 25 };
    expect(workerQueryParams(query, { paging: false })).toEqual({ status: 'aktif' });
    expect(workersExportUrl('35.14', query, 'csv')).toBe('/api/v1/regencies/35.14/workers/export?format=csv&status=aktif');
  });
});

describe('auditQueryFromSearch', () => {
  it('reads the filters and drops malformed dates', () => {
    expect(auditQueryFromSearch('?user=operator&action=update&from=2026-11-01&until=kemarin')).toEqual({
      user: 'operator',
      record_type: '',
      record_id: '',
      action: 'update',
      from: '2026-11-01',
      until: '',
    });
  });
});
