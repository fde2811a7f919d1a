// Claims (cases, deaths, paid, the amount paid, median days from the event to payment, waiting,
// overdue: the claims report's figures) and money (the year's budget of the programs, payments,
// absorption, months billed and not paid in full), each figure with its raw value beside it.

import { Panel } from '../../components/Panel';
import { formatNumber, formatRupiah, formatShare } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { RegencyMonev } from '../../lib/monevApi';

interface Item {
  key: string;
  label: string;
  text: string;
  value: number | null;
  warn?: boolean;
}

function FigureList({ prefix, items }: { prefix: string; items: Item[] }) {
  return (
    <dl class="monev-figures" data-testid={prefix}>
      {items.map((f) => (
        <div key={f.key} class={`monev-figure-item${f.warn && (f.value ?? 0) > 0 ? ' monev-figure-warn' : ''}`} data-testid={`${prefix}-${f.key}`} data-value={f.value ?? ''}>
          <dt>{f.label}</dt>
          <dd>{f.text}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ClaimsBudget({ data }: { data: RegencyMonev }) {
  const { lang, t } = useI18n();
  const c = data.claims;
  const b = data.budget;
  const median = c.median_days_to_payment;
  return (
    <>
      <Panel id="monev-claims" title={t('monev.claims.title')}>
        <FigureList
          prefix="monev-claims"
          items={[
            { key: 'deaths', label: t('monev.claims.deaths'), text: formatNumber(c.deaths, lang), value: c.deaths },
            { key: 'cases', label: t('monev.claims.cases'), text: formatNumber(c.cases, lang), value: c.cases },
            { key: 'paid', label: t('monev.claims.paid'), text: formatNumber(c.paid_cases, lang), value: c.paid_cases },
            { key: 'amount', label: t('monev.claims.amount'), text: formatRupiah(c.amount_paid), value: c.amount_paid },
            {
              key: 'median',
              label: t('monev.claims.median'),
              text: median === null ? '–' : t('monev.claims.days', { days: formatNumber(median, lang) }),
              value: median,
            },
            { key: 'waiting', label: t('monev.claims.waiting'), text: formatNumber(c.waiting, lang), value: c.waiting },
            { key: 'overdue', label: t('monev.claims.overdue'), text: formatNumber(c.overdue, lang), value: c.overdue, warn: true },
          ]}
        />
        <p class="hint">
          <a href="/klaim/laporan">{t('monev.claims.report')}</a>
        </p>
      </Panel>
      <Panel id="monev-budget" title={t('monev.budget.title')} note={data.period ? t('monev.budget.note', { year: data.period.slice(0, 4) }) : undefined}>
        <FigureList
          prefix="monev-budget"
          items={[
            { key: 'budget', label: t('monev.budget.budget'), text: formatRupiah(b.budget), value: b.budget },
            { key: 'paid', label: t('monev.budget.paid'), text: formatRupiah(b.paid), value: b.paid },
            { key: 'absorption', label: t('monev.budget.absorption'), text: b.absorption === null ? '–' : formatShare(b.absorption, lang), value: b.absorption },
            { key: 'arrears-months', label: t('monev.budget.arrearsMonths'), text: formatNumber(b.arrears_months, lang), value: b.arrears_months, warn: true },
            { key: 'arrears-amount', label: t('monev.budget.arrearsAmount'), text: formatRupiah(b.arrears_amount), value: b.arrears_amount, warn: true },
          ]}
        />
      </Panel>
    </>
  );
}
