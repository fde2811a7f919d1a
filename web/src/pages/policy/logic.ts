// Pure rules of the rule-versions page (no DOM, no fetch): a version's figures in words, its
// effective range, and the policy file a "new version from a date" form becomes. Unit tests:
// logic.test.ts. The file format is docs/policy.md's; the server judges it strictly, so the file
// is built as text around the rules exactly as the administrator wrote them.

import { formatOptionalDate, formatRupiah, type Lang } from '../../lib/format';
import type { MessageKey } from '../../lib/i18n';
import { joinDate, splitDate } from '../../lib/period';
import type { PolicyVersion } from '../../lib/programsApi';
import { bpText, type Message } from '../programs/logic';

const FAMILY_KEYS: Record<string, MessageKey> = {
  contribution: 'policy.family.contribution',
  payment_terms: 'policy.family.payment_terms',
  benefits: 'policy.family.benefits',
  eligibility: 'policy.family.eligibility',
};

/** The family's name key ("Iuran"), or null for a family this UI does not know. */
export function familyKey(family: string): MessageKey | null {
  return FAMILY_KEYS[family] ?? null;
}

/** "1 Januari 2025 – seterusnya" or "1 Januari 2025 – 30 Juni 2026", as a message. */
export function rangeMessage(version: Pick<PolicyVersion, 'effective_from' | 'effective_until'>, lang: Lang): Message {
  const from = formatOptionalDate(version.effective_from, lang);
  if (!version.effective_until) return { key: 'policy.range.open', params: { from } };
  return { key: 'policy.range.closed', params: { from, until: formatOptionalDate(version.effective_until, lang) } };
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const obj = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/**
 * A version's main figures as statements ("JKM: Rp 6.800 per pekerja per bulan"); fields that
 * are missing or of an unexpected type are left out (the whole JSON is shown beside them).
 */
export function ruleFacts(version: Pick<PolicyVersion, 'family' | 'rules'>, lang: Lang): Message[] {
  const r = version.rules ?? {};
  const out: Message[] = [];
  const money = (value: unknown) => formatRupiah(num(value) ?? 0);
  const push = (key: MessageKey, params: Record<string, unknown>) => {
    if (Object.values(params).every((v) => num(v) !== null)) {
      const text: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(params)) text[name] = value as number;
      out.push({ key, params: text });
    }
  };
  switch (version.family) {
    case 'contribution': {
      const brackets = Array.isArray(r.brackets) ? r.brackets.map(obj).filter((b) => b !== null) : [];
      for (const b of brackets) {
        const upTo = num(b.income_up_to);
        const basis = num(b.basis);
        if (upTo !== null && basis !== null) out.push({ key: 'policy.c.bracketBasis', params: { upTo: money(upTo), basis: money(basis) } });
        else if (upTo !== null) out.push({ key: 'policy.c.bracketOwn', params: { upTo: money(upTo) } });
        else if (basis !== null) out.push({ key: 'policy.c.bracketOpenBasis', params: { basis: money(basis) } });
        else out.push({ key: 'policy.c.bracketOpen' });
      }
      if (num(r.jkk_rate_bp) !== null) out.push({ key: 'policy.c.jkk', params: { rate: bpText(num(r.jkk_rate_bp) ?? 0, lang) } });
      if (num(r.jkm_amount) !== null) out.push({ key: 'policy.c.jkm', params: { amount: money(r.jkm_amount) } });
      if (num(r.jht_rate_bp) !== null) out.push({ key: 'policy.c.jht', params: { rate: bpText(num(r.jht_rate_bp) ?? 0, lang) } });
      break;
    }
    case 'payment_terms':
      push('policy.p.due', { day: r.due_day });
      if (r.due_next_working_day === true) out.push({ key: 'policy.p.nextWorkingDay' });
      push('policy.p.arrears', { months: r.arrears_limit_months });
      break;
    case 'benefits': {
      const jkm = obj(r.jkm);
      if (jkm && [jkm.lump_sum, jkm.periodic, jkm.funeral].every((v) => num(v) !== null)) {
        out.push({ key: 'policy.b.jkm', params: { lump: money(jkm.lump_sum), periodic: money(jkm.periodic), funeral: money(jkm.funeral) } });
      }
      const early = obj(r.early_death);
      if (early && [early.membership_months, early.compensation, early.funeral].every((v) => num(v) !== null)) {
        out.push({
          key: 'policy.b.early',
          params: { months: num(early.membership_months) ?? 0, compensation: money(early.compensation), funeral: money(early.funeral) },
        });
      }
      const school = obj(r.scholarship);
      if (school && [school.max_children, school.min_paid_months, school.ceiling].every((v) => num(v) !== null)) {
        out.push({
          key: 'policy.b.scholarship',
          params: { children: num(school.max_children) ?? 0, paid: num(school.min_paid_months) ?? 0, ceiling: money(school.ceiling) },
        });
      }
      const jkk = obj(r.jkk);
      if (jkk) push('policy.b.jkk', { multiple: jkk.death_income_multiple, hours: jkk.report_within_hours });
      break;
    }
    case 'eligibility':
      push('policy.e.age', { min: r.age_min, max: r.age_max_exclusive });
      if (Array.isArray(r.occupations)) out.push({ key: 'policy.e.occupations', params: { count: r.occupations.length } });
      if (r.domicile_in_regency === true) out.push({ key: 'policy.e.domicile' });
      if (r.exclude_wage_earners === true) out.push({ key: 'policy.e.wage' });
      break;
    default:
      break;
  }
  return out;
}

/** The first day of the month after `date`'s: the usual start of a new version. */
export function firstOfNextMonth(date: string): string {
  const { year, month } = splitDate(date);
  return month === 12 ? joinDate(year + 1, 1, 1) : joinDate(year, month + 1, 1);
}

/** What the "new version from a date" form holds. */
export interface VersionFormValues {
  family: string;
  from: string;
  legal: string;
  certainty: string;
  /** Field paths, separated by commas or new lines. */
  uncertain: string;
  /** The `rules` object as JSON text. */
  rules: string;
}

export type VersionField = 'legal' | 'rules' | 'uncertain';

/** The form prefilled from a version (the one in force), starting on `from`. */
export function formFromVersion(version: PolicyVersion, from: string): VersionFormValues {
  return {
    family: version.family,
    from,
    legal: version.legal_reference,
    certainty: version.certainty === 'uncertain' ? 'uncertain' : 'confirmed',
    uncertain: (version.uncertain_fields ?? []).join(', '),
    rules: JSON.stringify(version.rules, null, 2),
  };
}

/**
 * The policy file of one version from the form, as text: `rules` is put in exactly as written
 * (so that the server's strict reading sees a decimal or a number in quotes as the person
 * wrote it), after checking here that it is a JSON object at all.
 */
export function versionFile(values: VersionFormValues): { ok: true; text: string } | { ok: false; errors: Partial<Record<VersionField, Message>> } {
  const errors: Partial<Record<VersionField, Message>> = {};
  const legal = values.legal.trim();
  if (legal === '') errors.legal = { key: 'policy.form.required' };
  const rules = values.rules.trim();
  if (rules === '') {
    errors.rules = { key: 'policy.form.required' };
  } else {
    try {
      if (obj(JSON.parse(rules)) === null) errors.rules = { key: 'policy.form.notObject' };
    } catch (error) {
      errors.rules = { key: 'policy.form.badJson', params: { detail: error instanceof Error ? error.message : String(error) } };
    }
  }
  const uncertain = values.uncertain
    .split(/[,\n]/)
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (uncertain.some((f) => !/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/.test(f))) errors.uncertain = { key: 'policy.form.uncertainFormat' };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const head = JSON.stringify({
    family: values.family,
    effective_from: values.from,
    legal_reference: legal,
    certainty: values.certainty,
    uncertain_fields: uncertain,
  });
  // The version's own keys, then "rules" with the text as written.
  const version = `${head.slice(0, -1)},"rules":${rules}}`;
  return { ok: true, text: `{"jaring_policy":1,"versions":[${version}]}` };
}
