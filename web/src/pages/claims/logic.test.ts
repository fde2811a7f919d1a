import { describe, expect, it } from 'vitest';
import type { Heir } from '../../lib/claimsApi';
import {
  bpToPercent,
  canPrepare,
  claimFilterOf,
  daysText,
  emptyHeir,
  heirsForServer,
  isDeath,
  kindStateRows,
  movesFor,
  parseRupiah,
  percentToBp,
  ruleHref,
  rulesDateOf,
  shareStatus,
  unusedProposals,
} from './logic';

const OPERATOR = ['view_workers', 'manage_claims'];
const BPJS = ['view_workers', 'manage_claims', 'decide_claims'];
const PIMPINAN = ['view_workers'];

const heir = (patch: Partial<Heir>): Heir => ({ ...emptyHeir(false), ...patch });

describe('movesFor', () => {
  it('offers the regency its preparing moves and the branch its decisions', () => {
    expect(movesFor('reported', OPERATOR).map((m) => m.to)).toEqual(['dossier_complete']);
    expect(movesFor('dossier_complete', OPERATOR).map((m) => m.to)).toEqual(['submitted', 'reported']);
    expect(movesFor('submitted', OPERATOR)).toEqual([]);
    expect(movesFor('submitted', BPJS).map((m) => [m.to, m.needs])).toEqual([
      ['approved', 'amount'],
      ['rejected', 'reason'],
    ]);
    expect(movesFor('approved', BPJS).map((m) => [m.to, m.needs])).toEqual([['paid', 'payment']]);
  });
  it('offers nothing on a closed case, to a role without the permission, or for an unknown state', () => {
    expect(movesFor('paid', BPJS)).toEqual([]);
    expect(movesFor('rejected', BPJS)).toEqual([]);
    expect(movesFor('reported', PIMPINAN)).toEqual([]);
    expect(movesFor('approved', OPERATOR)).toEqual([]);
    expect(movesFor('nonsense', BPJS)).toEqual([]);
  });
  it('asks a reason to send a dossier back', () => {
    expect(movesFor('dossier_complete', OPERATOR).find((m) => m.to === 'reported')?.needs).toBe('reason');
  });
});

describe('canPrepare and isDeath', () => {
  it('lets heirs and papers change only while reported, with manage_claims', () => {
    expect(canPrepare('reported', OPERATOR)).toBe(true);
    expect(canPrepare('dossier_complete', OPERATOR)).toBe(false);
    expect(canPrepare('reported', PIMPINAN)).toBe(false);
  });
  it('knows which cases have heirs', () => {
    expect(isDeath('jkm', 'death')).toBe(true);
    expect(isDeath('jkk', 'death')).toBe(true);
    expect(isDeath('jkk', 'injury')).toBe(false);
  });
});

describe('shares', () => {
  it('reads percent as typed, with a comma or a dot', () => {
    expect(percentToBp('50')).toBe(5000);
    expect(percentToBp('33,34')).toBe(3334);
    expect(percentToBp('33.33')).toBe(3333);
    expect(percentToBp(' ')).toBe(0);
    expect(percentToBp('101')).toBeNull();
    expect(percentToBp('1,234')).toBeNull();
    expect(percentToBp('abc')).toBeNull();
  });
  it('writes basis points back as percent', () => {
    expect(bpToPercent(5000)).toBe('50');
    expect(bpToPercent(3334)).toBe('33,34');
    expect(bpToPercent(0)).toBe('');
  });
  it('says whether they make 100 %', () => {
    expect(shareStatus([0, 0])).toEqual({ state: 'equal', sum: 0 });
    expect(shareStatus([5000, 2500, 2500])).toEqual({ state: 'complete', sum: 10000 });
    expect(shareStatus([5000, 2500, 2400])).toEqual({ state: 'off', sum: 9900 });
    expect(shareStatus([5000, null]).state).toBe('invalid');
    expect(shareStatus([]).state).toBe('equal');
  });
});

describe('parseRupiah', () => {
  it('reads amounts as people write them', () => {
    expect(parseRupiah('Rp 45.500.000')).toBe(45500000);
    expect(parseRupiah('Rp\u00a045.500.000')).toBe(45500000);
    expect(parseRupiah('rp. 1.000')).toBe(1000);
    expect(parseRupiah('45500000')).toBe(45500000);
  });
  it('refuses what is not a whole positive amount', () => {
    expect(parseRupiah('')).toBeNull();
    expect(parseRupiah('0')).toBeNull();
    expect(parseRupiah('45.5')).toBeNull();
    expect(parseRupiah('45,500,000')).toBeNull();
    expect(parseRupiah('-5')).toBeNull();
    expect(parseRupiah('empat juta')).toBeNull();
  });
});

describe('heirsForServer', () => {
  it('keeps bank details for a recipient paid by bank only, and school levels for children only', () => {
    const out = heirsForServer([
      heir({ name: ' Siti ', relation: 'spouse', recipient: true, payout: 'bank', bank: 'BRI', account_no: ' 012301000123567 ', account_name: 'Siti', school_level: 'smp' }),
      heir({ name: 'Ahmad', relation: 'child', school_level: 'tk_sd', bank: 'BNI', account_no: '1', payout: 'bank' }),
    ]);
    expect(out[0]).toMatchObject({ name: 'Siti', school_level: '', payout: 'bank', bank: 'BRI', account_no: '012301000123567' });
    expect(out[1]).toMatchObject({ school_level: 'tk_sd', payout: '', bank: '', account_no: '', recipient: false });
  });
  it('pays a recipient without a payout in cash', () => {
    expect(heirsForServer([heir({ recipient: true, payout: '' })])[0].payout).toBe('cash');
  });
});

describe('unusedProposals', () => {
  it('leaves out the household members already among the heirs', () => {
    const proposed = [
      { name: 'Siti Aminah', nik: '3514014506850001' },
      { name: 'Ahmad', nik: '' },
      { name: 'Nur', nik: '3514010101100002' },
    ];
    const left = unusedProposals(proposed, [heir({ name: 'Lain', nik: '3514014506850001' }), heir({ name: ' ahmad ' })]);
    expect(left.map((p) => p.name)).toEqual(['Nur']);
  });
});

describe('addresses', () => {
  it('links a rule at the event date', () => {
    expect(ruleHref('jkm.lump_sum', '2025-11-02')).toBe('/klaim/cara-menghitung?tanggal=2025-11-02#rule-jkm.lump_sum');
    expect(ruleHref('jkm.lump_sum')).toBe('/klaim/cara-menghitung#rule-jkm.lump_sum');
  });
  it('reads the rules date and the list filters', () => {
    expect(rulesDateOf('?tanggal=2025-11-02')).toBe('2025-11-02');
    expect(rulesDateOf('?tanggal=2025-13-02')).toBeNull();
    expect(claimFilterOf('?status=paid&terlambat=1')).toEqual({ state: 'paid', overdue: true });
    expect(claimFilterOf('')).toEqual({ state: '', overdue: false });
  });
});

describe('kindStateRows', () => {
  it('puts JKM first with every state of the workflow, 0 where none', () => {
    const { states, rows } = kindStateRows({ jkk: { reported: 1 }, jkm: { paid: 2, reported: 1 } });
    expect(states).toEqual(['reported', 'dossier_complete', 'submitted', 'approved', 'rejected', 'paid']);
    expect(rows.map((r) => r.kind)).toEqual(['jkm', 'jkk']);
    expect(rows[0].counts.map((c) => c.cases)).toEqual([1, 0, 0, 0, 0, 2]);
    expect(rows.map((r) => r.total)).toEqual([3, 1]);
  });
  it('keeps a state it does not know after the others, so the totals still add up', () => {
    const { states, rows } = kindStateRows({ jkm: { withdrawn: 1, paid: 1 } });
    expect(states[states.length - 1]).toBe('withdrawn');
    expect(rows[0].total).toBe(2);
  });
  it('has no rows without cases', () => {
    expect(kindStateRows({}).rows).toEqual([]);
  });
});

describe('daysText', () => {
  it('writes the median with one decimal in the language', () => {
    expect(daysText(34.5, 'id')).toBe('34,5');
    expect(daysText(34.5, 'en')).toBe('34.5');
    expect(daysText(18, 'id')).toBe('18');
    expect(daysText(10.25, 'id')).toBe('10,3');
  });
  it('leaves no figure as none', () => {
    expect(daysText(null, 'id')).toBeNull();
  });
});
