import { describe, expect, it } from 'vitest';
import {
  bpText,
  coverage,
  fundingShares,
  moveItem,
  parsePercentBp,
  parseRupiah,
  parseWhole,
  periodText,
  problemField,
  programInput,
  revisionInput,
  rupiahInputText,
  sharesText,
  type ProgramFormValues,
} from './logic';

describe('parseRupiah', () => {
  it.each([
    ['2.800.000.000', 2800000000],
    ['2800000000', 2800000000],
    ['Rp 2.800.000.000', 2800000000],
    ['Rp2.800.000.000', 2800000000],
    ['rp. 2.800.000.000', 2800000000],
    ['Rp\u00a02.800.000.000', 2800000000],
    ['  3.200.000.000  ', 3200000000],
    ['2.800.000.000,-', 2800000000],
    ['2.800.000.000,00', 2800000000],
    ['2 800 000 000', 2800000000],
    ['16.800', 16800],
    ['0', 0],
  ])('%j is %d', (text, value) => {
    expect(parseRupiah(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['Rp', 'format'],
    ['2,8 miliar', 'format'],
    ['2.80.000', 'format'],
    ['2.800.000.0000', 'format'],
    ['2800.000', 'format'],
    ['-1.000', 'format'],
    ['1e9', 'format'],
    ['2,800,000,000', 'format'],
    ['2.800.000,50', 'fraction'],
    ['2,8', 'fraction'],
    ['99.999.999.999.999.999', 'range'],
  ])('%j is refused as %s', (text, error) => {
    expect(parseRupiah(text)).toEqual({ ok: false, error });
  });

  it('writes amounts back with thousands dots', () => {
    expect(rupiahInputText(2800000000)).toBe('2.800.000.000');
    expect(parseRupiah(rupiahInputText(477926400))).toEqual({ ok: true, value: 477926400 });
  });
});

describe('parseWhole', () => {
  it('reads counts with or without thousands dots', () => {
    expect(parseWhole('28.448')).toEqual({ ok: true, value: 28448 });
    expect(parseWhole('28448')).toEqual({ ok: true, value: 28448 });
    expect(parseWhole('')).toEqual({ ok: false, error: 'empty' });
    expect(parseWhole('28,448')).toEqual({ ok: false, error: 'format' });
    expect(parseWhole('Rp 5')).toEqual({ ok: false, error: 'format' });
  });
});

describe('parsePercentBp', () => {
  it.each([
    ['100', 10000],
    ['60', 6000],
    ['62,5', 6250],
    ['62.5', 6250],
    ['33,33', 3333],
    ['33,3 %', 3330],
    ['40%', 4000],
    ['0', 0],
  ])('%j is %d basis points', (text, bp) => {
    expect(parsePercentBp(text)).toBe(bp);
  });

  it.each(['', '62,', ',5', '33,333', '-10', 'enam puluh', '1000', '60 persen'])('%j is not a share', (text) => {
    expect(parsePercentBp(text)).toBeNull();
  });

  it('prints basis points as percent', () => {
    expect(bpText(10000, 'id')).toBe('100%');
    expect(bpText(6250, 'id')).toBe('62,5%');
    expect(bpText(6250, 'en')).toBe('62.5%');
    expect(bpText(3333, 'id')).toBe('33,33%');
  });
});

describe('fundingShares', () => {
  it('takes one source alone as 100 %', () => {
    expect(fundingShares([{ source: 'DBHCHT', share: '' }])).toEqual({ ok: true, shares: [{ source: 'DBHCHT', share_bp: 10000 }] });
    expect(fundingShares([{ source: 'DBHCHT', share: '100' }])).toEqual({ ok: true, shares: [{ source: 'DBHCHT', share_bp: 10000 }] });
  });

  it('splits several sources by their shares', () => {
    expect(
      fundingShares([
        { source: 'DBHCHT', share: '62,5' },
        { source: 'APBD', share: '37,5' },
      ]),
    ).toEqual({ ok: true, shares: [{ source: 'DBHCHT', share_bp: 6250 }, { source: 'APBD', share_bp: 3750 }] });
  });

  it('refuses no source, a source twice, a missing share and a sum other than 100 %', () => {
    expect(fundingShares([])).toEqual({ ok: false, error: { key: 'program.error.fundingNone' } });
    expect(
      fundingShares([
        { source: 'APBD', share: '50' },
        { source: 'APBD', share: '50' },
      ]),
    ).toEqual({ ok: false, error: { key: 'program.error.fundingTwice', params: { source: 'APBD' } } });
    expect(
      fundingShares([
        { source: 'DBHCHT', share: '60' },
        { source: 'APBD', share: '' },
      ]),
    ).toEqual({ ok: false, error: { key: 'program.error.fundingShare', params: { source: 'APBD' } } });
    expect(
      fundingShares([
        { source: 'DBHCHT', share: '60' },
        { source: 'APBD', share: '0' },
      ]),
    ).toEqual({ ok: false, error: { key: 'program.error.fundingShare', params: { source: 'APBD' } } });
    expect(
      fundingShares([
        { source: 'DBHCHT', share: '60' },
        { source: 'APBD', share: '30,5' },
      ]),
    ).toEqual({ ok: false, error: { key: 'program.error.fundingSum', params: { total: '90,5%' } } });
    expect(fundingShares([{ source: 'DBHCHT', share: '50' }])).toEqual({ ok: false, error: { key: 'program.error.fundingSum', params: { total: '50%' } } });
  });

  it('lists shares in words', () => {
    expect(sharesText([{ source: 'DBHCHT', share_bp: 10000 }], 'id')).toBe('DBHCHT 100%');
    expect(
      sharesText(
        [
          { source: 'DBHCHT', share_bp: 6000 },
          { source: 'APBD', share_bp: 4000 },
        ],
        'id',
      ),
    ).toBe('DBHCHT 60% · APBD 40%');
  });
});

describe('periodText', () => {
  it('names the first and last month', () => {
    expect(periodText('2025-09', '2025-12', 'id')).toBe('September 2025 – Desember 2025');
    expect(periodText('2025-09', '2025-12', 'en')).toBe('September 2025 – December 2025');
    expect(periodText('2025-10', '2025-10', 'id')).toBe('Oktober 2025');
  });
});

describe('moveItem', () => {
  const list = ['extreme_poor', 'tobacco_sector', 'longest_waiting'];
  it('moves up and down and stays inside the list', () => {
    expect(moveItem(list, 1, -1)).toEqual(['tobacco_sector', 'extreme_poor', 'longest_waiting']);
    expect(moveItem(list, 0, 1)).toEqual(['tobacco_sector', 'extreme_poor', 'longest_waiting']);
    expect(moveItem(list, 0, -1)).toEqual(list);
    expect(moveItem(list, 2, 1)).toEqual(list);
    expect(moveItem(list, 5, 1)).toEqual(list);
  });
});

const pasuruan: ProgramFormValues = {
  name: '  Perlindungan pekerja rentan 2025 ',
  funding: [{ source: 'DBHCHT', share: '' }],
  budget: 'Rp 2.800.000.000',
  from: '2025-09',
  to: '2025-12',
  quota: '28.448',
  income: '',
  ageMin: '',
  ageMax: '',
  participation: 'sg',
  withJht: false,
  decree: '',
  date: '',
  priority: ['extreme_poor', 'tobacco_sector', 'longest_waiting'],
};

describe('programInput', () => {
  it('turns the Pasuruan form into the API input', () => {
    expect(programInput(pasuruan)).toEqual({
      ok: true,
      input: {
        name: 'Perlindungan pekerja rentan 2025',
        funding: [{ source: 'DBHCHT', share_bp: 10000 }],
        budget: 2800000000,
        period_from: '2025-09',
        period_to: '2025-12',
        quota: 28448,
        participation_code: 'SG',
        with_jht: false,
        priority: ['extreme_poor', 'tobacco_sector', 'longest_waiting'],
      },
    });
  });

  it('sends the optional fields only when given', () => {
    const result = programInput({ ...pasuruan, income: '1.500.000', ageMin: '18', ageMax: '', decree: 'DPA 1/2025', date: '2025-09-01' });
    expect(result.ok && result.input).toMatchObject({
      declared_income: 1500000,
      eligibility: { age_min: 18 },
      budget_decree: 'DPA 1/2025',
      budget_decree_date: '2025-09-01',
    });
  });

  it('names every field it refuses', () => {
    const result = programInput({
      ...pasuruan,
      name: ' ',
      funding: [],
      budget: '2,8 miliar',
      quota: '28,448',
      income: '0',
      ageMin: 'lima belas',
      participation: 'S1',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: { key: 'program.error.required' },
        funding: { key: 'program.error.fundingNone' },
        budget: { key: 'program.error.rupiahFormat' },
        quota: { key: 'program.error.wholeFormat' },
        income: { key: 'program.error.incomePositive' },
        age: { key: 'program.error.age' },
        participation: { key: 'program.error.participation' },
      },
    });
  });

  it('refuses a budget of zero and an empty budget', () => {
    expect(programInput({ ...pasuruan, budget: '0' })).toEqual({ ok: false, errors: { budget: { key: 'program.error.budgetPositive' } } });
    expect(programInput({ ...pasuruan, budget: '' })).toEqual({ ok: false, errors: { budget: { key: 'program.error.required' } } });
  });
});

describe('revisionInput', () => {
  it('takes the whole new budget, the decree and its date', () => {
    expect(revisionInput({ budget: '3.200.000.000', decree: ' Perbup 88/2025 ', date: '2025-10-15' })).toEqual({
      ok: true,
      revision: { budget: 3200000000, decree: 'Perbup 88/2025', date: '2025-10-15' },
    });
  });

  it('takes a new quota when the PAK changes it, and refuses one that is not a whole number', () => {
    expect(revisionInput({ budget: '3.200.000.000', quota: '24.250', decree: 'Perbup 88/2025', date: '2025-10-15' })).toEqual({
      ok: true,
      revision: { budget: 3200000000, quota: 24250, decree: 'Perbup 88/2025', date: '2025-10-15' },
    });
    const refused = revisionInput({ budget: '3.200.000.000', quota: '24,5', decree: 'Perbup 88/2025', date: '2025-10-15' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors.quota).toBeTruthy();
  });

  it('refuses what is missing', () => {
    expect(revisionInput({ budget: '', decree: '', date: '' })).toEqual({
      ok: false,
      errors: { budget: { key: 'program.error.required' }, decree: { key: 'program.error.required' }, date: { key: 'program.error.required' } },
    });
  });
});

describe('problemField', () => {
  it.each([
    ['Nama program wajib diisi', 'name'],
    ['Jumlah bagian sumber dana harus 100 %, bukan 50 %', 'funding'],
    ['Sumber dana DBHCHT disebut dua kali', 'funding'],
    ['Anggaran harus lebih dari Rp 0, bukan Rp 0', 'budget'],
    ['Periode berakhir (September 2025) sebelum dimulai (Desember 2025)', 'period'],
    ['Bulan mulai harus berbentuk YYYY-MM, bukan "2025-9"', 'period'],
    ['Tidak ada aturan Iuran yang berlaku pada 1 September 2024; tambahkan versinya (jaring policy add)', 'period'],
    ['Penghasilan Rp 30.000.000 di atas golongan penghasilan tertinggi (Rp 20.700.000)', 'income'],
    ['Rentang usia program (10–70 tahun) harus di dalam rentang kebijakan yang berlaku (15–64 tahun)', 'age'],
    ['Usia paling rendah (40) lebih tinggi dari usia paling tinggi (30)', 'age'],
    ['Kode kepesertaan BPJS harus huruf, mis. SG, SA atau SD', 'participation'],
    ['Nomor keputusan perubahan anggaran (PAK) wajib diisi', 'decree'],
    ['Tanggal keputusan harus berbentuk YYYY-MM-DD, bukan "2025-13-15"', 'date'],
    ['Aturan prioritas "x" disebut dua kali', 'priority'],
  ])('%j is about %s', (detail, field) => {
    expect(problemField(detail)).toBe(field);
  });

  it('names no field for other refusals', () => {
    expect(problemField('Anda tidak berwenang untuk permintaan ini')).toBeNull();
    expect(problemField('Layanan program tidak tersedia')).toBeNull();
  });
});

describe('coverage', () => {
  it('places the last paid month against the period end', () => {
    expect(coverage({ covered_until: '2026-01', to: '2025-12' })).toBe('after');
    expect(coverage({ covered_until: '2025-12', to: '2025-12' })).toBe('at');
    expect(coverage({ covered_until: '2025-11', to: '2025-12' })).toBe('before');
    expect(coverage({ covered_until: null, to: '2025-12' })).toBe('none');
  });
});
