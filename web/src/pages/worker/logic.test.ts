import { describe, expect, it } from 'vitest';
import type { WorkerDetail } from '../../lib/api';
import { translate } from '../../lib/i18n';
import {
  actionLabel,
  changedFields,
  EDIT_FIELDS,
  firstInvalidField,
  initialValues,
  isKnownVillage,
  occupationChoices,
  splitErrors,
} from './logic';

const WORKER = {
  id: 7,
  nik: '3514015205750002',
  nik_masked: false,
  kk: '3514012710130001',
  name: 'Siti Aminah',
  name_original: 'SITI AMINAH',
  sex: 'P',
  birth_place: 'Pasuruan',
  birth_date: '1975-05-12',
  birth_year: 1975,
  age: 50,
  address: 'Dusun Krajan RT 004 RW 001',
  village_code: '35.14.01.2001',
  village_name: 'Gerbo',
  district_code: '35.14.01',
  district_name: 'Purwodadi',
  occupation: 'buruh_tani',
  occupation_label: 'Buruh tani',
  phone: '',
  status: 'calon',
  source: 'Dinas Pertanian',
  has_issues: false,
  created_at: '2025-11-23T03:00:00Z',
  updated_at: '2025-11-23T03:00:00Z',
  household: [],
  history: [],
  batches: [],
  issues: [],
  can_edit: true,
  can_unmask: true,
} as WorkerDetail;

describe('actionLabel', () => {
  const t = (key: Parameters<typeof translate>[1]) => translate('id', key);

  it('names known audit actions and shows unknown ones as their code', () => {
    expect(actionLabel('update', t)).toBe('Diubah');
    expect(actionLabel('something.new', t)).toBe('something.new');
  });
});

describe('initialValues', () => {
  it('holds every editable field, missing ones as ""', () => {
    const values = initialValues({ ...WORKER, birth_date: null } as unknown as WorkerDetail);
    expect(Object.keys(values).sort()).toEqual(EDIT_FIELDS.map((f) => f.field).sort());
    expect(values.birth_date).toBe('');
    expect(values.name).toBe('Siti Aminah');
  });
});

describe('changedFields', () => {
  const initial = initialValues(WORKER);

  it('is empty when nothing changed', () => {
    expect(changedFields(WORKER, initial, { ...initial })).toEqual({});
  });

  it('sends only the changed fields, trimmed, the address as typed', () => {
    const values = { ...initial, name: '  Siti Aminah Rahayu ', phone: ' 0812 3456 789', address: 'Jl. Mawar 3\nRT 004 ' };
    expect(changedFields(WORKER, initial, values)).toEqual({
      name: 'Siti Aminah Rahayu',
      phone: '0812 3456 789',
      address: 'Jl. Mawar 3\nRT 004 ',
    });
  });

  it('never sends a masked NIK back', () => {
    const masked = { ...WORKER, nik: '351401********02', nik_masked: true };
    const start = initialValues(masked);
    expect(changedFields(masked, start, { ...start, nik: '3514015205750003', kk: '3514012710130002' })).toEqual({
      kk: '3514012710130002',
    });
  });
});

describe('server errors', () => {
  const errors = [
    { field: 'other', code: 'CONFLICT', message: 'Data diubah orang lain' },
    { field: 'nik', code: 'NIK_LENGTH', message: 'NIK harus 16 digit' },
    { field: 'birth_date', code: 'AGE_OUT_OF_RANGE', message: 'Umur di luar rentang' },
    { field: 'nik', code: 'NIK_SEX_MISMATCH', message: 'Jenis kelamin tidak sesuai NIK' },
  ];

  it('go next to their fields, the rest above the form', () => {
    const { byField, other } = splitErrors(errors);
    expect(byField.get('nik')?.map((e) => e.code)).toEqual(['NIK_LENGTH', 'NIK_SEX_MISMATCH']);
    expect(byField.get('birth_date')?.map((e) => e.code)).toEqual(['AGE_OUT_OF_RANGE']);
    expect(byField.has('other')).toBe(false);
    expect(other.map((e) => e.code)).toEqual(['CONFLICT']);
  });

  it('the first field at fault gets the focus', () => {
    expect(firstInvalidField(errors)).toBe('nik');
    expect(firstInvalidField([errors[0]])).toBeNull();
    expect(firstInvalidField([])).toBeNull();
  });
});

describe('occupationChoices', () => {
  const occupations = [
    { code: 'petani', label: 'Petani' },
    { code: 'buruh_tani', label: 'Buruh tani' },
  ];

  it('are the regency occupations when the worker has one of them', () => {
    expect(occupationChoices(occupations, WORKER)).toEqual(occupations);
  });

  it("put the worker's own first when it is not among them", () => {
    expect(occupationChoices(occupations, { occupation: 'pandai_besi', occupation_label: '' })[0]).toEqual({
      code: 'pandai_besi',
      label: 'pandai_besi',
    });
    expect(occupationChoices([], { occupation: '', occupation_label: '' })).toEqual([]);
  });
});

describe('isKnownVillage', () => {
  const districts = [
    { code: '35.14.01', name: 'Purwodadi', villages: [{ code: '35.14.01.2001', name: 'Gerbo' }] },
  ];

  it('finds a village of the list by code', () => {
    expect(isKnownVillage(districts, '35.14.01.2001')).toBe(true);
    expect(isKnownVillage(districts, '35.14.01.2999')).toBe(false);
    expect(isKnownVillage([], '35.14.01.2001')).toBe(false);
  });
});
