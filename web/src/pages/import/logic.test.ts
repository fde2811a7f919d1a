import { describe, expect, it } from 'vitest';
import type { MappingColumn, MappingField } from '../../lib/importApi';
import {
  assignField,
  checkMapping,
  columnLetter,
  exampleLines,
  fixPayload,
  guessField,
  issueSeverityByField,
  localDateTime,
  newCount,
  normalizeSex,
  parseLooseDate,
  prefillFix,
  progressFraction,
  rowSeverity,
} from './logic';

const FIELDS: MappingField[] = [
  { field: 'nik', label: 'NIK', required: true },
  { field: 'name', label: 'Nama', required: true },
  { field: 'birth_date', label: 'Tanggal lahir', required: false },
  { field: 'village', label: 'Desa', required: false },
];

const col = (index: number, header: string, field: string | null): MappingColumn => ({ index, header, field });

describe('checkMapping', () => {
  it('lists required fields without a column, fields used twice and unused columns', () => {
    const check = checkMapping(
      [col(0, 'No', null), col(1, 'Nama Lengkap', 'name'), col(2, 'Tgl Lahir', 'birth_date'), col(3, 'Tgl', 'birth_date')],
      FIELDS,
    );
    expect(check.missingRequired).toEqual(['nik']);
    expect(check.duplicated).toEqual([{ field: 'birth_date', indexes: [2, 3] }]);
    expect(check.unmapped).toEqual([0]);
  });

  it('is clean for a complete mapping', () => {
    const check = checkMapping([col(0, 'No. KTP', 'nik'), col(1, 'Nama', 'name')], FIELDS);
    expect(check).toEqual({ missingRequired: [], duplicated: [], unmapped: [] });
  });
});

describe('assignField', () => {
  it('moves a field off the column that held it, like the server', () => {
    const before = [col(0, 'NIK', 'nik'), col(1, 'NIK KTP', null), col(2, 'Nama', 'name')];
    const after = assignField(before, 1, 'nik');
    expect(after.map((c) => c.field)).toEqual([null, 'nik', 'name']);
    expect(before.map((c) => c.field)).toEqual(['nik', null, 'name']); // not mutated
  });

  it('unmaps a column with null and leaves the others', () => {
    expect(assignField([col(0, 'NIK', 'nik'), col(1, 'Nama', 'name')], 0, null).map((c) => c.field)).toEqual([
      null,
      'name',
    ]);
  });
});

describe('row issues', () => {
  const row = {
    line: 4,
    values: {},
    issues: [
      { code: 'NIK_FILLED_SEX', message: '', field: 'sex', severity: 'warning' as const },
      { code: 'NIK_LENGTH', message: '', field: 'nik', severity: 'error' as const },
      { code: 'NIK_SEX_MISMATCH', message: '', field: 'sex', severity: 'error' as const },
      { code: 'X', message: '', field: null, severity: 'warning' as const },
    ],
  };

  it('gives each field its worst severity', () => {
    const byField = issueSeverityByField(row);
    expect(byField.get('nik')).toBe('error');
    expect(byField.get('sex')).toBe('error');
    expect(byField.get('')).toBe('warning');
    expect(byField.has('name')).toBe(false);
  });

  it('rates a row by its worst issue', () => {
    expect(rowSeverity(row)).toBe('error');
    expect(rowSeverity({ issues: [{ severity: 'warning' }] })).toBe('warning');
    expect(rowSeverity({ issues: [] })).toBeNull();
  });
});

describe('parseLooseDate', () => {
  it.each([
    ['17 Agustus 1980', '1980-08-17'],
    ['5 Mei 1975', '1975-05-05'],
    ['17 agt 1980', '1980-08-17'],
    ['1 Nopember 1990', '1990-11-01'],
    ['17-08-1980', '1980-08-17'],
    ['7/8/1980', '1980-08-07'],
    ['17.08.1980', '1980-08-17'],
    ['1980-08-17', '1980-08-17'],
    ['29 Februari 2000', '2000-02-29'],
  ])('%s -> %s', (text, iso) => expect(parseLooseDate(text)).toBe(iso));

  it.each(['31 Februari 1980', '29-02-1981', '17-08-80', 'kemarin', '', '1980', '17 Agustusan 1980'])(
    'refuses %j',
    (text) => expect(parseLooseDate(text)).toBeNull(),
  );
});

describe('normalizeSex and guessField', () => {
  it.each([
    ['Laki-laki', 'L'],
    ['L', 'L'],
    ['pria', 'L'],
    ['Perempuan', 'P'],
    ['P', 'P'],
    ['wanita', 'P'],
    ['?', ''],
  ])('%s -> %s', (text, code) => expect(normalizeSex(text)).toBe(code));

  it.each([
    ['No. KTP', 'nik'],
    ['Nama Lengkap', 'name'],
    ['Tgl Lahir', 'birth_date'],
    ['Tgl. Lahir', 'birth_date'],
    ['L/P', 'sex'],
    ['Desa/Kelurahan', 'village'],
    ['Kecamatan', 'district'],
    ['No. HP', 'phone'],
    ['RT/RW', 'rt_rw'],
    ['Keterangan', null],
  ])('%s -> %s', (header, field) => expect(guessField(header)).toBe(field));
});

describe('prefillFix', () => {
  it('fills canonical fields from a messy row', () => {
    const values = prefillFix(
      ['No', 'No. KTP', 'Nama Lengkap', 'L/P', 'Tgl Lahir', 'Desa', 'Kecamatan', 'Dusun', 'RT/RW', 'Pekerjaan', 'Keterangan'],
      ['3', '3.51401E+15', ' Sumarni ', 'Perempuan', '17 Agustus 1980', 'Sumberejo', 'Purwodadi', 'Krajan', '004/001', 'Petani', 'x'],
    );
    expect(values).toEqual({
      nik: '3.51401E+15', // damaged: kept as written for the person to retype
      name: 'Sumarni',
      sex: 'P',
      birth_place: '',
      birth_date: '1980-08-17',
      kk: '',
      address: 'Dusun Krajan, RT/RW 004/001',
      village: 'Sumberejo',
      district: 'Purwodadi',
      village_code: '',
      occupation: 'Petani',
      phone: '',
    });
  });

  it('splits "Tempat, Tanggal Lahir", strips separators from readable NIKs and keeps unreadable dates', () => {
    const values = prefillFix(['NIK', 'TTL', 'Alamat', 'RT', 'RW'], ['3514 0101 0180 0001', 'Pasuruan, 12-05-1975', 'Jl. Mawar 3', '4', '1']);
    expect(values.nik).toBe('3514010101800001');
    expect(values.birth_place).toBe('Pasuruan');
    expect(values.birth_date).toBe('1975-05-12');
    expect(values.address).toBe('Jl. Mawar 3, RT/RW 4/1');
    expect(prefillFix(['Tgl Lahir'], ['31-02-1980']).birth_date).toBe('31-02-1980');
  });

  it('tolerates rows shorter than their header', () => {
    expect(prefillFix(['NIK', 'Nama'], ['3514010101800001']).name).toBe('');
  });
});

describe('small helpers', () => {
  it('fixPayload trims and drops empty values', () => {
    expect(fixPayload({ nik: ' 3514010101800001 ', name: 'Sumarni', kk: '', phone: '   ' })).toEqual({
      nik: '3514010101800001',
      name: 'Sumarni',
    });
  });

  it('exampleLines shows at most max lines and says when there are more', () => {
    expect(exampleLines([4, 9, 17], 3)).toBe('4, 9, 17');
    expect(exampleLines([4, 9, 17], 12)).toBe('4, 9, 17, …');
    expect(exampleLines([1, 2, 3, 4], 4, 2)).toBe('1, 2, …');
  });

  it('progressFraction is null for an unknown total and clamped otherwise', () => {
    expect(progressFraction({ done: 5, total: 0 })).toBeNull();
    expect(progressFraction(null)).toBeNull();
    expect(progressFraction({ done: 25, total: 100 })).toBe(0.25);
    expect(progressFraction({ done: 120, total: 100 })).toBe(1);
  });

  it('newCount is accepted minus updated', () => {
    expect(newCount({ accepted: 10, updated: 3 })).toBe(7);
    expect(newCount({ accepted: 0, updated: 0 })).toBe(0);
  });

  it('columnLetter writes Excel column names', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA',
    ]);
  });

  it('localDateTime reads ISO instants and refuses garbage', () => {
    const local = localDateTime('2026-11-23T03:00:00Z');
    expect(local?.date).toMatch(/^2026-11-2[23]$/);
    expect(local?.time).toMatch(/^\d{2}:00$/);
    expect(localDateTime('nanti')).toBeNull();
  });
});
