import { describe, expect, it } from 'vitest';
import { changedKeys } from './Changes';

describe('changedKeys', () => {
  it('lists only the fields whose values differ', () => {
    expect(
      changedKeys({ name: 'Supardi', address: 'Dusun Krajan', sex: 'L' }, { name: 'Supardi', address: 'Dusun Baru', sex: 'L' }),
    ).toEqual(['address']);
  });

  it('counts a field present on one side only as changed', () => {
    expect(changedKeys({ phone: '0812' }, { phone: '0812', reason: 'Pindah domisili' })).toEqual(['reason']);
  });

  it('compares nested values by content', () => {
    expect(changedKeys({ filters: { status: 'aktif' } }, { filters: { status: 'aktif' } })).toEqual([]);
    expect(changedKeys({ filters: { status: 'aktif' } }, { filters: { status: 'calon' } })).toEqual(['filters']);
  });

  it('lists every field of a creation or a deletion', () => {
    expect(changedKeys(null, { name: 'Siti', sex: 'P' })).toEqual(['name', 'sex']);
    expect(changedKeys({ name: 'Siti' }, null)).toEqual(['name']);
    expect(changedKeys(null, null)).toEqual([]);
  });
});
