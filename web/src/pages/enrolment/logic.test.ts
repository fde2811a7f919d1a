import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import type { IneligibleWorker } from '../../lib/enrolmentApi';
import { translate } from '../../lib/i18n';
import {
  batchStatusKey,
  byVillage,
  countsAddUp,
  coverageReasonKey,
  defaultBatchMonth,
  isNotSettled,
  lineKindKey,
  memberStateKey,
  priorityDataKey,
  priorityNameKey,
  reasonCounts,
  settledInPeriod,
  waitingForAnswer,
} from './logic';

describe('words of the server codes', () => {
  it('names batch statuses, answer states, line kinds and coverage reasons in Indonesian', () => {
    const id = (key: ReturnType<typeof batchStatusKey>) => (key ? translate('id', key) : null);
    expect(['created', 'approved', 'answered'].map((s) => id(batchStatusKey(s)))).toEqual(['dibuat', 'disetujui', 'dijawab']);
    expect(['sent', 'matched', 'name_differs', 'rejected'].map((s) => id(memberStateKey(s)))).toEqual([
      'Menunggu jawaban',
      'Cocok',
      'Nama berbeda',
      'Ditolak',
    ]);
    expect(['unknown', 'rejected', 'name_differs'].map((k) => id(lineKindKey(k)))).toEqual(['NIK tidak dikenal', 'Ditolak BPJS', 'Nama berbeda']);
    expect(id(coverageReasonKey('enrolled'))).toBe('terdaftar');
    expect(id(coverageReasonKey('program_end'))).toBe('akhir program');
  });

  it('says the P3KE note of the brief for extreme poverty', () => {
    const name = priorityNameKey('extreme_poor');
    const data = priorityDataKey('extreme_poor');
    expect(name && data).toBeTruthy();
    expect(translate('id', 'enrol.sel.priorityMissing', { rule: translate('id', name!), data: translate('id', data!) })).toBe(
      'Prioritas miskin ekstrem belum dapat diterapkan: registri belum memuat data P3KE.',
    );
  });

  it('has no words for codes it does not know (the page shows the code)', () => {
    expect(batchStatusKey('cancelled')).toBeNull();
    expect(memberStateKey('')).toBeNull();
    expect(coverageReasonKey('died')).toBeNull();
    expect(priorityNameKey('disability')).toBeNull();
  });
});

describe('countsAddUp', () => {
  const base = { settled: 27207, ineligible: 0, already: 0, eligible: 27207, selected: 27207, waiting: 0 };
  it('holds for a selection that accounts for everyone', () => {
    expect(countsAddUp(base)).toBe(true);
    expect(countsAddUp({ settled: 27207, ineligible: 2269, already: 0, eligible: 24938, selected: 100, waiting: 24838 })).toBe(true);
  });
  it('fails when a person is lost between the steps', () => {
    expect(countsAddUp({ ...base, ineligible: 1 })).toBe(false);
    expect(countsAddUp({ ...base, waiting: 1 })).toBe(false);
  });
});

describe('the new-batch month', () => {
  it('keeps the settled months inside the period, each once, in order', () => {
    expect(settledInPeriod(['2025-10', '2025-07', '2025-09', '2025-10', '2026-01'], '2025-09', '2025-12')).toEqual(['2025-09', '2025-10']);
    expect(settledInPeriod([], '2025-09', '2025-12')).toEqual([]);
  });
  it('starts on the newest settled month without a batch, else the newest, else the first month', () => {
    expect(defaultBatchMonth(['2025-09', '2025-10'], [], '2025-09')).toBe('2025-10');
    expect(defaultBatchMonth(['2025-09', '2025-10'], ['2025-10'], '2025-09')).toBe('2025-09');
    expect(defaultBatchMonth(['2025-09'], ['2025-09'], '2025-08')).toBe('2025-09');
    expect(defaultBatchMonth([], [], '2025-09')).toBe('2025-09');
  });
});

describe('isNotSettled', () => {
  const problem = (status: number, detail: string) => new ApiError(status, { status, detail });
  it('recognises the refusal of a month not yet settled', () => {
    expect(isNotSettled(problem(409, 'Bulan Oktober 2025 belum ditetapkan: selesaikan verifikasi dan validasi bulan itu lebih dulu'))).toBe(true);
  });
  it('leaves other refusals alone', () => {
    expect(isNotSettled(problem(409, 'Batch sudah disetujui'))).toBe(false);
    expect(isNotSettled(problem(400, 'Bulan belum ditetapkan'))).toBe(false);
    expect(isNotSettled(new Error('belum ditetapkan'))).toBe(false);
  });
});

describe('waitingForAnswer', () => {
  it('is the members sent and not answered', () => {
    expect(waitingForAnswer({ sent: 344, matched: 26858 })).toBe(344);
    expect(waitingForAnswer({ matched: 3 })).toBe(0);
    expect(waitingForAnswer(undefined)).toBe(0);
  });
});

describe('the ineligible list by village', () => {
  const age = { code: 'age_above', label: 'Usia di atas batas program' };
  const young = { code: 'age_below', label: 'Usia di bawah batas program' };
  const job = { code: 'occupation', label: 'Pekerjaan tidak termasuk program' };
  const w = (id: number, village: string, name: string, reasons: IneligibleWorker['reasons']): IneligibleWorker => ({
    worker_id: id,
    nik: `35140${id}`,
    name,
    village_code: village,
    occupation: 'petani',
    birth_date: null,
    period: '2025-09',
    reasons,
  });
  const list = [
    w(1, '35.14.02.2001', 'Siti', [age]),
    w(2, '35.14.01.2010', 'Bambang', [age, job]),
    w(3, '35.14.01.2010', 'Ahmad', [young]),
    w(4, '35.14.01.2010', 'Ayu', [age]),
  ];

  it('groups by village code, persons by name, reasons most frequent first', () => {
    const groups = byVillage(list);
    expect(groups.map((g) => g.village_code)).toEqual(['35.14.01.2010', '35.14.02.2001']);
    expect(groups[0].workers.map((x) => x.name)).toEqual(['Ahmad', 'Ayu', 'Bambang']);
    expect(groups[0].reasons.map((r) => [r.code, r.count])).toEqual([
      ['age_above', 2],
      ['occupation', 1],
      ['age_below', 1],
    ]);
  });

  it('counts every reason of a person with two', () => {
    expect(reasonCounts(list).map((r) => [r.label, r.count])).toEqual([
      ['Usia di atas batas program', 3],
      ['Pekerjaan tidak termasuk program', 1],
      ['Usia di bawah batas program', 1],
    ]);
    expect(byVillage([])).toEqual([]);
  });
});
