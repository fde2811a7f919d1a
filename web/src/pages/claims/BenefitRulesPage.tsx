// /klaim/cara-menghitung: how benefits are computed on a date (GET /api/v1/policy/benefit-rules
// ?date=, today by default or ?tanggal= from a case's breakdown): one section per rule code with
// its anchor (#rule-jkm.lump_sum), written with the version's own figures and its legal
// reference, in the UI's language; a rule whose figures the version marks uncertain says so.

import { useEffect } from 'preact/hooks';
import { DateField } from '../../components/DateField';
import { LoadState } from '../../components/State';
import { getBenefitRules } from '../../lib/claimsApi';
import { formatOptionalDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { todayInJakarta } from '../../lib/period';
import { navigate, useLocation } from '../../lib/router';
import { useLoad } from '../../lib/useLoad';
import { CLAIMS_PATH, RULES_PATH, ruleAnchor, rulesDateOf } from './logic';
import './claims.css';

export function BenefitRulesPage() {
  const { lang, t } = useI18n();
  const location = useLocation();
  const date = rulesDateOf(location.search) ?? todayInJakarta();
  const [load, reload] = useLoad((signal) => getBenefitRules(date, signal), [date], true);
  const data = load.state === 'ready' ? load.data : null;
  // A link to one rule lands on it once the rules are on the page.
  useEffect(() => {
    if (!data || !window.location.hash) return;
    document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView();
  }, [data]);
  return (
    <div class="claims claim-rules" data-testid="benefit-rules" data-date={data?.date ?? ''}>
      <p class="back">
        <a href={CLAIMS_PATH}>← {t('rules.back')}</a>
      </p>
      <header class="page-head">
        <h1>{t('rules.title')}</h1>
      </header>
      <p class="claims-intro">{t('rules.intro')}</p>
      <div class="claims-form-row">
        <DateField id="rules-date" legend={t('rules.date')} value={date} back={10} onChange={(next) => navigate(`${RULES_PATH}?tanggal=${next}`, { replace: true })} />
      </div>
      {load.state !== 'ready' && <LoadState load={load} onRetry={reload} />}
      {data && (
        <>
          <p class="hint" data-testid="rules-version">
            {t('rules.version', { date: formatOptionalDate(data.effective_from, lang), reference: data.legal_reference })}
          </p>
          {data.rules.length === 0 && <p class="muted">{t('rules.none')}</p>}
          <div class="claim-rule-list">
            {data.rules.map((r) => (
              <section key={r.code} id={ruleAnchor(r.code)} class={`panel claim-rule${r.uncertain ? ' claim-rule-uncertain' : ''}`} aria-labelledby={`${ruleAnchor(r.code)}-title`} data-testid="rule" data-code={r.code} data-uncertain={String(r.uncertain)}>
                <header class="panel-head">
                  <h2 id={`${ruleAnchor(r.code)}-title`}>{lang === 'en' ? r.title_en : r.title_id}</h2>
                  <code class="muted">{r.code}</code>
                </header>
                {r.uncertain && (
                  <p class="claims-uncertain" data-testid="rule-uncertain">
                    <strong>{t('rules.uncertain')}</strong>: {t('rules.uncertainHint')}
                  </p>
                )}
                <p class="claim-rule-text">{lang === 'en' ? r.text_en : r.text_id}</p>
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
