import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { translate } from '../../lib/i18n';
import type { ExtractRow, Finding, SettledMonth, VervalJob, VervalRecord } from '../../lib/vervalApi';
import {
  columnsOf,
  compareColumns,
  currentPeriod,
  defaultKind,
  evidenceView,
  failureText,
  fieldWords,
  indexAfterRemoval,
  isPolling,
  keyCommand,
  kindRows,
  latestVersions,
  missingFields,
  moveIndex,
  normalizeValue,
  pageSearch,
  pageStateFromSearch,
  pollDelay,
  proposalOfKind,
  removalReasons,
  runEnded,
  runTransition,
  shiftPeriod,
  survivorOf,
  type EvidenceWord,
  type KeyFacts,
  type RunState,
} from './logic';

const words = (list: EvidenceWord[]) => list.map((w) => translate('id', w.key, w.params));

function record(change: Partial<VervalRecord> = {}): VervalRecord {
  return {
    id: 1, source_id: '17', nik: '3514012909910001', kk: '3514012710130001', name: 'MOHAMMAD SANUSI',
    name_original: 'Mohammad Sanusi', sex: 'L', birth_place: 'Pasuruan', birth_date: '1991-09-29',
    address: 'Jl. Flamboyan No. 72', village_code: '35.14.01.2001', village_name: 'Gerbo', occupation: 'buruh_tani',
    phone: '081960238437', status: 'aktif', source: 'demo', death_date: null, merged_into: null, ...change,
  };
}

function deathRow(change: Partial<ExtractRow> = {}): ExtractRow {
  return {
    id: 886, row_key: '886', kind: 'deaths', nik: '3514012909910001', name: 'Mohammad Sanusi', sex: 'L',
    birth_date: '1991-09-29', death_date: '2025-03-02', village_code: '35.14.01.2001', kpj: '', segment: '', ...change,
  };
}

function finding(change: Partial<Finding> = {}): Finding {
  return {
    id: 5, period: '2025-10', kind: 'died', worker_id: 1, other_regency: '', confidence: 0.992, action: 'review',
    proposal: 'mark_deceased', blocking: true, evidence: {}, state: 'open', decided_by: '', decided_at: null, reason: '',
    workers: [record()], extract: deathRow(), ...change,
  };
}

describe('periods', () => {
  it('is the month in Jakarta, not in the browser', () => {
    // 31 October 2025 20:00 UTC is already 1 November in Jakarta (UTC+7).
    expect(currentPeriod(new Date('2025-10-31T20:00:00Z'))).toBe('2025-11');
    expect(currentPeriod(new Date('2025-10-31T16:59:00Z'))).toBe('2025-10');
    expect(currentPeriod(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01');
  });

  it('moves across years', () => {
    expect(shiftPeriod('2025-01', -1)).toBe('2024-12');
    expect(shiftPeriod('2025-12', 1)).toBe('2026-01');
    expect(shiftPeriod('2025-10', -22)).toBe('2023-12');
    expect(() => shiftPeriod('2025-13', 1)).toThrow(RangeError);
  });

  it('reads the month, view and kind from the address, with this month as default', () => {
    const now = new Date('2025-10-15T03:00:00Z');
    expect(pageStateFromSearch('', now)).toEqual({ period: '2025-10', view: 'month', kind: '' });
    expect(pageStateFromSearch('?periode=2025-13&tampilan=apa', now)).toEqual({ period: '2025-10', view: 'month', kind: '' });
    expect(pageStateFromSearch('?kabupaten=35.14&periode=2025-08&tampilan=tinjau&jenis=died', now)).toEqual({
      period: '2025-08',
      view: 'review',
      kind: 'died',
    });
    expect(pageStateFromSearch('?tampilan=riwayat&jenis=<script>', now).kind).toBe('');
    // The demo regency opens on the demo's month, unless the address names one.
    expect(pageStateFromSearch('', now, '2025-07').period).toBe('2025-07');
    expect(pageStateFromSearch('?periode=2025-09', now, '2025-07').period).toBe('2025-09');
    expect(pageStateFromSearch('', now, 'bukan').period).toBe('2025-10');
  });

  it('writes the state back, keeping the regency and leaving defaults out', () => {
    expect(pageSearch('?kabupaten=35.14', { period: '2025-08', view: 'month', kind: 'died' })).toBe('?kabupaten=35.14&periode=2025-08');
    const search = pageSearch('?kabupaten=35.14&jenis=age', { period: '2025-08', view: 'review', kind: 'died' });
    expect(search).toBe('?kabupaten=35.14&jenis=died&periode=2025-08&tampilan=tinjau');
    expect(pageStateFromSearch(search)).toEqual({ period: '2025-08', view: 'review', kind: 'died' });
    expect(pageSearch('?tampilan=tinjau', { period: '2025-08', view: 'history', kind: '' })).toBe('?tampilan=riwayat&periode=2025-08');
  });
});

describe('evidence in words', () => {
  const pair = {
    probability: 0.998,
    weight: 11.2,
    fields: [
      { field: 'nik', level: 'exact', weight: 6.1 },
      { field: 'name', level: 'phonetic', weight: 2.5 },
      { field: 'sex', level: 'exact', weight: 0.4 },
      { field: 'birth_date', level: 'swapped', weight: 1.2 },
      { field: 'village', level: 'exact', weight: 1.1 },
      { field: 'kk', level: 'missing', weight: 0 },
      { field: 'phone', level: 'different', weight: -0.8 },
    ],
  };

  it('says each compared field in Indonesian, for or against the match', () => {
    const list = fieldWords(pair.fields);
    expect(words(list)).toEqual([
      'NIK sama persis',
      'Nama mirip bunyinya',
      'Jenis kelamin sama',
      'Tanggal lahir: hari dan bulan tertukar',
      'Desa sama',
      'Nomor telepon berbeda',
    ]);
    expect(list.map((w) => w.tone)).toEqual(['for', 'for', 'for', 'for', 'for', 'against']);
    expect(missingFields(pair.fields)).toEqual(['kk']);
  });

  it('has words for every level the engine labels', () => {
    const levels: Record<string, string[]> = {
      nik: ['different', 'same_birth_part', 'same_region_birth', 'one_edit', 'exact'],
      name: ['different', 'weak', 'similar', 'phonetic', 'exact'],
      birth_date: ['different', 'same_year', 'near', 'swapped', 'exact'],
      sex: ['different', 'exact'],
      village: ['different', 'same_regency', 'same_district', 'exact'],
      kk: ['different', 'one_edit', 'exact'],
      phone: ['different', 'one_edit', 'exact'],
      address: ['different', 'some_tokens', 'most_tokens', 'same_tokens'],
      birth_place: ['different', 'weak', 'similar', 'exact'],
    };
    for (const [field, list] of Object.entries(levels)) {
      for (const level of list) {
        const [word] = fieldWords([{ field, level, weight: 1 }]);
        expect(word.key, `${field}.${level}`).toBe(`verval.ev.${field}.${level}`);
      }
    }
    expect(words(fieldWords([{ field: 'birth_date', level: 'same_year', weight: 1 }]))).toEqual(['Tahun lahir sama']);
  });

  it('names an unknown field or level as it is', () => {
    expect(words(fieldWords([{ field: 'kpj', level: 'exact', weight: 2 }]))).toEqual(['kpj: exact']);
  });

  it('reads each kind of finding', () => {
    const died = evidenceView(finding({ evidence: { ...pair, death_date: '2025-03-02' } }));
    expect(died.pairs).toHaveLength(1);
    expect(died.pairs[0].probability).toBe(0.998);
    expect(words(died.facts)).toEqual(['Meninggal 2025-03-02 menurut Dukcapil']);

    const member = evidenceView(finding({ kind: 'member_wage', evidence: { ...pair, kpj: '10006544422', segment: 'PU' } }));
    expect(words(member.facts)).toEqual(['Peserta penerima upah (PU), KPJ 10006544422']);

    const duplicate = evidenceView(
      finding({ kind: 'duplicate', evidence: { pairs: [{ ...pair, left: 5, right: 6658 }], survivor: 5 } }),
    );
    expect(duplicate.pairs.map((p) => [p.left, p.right])).toEqual([[5, 6658]]);

    const nik = evidenceView(finding({ kind: 'invalid_nik', evidence: { issues: ['NIK_LENGTH', 'NIK_NEW_CODE'] } }));
    expect(words(nik.facts)).toEqual(['NIK tidak 16 angka', 'NIK_NEW_CODE']);
    expect(nik.pairs).toEqual([]);

    const mismatch = evidenceView(
      finding({ kind: 'nik_mismatch', evidence: { sex_agrees: false, birth_date_agrees: false, day_month_swapped: true } }),
    );
    expect(words(mismatch.facts)).toEqual([
      'Tanggal lahir pada NIK sama, tetapi hari dan bulannya tertukar',
      'Jenis kelamin tidak sesuai dengan NIK',
    ]);

    const age = evidenceView(finding({ kind: 'age', evidence: { age: 66, min_age: 15, max_age: 65, reference: '' } }));
    expect(words(age.facts)).toEqual(['Umur 66 tahun; program untuk umur 15 sampai di bawah 65 tahun']);

    const other = evidenceView(finding({ kind: 'other_regency', other_regency: '35.15', evidence: { regency: '35.15', rule: 1 } }));
    expect(words(other.facts)).toEqual([
      'Juga terdaftar di kabupaten/kota 35.15 (datanya tidak ditampilkan)',
      'NIK dan tanggal lahir sama',
    ]);

    expect(words(evidenceView(finding({ kind: 'domicile', evidence: { village_code: '35.15.01.2001' } })).facts)).toEqual([
      'Desa 35.15.01.2001 di luar kabupaten ini',
    ]);
    expect(words(evidenceView(finding({ kind: 'nik_conflict', evidence: { nik_shared: true, records: 2 } })).facts)).toEqual([
      '2 data memakai NIK yang sama, tetapi mesin menilai orangnya berbeda; diterima: digabung, ditolak: salah satu NIK harus diperbaiki',
    ]);
    expect(words(evidenceView(finding({ kind: 'changed', evidence: { change: 'new' } })).facts)).toEqual([
      'Baru masuk daftar sejak penetapan bulan lalu',
    ]);
  });

  it('survives evidence that is not what it should be', () => {
    expect(evidenceView(finding({ kind: 'duplicate', evidence: { pairs: 'x' } }))).toEqual({ pairs: [], facts: [] });
    expect(evidenceView(finding({ evidence: { fields: [{ nope: 1 }] } })).pairs[0].words).toEqual([]);
  });
});

describe('records side by side', () => {
  it('marks the fields where the extract differs from the worker', () => {
    const columns = columnsOf(
      finding({ extract: deathRow({ nik: '', name: 'MOCH. SANUSI', birth_date: '1991-09-29', village_code: '35.14.01.2002' }) }),
    );
    expect(columns.map((c) => c.type)).toEqual(['worker', 'extract']);
    const rows = new Map(compareColumns(columns).map((r) => [r.field, r]));
    expect(rows.get('nik')).toMatchObject({ compared: true, differs: [false, false], missing: [false, true] });
    expect(rows.get('name')).toMatchObject({ compared: true, differs: [true, true] });
    expect(rows.get('birth_date')).toMatchObject({ compared: true, differs: [false, false] });
    expect(rows.get('village')).toMatchObject({ compared: true, differs: [true, true] });
    // Worker-only and extract-only fields are shown, not compared.
    expect(rows.get('address')).toMatchObject({ compared: false, values: ['Jl. Flamboyan No. 72', ''] });
    expect(rows.get('death_date')).toMatchObject({ compared: false, values: ['', '2025-03-02'] });
    // Nobody has a KPJ: the row is left out.
    expect(rows.has('kpj')).toBe(false);
  });

  it('ignores case, spacing and punctuation of names (BPJS writes capitals)', () => {
    const columns = columnsOf(
      finding({
        kind: 'member_wage',
        extract: deathRow({ kind: 'members', name: 'MOHAMMAD  SANUSI', sex: '', village_code: '', kpj: '10006544422', segment: 'PU' }),
      }),
    );
    const rows = new Map(compareColumns(columns).map((r) => [r.field, r]));
    expect(rows.get('name')?.differs).toEqual([false, false]);
    // A membership row has no sex or village: shown for the worker, not compared.
    expect(rows.get('sex')).toMatchObject({ compared: false });
    expect(rows.get('segment')?.values).toEqual(['', 'PU']);
    expect(normalizeValue('name', " Moh. Sanusi'  ")).toBe('MOH SANUSI');
    expect(normalizeValue('nik', '3514 0129-0991.0001')).toBe('3514012909910001');
  });

  it('puts the proposed survivor of a duplicate first and compares every record with it', () => {
    const dup = finding({
      kind: 'duplicate',
      worker_id: 9,
      extract: null,
      evidence: { pairs: [], survivor: 9 },
      workers: [record({ id: 4, name_original: 'Siti Aminah' }), record({ id: 9, name_original: 'Siti Aminah' }), record({ id: 12, name_original: 'St. Aminah', phone: '' })],
    });
    expect(survivorOf(dup)).toBe(9);
    const columns = columnsOf(dup);
    expect(columns.map((c) => (c.type === 'worker' ? c.record.id : 0))).toEqual([9, 4, 12]);
    const rows = new Map(compareColumns(columns).map((r) => [r.field, r]));
    expect(rows.get('name')?.differs).toEqual([true, false, true]);
    expect(rows.get('phone')?.missing).toEqual([false, false, true]);
    expect(rows.get('nik')?.differs).toEqual([false, false, false]);
    expect(survivorOf(finding({ worker_id: 3, evidence: {} }))).toBe(3);
    // A NIK conflict has no survivor in its evidence: the finding's worker is the proposal.
    const conflict = finding({ kind: 'nik_conflict', worker_id: 12, extract: null, evidence: { records: 2 }, workers: [record({ id: 4 }), record({ id: 12 })] });
    expect(columnsOf(conflict).map((c) => (c.type === 'worker' ? c.record.id : 0))).toEqual([12, 4]);
  });
});

describe('keys of the review queue', () => {
  const facts = (change: Partial<KeyFacts>): KeyFacts => ({
    key: 'j', ctrlKey: false, metaKey: false, altKey: false, target: 'other', dialogOpen: false, ...change,
  });

  it('moves with j/k and the arrows, decides with a/r/d', () => {
    expect(keyCommand(facts({ key: 'j' }))).toBe('next');
    expect(keyCommand(facts({ key: 'ArrowDown' }))).toBe('next');
    expect(keyCommand(facts({ key: 'k' }))).toBe('prev');
    expect(keyCommand(facts({ key: 'ArrowUp' }))).toBe('prev');
    expect(keyCommand(facts({ key: 'a' }))).toBe('accept');
    expect(keyCommand(facts({ key: 'r' }))).toBe('reject');
    expect(keyCommand(facts({ key: 'd' }))).toBe('defer');
    expect(keyCommand(facts({ key: 'x' }))).toBeNull();
    expect(keyCommand(facts({ key: 'A' }))).toBeNull();
  });

  it('never takes typing, browser shortcuts, radio arrows or keys meant for a dialog', () => {
    expect(keyCommand(facts({ key: 'a', target: 'text' }))).toBeNull();
    expect(keyCommand(facts({ key: 'j', target: 'text' }))).toBeNull();
    expect(keyCommand(facts({ key: 'Escape', target: 'text' }))).toBe('leave');
    expect(keyCommand(facts({ key: 'r', ctrlKey: true }))).toBeNull();
    expect(keyCommand(facts({ key: 'd', metaKey: true }))).toBeNull();
    expect(keyCommand(facts({ key: 'a', altKey: true }))).toBeNull();
    expect(keyCommand(facts({ key: 'ArrowDown', target: 'choice' }))).toBeNull();
    expect(keyCommand(facts({ key: 'j', target: 'choice' }))).toBe('next');
    expect(keyCommand(facts({ key: 'a', dialogOpen: true }))).toBeNull();
  });

  it('keeps the selection inside the list', () => {
    expect(moveIndex(0, 3, 'prev')).toBe(0);
    expect(moveIndex(0, 3, 'next')).toBe(1);
    expect(moveIndex(2, 3, 'next')).toBe(2);
    expect(moveIndex(0, 0, 'next')).toBe(-1);
    expect(indexAfterRemoval(1, 2)).toBe(1);
    expect(indexAfterRemoval(2, 2)).toBe(1);
    expect(indexAfterRemoval(0, 0)).toBe(-1);
  });
});

describe('the run as a state machine', () => {
  const job = (change: Partial<VervalJob>): VervalJob => ({
    period: '2025-10', state: 'running', stage: 'duplicate', fraction: 0.1, actor: 'verifikator', started_at: '', ...change,
  });
  const idle: RunState = { phase: 'idle' };

  it('follows a run from the button to its end', () => {
    let state = runTransition(idle, { type: 'start' });
    expect(state).toEqual({ phase: 'starting' });
    expect(isPolling(state)).toBe(true);
    // The month's previous, finished job, read before the new one shows: keep waiting.
    state = runTransition(state, { type: 'job', job: job({ state: 'done', fraction: 1 }) });
    expect(state).toEqual({ phase: 'starting' });
    state = runTransition(state, { type: 'job', job: job({ stage: 'died', fraction: 0.35 }) });
    expect(state).toEqual({ phase: 'running', stage: 'died', fraction: 0.35 });
    // A poll that reads an older fraction does not move the bar back.
    state = runTransition(state, { type: 'job', job: job({ stage: 'died', fraction: 0.2 }) });
    expect(state).toEqual({ phase: 'running', stage: 'died', fraction: 0.35 });
    // A poll that finds no job (a server restart) keeps following.
    expect(runTransition(state, { type: 'job', job: null })).toBe(state);
    const report = { findings: { died: 3 }, automatic: 1, to_review: 2 };
    const done = runTransition(state, { type: 'job', job: job({ state: 'done', fraction: 1, report }) });
    expect(done).toEqual({ phase: 'done', report });
    expect(isPolling(done)).toBe(false);
    expect(runEnded(state, done)).toBe(true);
    expect(runEnded(done, done)).toBe(false);
  });

  it('ends in failure with the server’s words', () => {
    const failed = runTransition(
      { phase: 'running', stage: 'read', fraction: 0 },
      { type: 'job', job: job({ state: 'failed', error: { status: 503, detail: 'Basis data sibuk' } }) },
    );
    expect(failed).toEqual({ phase: 'failed', detail: 'Basis data sibuk' });
    expect(runTransition({ phase: 'starting' }, { type: 'error', detail: 'Verval sedang berjalan' })).toEqual({
      phase: 'failed',
      detail: 'Verval sedang berjalan',
    });
  });

  it('a second press while running changes nothing; another month follows only a running job', () => {
    const running: RunState = { phase: 'running', stage: 'read', fraction: 0.2 };
    expect(runTransition(running, { type: 'start' })).toBe(running);
    expect(runTransition(running, { type: 'reset', job: job({ state: 'done' }) })).toEqual(idle);
    expect(runTransition(idle, { type: 'reset', job: job({ fraction: 1.7 }) })).toEqual({ phase: 'running', stage: 'duplicate', fraction: 1 });
    expect(runTransition(idle, { type: 'reset', job: null })).toEqual(idle);
  });

  it('polls every second, backing off after failures', () => {
    expect(pollDelay(0)).toBe(1000);
    expect(pollDelay(2)).toBe(4000);
    expect(pollDelay(10)).toBe(15_000);
  });
});

describe('counts and history', () => {
  it('lists kinds with findings in the server’s order, unknown kinds last', () => {
    const rows = kindRows({
      age: { open: 2 },
      duplicate: { accepted: 3 },
      changed: { open: 0 },
      zzz_new: { open: 1 },
      died: { open: 1, rejected: 1 },
    });
    expect(rows.map((r) => r.kind)).toEqual(['died', 'duplicate', 'age', 'zzz_new']);
    expect(rows[0]).toEqual({ kind: 'died', counts: { open: 1, accepted: 0, rejected: 1, deferred: 0 }, total: 2, blocking: true });
    expect(kindRows({ invalid_nik: { open: 1 } })[0].blocking).toBe(false);
    expect(defaultKind(rows)).toBe('died');
    expect(defaultKind(kindRows({ duplicate: { accepted: 1 } }))).toBe('duplicate');
    expect(defaultKind([])).toBeNull();
  });

  it('knows what accepting each kind does', () => {
    expect(proposalOfKind('duplicate')).toBe('merge');
    expect(proposalOfKind('nik_conflict')).toBe('merge');
    expect(proposalOfKind('died')).toBe('mark_deceased');
    expect(proposalOfKind('nik_mismatch')).toBe('fix_nik');
    expect(proposalOfKind('member_wage')).toBe('remove');
    expect(proposalOfKind('changed')).toBe('note');
  });

  const month = (period: string, version: number, removed: Record<string, number>): SettledMonth => ({
    id: version, period, version, persons: 100, rows_listed: 100, settled_at: '', actor: '', checksum: '', minutes_checksum: '',
    counts: { start: 0, added: 0, removed, end: 100 }, sources: [],
  });

  it('keeps the newest version of each month, oldest month first', () => {
    const months = latestVersions([month('2025-11', 1, {}), month('2025-10', 1, {}), month('2025-10', 2, {})]);
    expect(months.map((m) => [m.period, m.version])).toEqual([
      ['2025-10', 2],
      ['2025-11', 1],
    ]);
  });

  it('orders removal reasons the same way every time', () => {
    expect(removalReasons([month('2025-10', 1, { age: 1, died: 2, custom: 1, duplicate: 0 }), month('2025-11', 1, { member_wage: 4 })])).toEqual([
      'died',
      'member_wage',
      'age',
      'custom',
    ]);
  });
});

describe('failureText', () => {
  it('shows the server’s words, or says the server cannot be reached', () => {
    expect(failureText(new ApiError(409, { detail: 'Verval bulan ini sedang berjalan' }), 'offline')).toBe('Verval bulan ini sedang berjalan');
    expect(failureText(new ApiError(0, { code: 'UNAVAILABLE' }), 'Server tidak dapat dihubungi.')).toBe('Server tidak dapat dihubungi.');
    expect(failureText('boom', 'offline')).toBe('boom');
  });
});
