// The month's open problems, near the top where a meeting starts: months not settled since the
// first settled one (each linked to its Verval month), overdue claims (the claims list filtered to
// them) and months billed but not paid in full (the programs). Nothing open: said in one line.

import { formatMonth, formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { RegencyMonev } from '../../lib/monevApi';
import { openProblems } from './logic';

export function OpenProblems({ data }: { data: RegencyMonev }) {
  const { lang, t } = useI18n();
  const problems = openProblems(data);
  return (
    <section class={`panel monev-problems${problems.length ? ' monev-problems-open' : ''}`} aria-labelledby="monev-problems-title" data-testid="monev-problems">
      <header class="panel-head">
        <h2 id="monev-problems-title">{t('monev.problems.title')}</h2>
      </header>
      {problems.length === 0 ? (
        <p class="notice" data-testid="monev-problems-none">
          {t('monev.problems.none')}
        </p>
      ) : (
        <ul class="monev-problem-list">
          {problems.map((p) => (
            <li key={p.key} data-testid={`monev-problem-${p.key}`} data-value={p.count}>
              {p.key === 'unsettled' && (
                <>
                  {t('monev.problems.unsettled', { count: formatNumber(p.count, lang) })}{' '}
                  {data.unsettled_months.map((m, i) => (
                    <span key={m}>
                      {i > 0 && ', '}
                      <a href={`/verval?periode=${m}`} data-testid="monev-unsettled-month" data-period={m}>
                        {formatMonth(m, lang)}
                      </a>
                    </span>
                  ))}
                </>
              )}
              {p.key === 'overdue' && (
                <a href="/klaim?terlambat=1">{t('monev.problems.overdue', { count: formatNumber(p.count, lang) })}</a>
              )}
              {p.key === 'arrears' && (
                <a href="/program">
                  {t('monev.problems.arrears', { count: formatNumber(p.count, lang), amount: formatRupiah(data.budget.arrears_amount) })}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
