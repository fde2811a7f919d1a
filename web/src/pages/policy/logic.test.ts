import { describe, expect, it } from 'vitest';
import type { PolicyVersion } from '../../lib/programsApi';
import { familyKey, firstOfNextMonth, formFromVersion, rangeMessage, ruleFacts, versionFile } from './logic';

const NBSP = '\u00a0';

const contribution: PolicyVersion = {
  family: 'contribution',
  effective_from: '2025-01-01',
  legal_reference: 'PP 44/2015 jo. PP 82/2019',
  certainty: 'confirmed',
  uncertain_fields: ['brackets'],
  rules: {
    brackets: [{ income_up_to: 1000000, basis: 1000000 }, { income_up_to: 20700000 }],
    jkk_rate_bp: 100,
    jkm_amount: 6800,
    jht_rate_bp: 200,
  },
};

describe('familyKey', () => {
  it('names the four families and nothing else', () => {
    expect(familyKey('contribution')).toBe('policy.family.contribution');
    expect(familyKey('eligibility')).toBe('policy.family.eligibility');
    expect(familyKey('claims')).toBeNull();
  });
});

describe('rangeMessage', () => {
  it('says an open version runs on', () => {
    expect(rangeMessage({ effective_from: '2025-01-01' }, 'id')).toEqual({ key: 'policy.range.open', params: { from: '1 Januari 2025' } });
    expect(rangeMessage({ effective_from: '2025-01-01', effective_until: null }, 'id').key).toBe('policy.range.open');
  });
  it('names both ends of a closed version', () => {
    expect(rangeMessage({ effective_from: '2025-01-01', effective_until: '2026-06-30' }, 'id')).toEqual({
      key: 'policy.range.closed',
      params: { from: '1 Januari 2025', until: '30 Juni 2026' },
    });
  });
});

describe('ruleFacts', () => {
  it('says the contribution schedule in words', () => {
    expect(ruleFacts(contribution, 'id')).toEqual([
      { key: 'policy.c.bracketBasis', params: { upTo: `Rp${NBSP}1.000.000`, basis: `Rp${NBSP}1.000.000` } },
      { key: 'policy.c.bracketOwn', params: { upTo: `Rp${NBSP}20.700.000` } },
      { key: 'policy.c.jkk', params: { rate: '1%' } },
      { key: 'policy.c.jkm', params: { amount: `Rp${NBSP}6.800` } },
      { key: 'policy.c.jht', params: { rate: '2%' } },
    ]);
  });

  it('says payment terms and eligibility in words', () => {
    expect(ruleFacts({ family: 'payment_terms', rules: { due_day: 15, due_next_working_day: true, arrears_limit_months: 3 } }, 'id')).toEqual([
      { key: 'policy.p.due', params: { day: 15 } },
      { key: 'policy.p.nextWorkingDay' },
      { key: 'policy.p.arrears', params: { months: 3 } },
    ]);
    expect(
      ruleFacts(
        {
          family: 'eligibility',
          rules: { age_min: 15, age_max_exclusive: 65, occupations: ['petani', 'nelayan'], domicile_in_regency: true, exclude_wage_earners: false },
        },
        'id',
      ),
    ).toEqual([
      { key: 'policy.e.age', params: { min: 15, max: 65 } },
      { key: 'policy.e.occupations', params: { count: 2 } },
      { key: 'policy.e.domicile' },
    ]);
  });

  it('leaves out what is missing or of another type, and knows no unknown family', () => {
    expect(ruleFacts({ family: 'payment_terms', rules: { due_day: '15' } }, 'id')).toEqual([]);
    expect(ruleFacts({ family: 'benefits', rules: { jkm: { lump_sum: 20000000 } } }, 'id')).toEqual([]);
    expect(ruleFacts({ family: 'claims', rules: { x: 1 } }, 'id')).toEqual([]);
  });
});

describe('firstOfNextMonth', () => {
  it('starts the next month, across a year', () => {
    expect(firstOfNextMonth('2026-12-06')).toBe('2027-01-01');
    expect(firstOfNextMonth('2025-06-30')).toBe('2025-07-01');
  });
});

describe('versionFile', () => {
  it('keeps the rules as written, inside a one-version file', () => {
    const values = { ...formFromVersion(contribution, '2026-07-01'), rules: '{"jkm_amount": 7000.0}' };
    const result = versionFile(values);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // The decimal the administrator wrote reaches the server unchanged, for it to refuse.
    expect(result.text).toContain('"rules":{"jkm_amount": 7000.0}');
    expect(JSON.parse(result.text)).toEqual({
      jaring_policy: 1,
      versions: [
        {
          family: 'contribution',
          effective_from: '2026-07-01',
          legal_reference: 'PP 44/2015 jo. PP 82/2019',
          certainty: 'confirmed',
          uncertain_fields: ['brackets'],
          rules: { jkm_amount: 7000 },
        },
      ],
    });
  });

  it('prefills from the version in force', () => {
    const values = formFromVersion(contribution, '2026-07-01');
    expect(values.uncertain).toBe('brackets');
    expect(JSON.parse(values.rules)).toEqual(contribution.rules);
    const result = versionFile(values);
    expect(result.ok && JSON.parse(result.text).versions[0].rules).toEqual(contribution.rules);
  });

  it('refuses an empty reference, rules that are not a JSON object and odd field names', () => {
    const values = formFromVersion(contribution, '2026-07-01');
    expect(versionFile({ ...values, legal: ' ' })).toEqual({ ok: false, errors: { legal: { key: 'policy.form.required' } } });
    expect(versionFile({ ...values, rules: '[1, 2]' })).toEqual({ ok: false, errors: { rules: { key: 'policy.form.notObject' } } });
    const broken = versionFile({ ...values, rules: '{"jkm_amount": 6800,}' });
    expect(!broken.ok && broken.errors.rules?.key).toBe('policy.form.badJson');
    expect(versionFile({ ...values, uncertain: 'brackets, jkk rate' })).toEqual({ ok: false, errors: { uncertain: { key: 'policy.form.uncertainFormat' } } });
  });

  it('reads uncertain fields separated by commas or lines', () => {
    const result = versionFile({ ...formFromVersion(contribution, '2026-07-01'), uncertain: 'brackets,\njkk.claim_lapse_years' });
    expect(result.ok && JSON.parse(result.text).versions[0].uncertain_fields).toEqual(['brackets', 'jkk.claim_lapse_years']);
  });
});
