import { describe, expect, it } from 'vitest';
import { dictionaries, occupationLabel, translate, type MessageKey } from './i18n';

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('id', 'dashboard.asOf', { date: '23 November 2026' })).toBe('Data per 23 November 2026');
    expect(translate('en', 'dashboard.asOf', { date: '23 November 2026' })).toBe('Data as of 23 November 2026');
  });

  it('leaves unknown placeholders visible rather than blank', () => {
    expect(translate('id', 'dashboard.title', {})).toBe('Dasbor {regency}');
  });

  it('has Indonesian as the words of the main labels', () => {
    expect(translate('id', 'dashboard.persons')).toBe('Peserta (orang)');
    expect(translate('id', 'dashboard.rows')).toBe('Baris di register');
    expect(translate('id', 'dashboard.male')).toBe('Laki-laki');
    expect(translate('id', 'dashboard.female')).toBe('Perempuan');
  });
});

describe('occupationLabel', () => {
  it('keeps the server label in Indonesian and for unknown codes', () => {
    expect(occupationLabel('id', 'nelayan', 'Nelayan')).toBe('Nelayan');
    expect(occupationLabel('en', 'pembuat_gula_aren', 'Pembuat gula aren')).toBe('Pembuat gula aren');
  });

  it('names known occupations in English', () => {
    expect(occupationLabel('en', 'nelayan', 'Nelayan')).toBe('Fisher');
  });
});

describe('dictionaries', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const keys = Object.keys(dictionaries.id) as MessageKey[];

  it.each(keys)('%s has the same placeholders in both languages and no blank text', (key) => {
    expect(dictionaries.en[key].trim()).not.toBe('');
    expect(dictionaries.id[key].trim()).not.toBe('');
    expect(placeholders(dictionaries.en[key])).toEqual(placeholders(dictionaries.id[key]));
  });

  it('has no English key that Indonesian lacks', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual([...keys].sort());
  });
});
