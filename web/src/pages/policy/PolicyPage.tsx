// /aturan: the rule versions (docs/policy.md). The versions in force on a chosen date (GET
// /api/v1/policy?date=; the date lives in the address, ?tanggal=2026-07-01), each with its family,
// effective range, legal reference, certainty, main figures in words and the whole version as
// JSON; "bawaan" while the built-in defaults are in force. For the province administrator
// (manage_policy), adding versions: from a policy file, or one version from a date with its
// rules prefilled from the version in force (AddVersions.tsx).

import { useCallback, useEffect, useState } from 'preact/hooks';
import { DateField } from '../../components/DateField';
import { ErrorState, Loading } from '../../components/State';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { todayInJakarta } from '../../lib/period';
import { getPolicy, type PolicyInForce, type PolicyVersion } from '../../lib/programsApi';
import { navigate, useLocation } from '../../lib/router';
import { AddVersions } from './AddVersions';
import { familyKey, rangeMessage, ruleFacts } from './logic';
import '../programs/programs.css';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: PolicyInForce };

const DATE_PARAM = 'tanggal';

function dateFromSearch(search: string): string {
  const value = new URLSearchParams(search).get(DATE_PARAM) ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : todayInJakarta();
}

export function PolicyPage({ permissions }: { permissions: readonly string[] }) {
  const { lang, t } = useI18n();
  const location = useLocation();
  const date = dateFromSearch(location.search);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const setDate = useCallback((next: string) => {
    const params = new URLSearchParams(window.location.search);
    params.set(DATE_PARAM, next);
    navigate(`${window.location.pathname}?${params.toString()}`, { replace: true });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setLoad((old) => (old.state === 'ready' ? old : { state: 'loading' }));
    getPolicy(date, controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [date, attempt]);

  const data = load.state === 'ready' ? load.data : null;
  return (
    <div class="policy-page" data-testid="policy-page" data-date={date}>
      <div class="page-head">
        <div>
          <h1>{t('policy.title')}</h1>
          <p class="programs-intro">{t('policy.intro')}</p>
        </div>
        <DateField id="policy-date" legend={t('policy.date')} value={date} onChange={setDate} back={10} />
      </div>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ErrorState error={load.error} onRetry={reload} />}
      {data && (
        <section aria-labelledby="policy-in-force" data-testid="policy-versions" data-builtin={String(data.builtin)}>
          <h2 id="policy-in-force" class="policy-in-force" data-testid="policy-in-force">
            {t('policy.inForce', { date: formatDate(data.date, lang) })}
          </h2>
          {data.builtin && (
            <p class="program-unavailable policy-builtin" data-testid="policy-builtin">
              <strong>{t('policy.builtinTitle')}.</strong> {t('policy.builtinNote')}
            </p>
          )}
          {data.versions.length === 0 ? (
            <p class="state">{t('policy.none')}</p>
          ) : (
            <div class="policy-grid">
              {data.versions.map((v) => (
                <VersionCard key={`${v.family}-${v.effective_from}`} version={v} builtin={data.builtin} />
              ))}
            </div>
          )}
        </section>
      )}
      {permissions.includes('manage_policy') ? (
        data && <AddVersions inForce={data} onAdded={reload} onShow={setDate} />
      ) : (
        <p class="hint" data-testid="policy-view-only">
          {t('policy.add.viewOnly')}
        </p>
      )}
    </div>
  );
}

function VersionCard({ version, builtin }: { version: PolicyVersion; builtin: boolean }) {
  const { lang, t } = useI18n();
  const name = familyKey(version.family);
  const range = rangeMessage(version, lang);
  const uncertain = version.certainty === 'uncertain';
  return (
    <article class="panel policy-version" data-testid="policy-version" data-family={version.family} aria-labelledby={`policy-${version.family}`}>
      <header class="policy-version-head">
        <h3 id={`policy-${version.family}`}>{name ? t(name) : version.family}</h3>
        {builtin && (
          <span class="program-tag policy-tag-builtin" data-testid="builtin-tag">
            {t('policy.tag.builtin')}
          </span>
        )}
      </header>
      <dl class="program-terms">
        <div class="field-row">
          <dt>{t('policy.range')}</dt>
          <dd data-testid="version-range">{t(range.key, range.params)}</dd>
        </div>
        <div class="field-row">
          <dt>{t('policy.legal')}</dt>
          <dd>{version.legal_reference}</dd>
        </div>
        <div class="field-row">
          <dt>{t('policy.certainty')}</dt>
          <dd>
            <span class={`policy-certainty policy-certainty-${uncertain ? 'uncertain' : 'confirmed'}`} data-testid="version-certainty">
              <span aria-hidden="true">{uncertain ? '? ' : '✓ '}</span>
              {t(uncertain ? 'policy.certainty.uncertain' : 'policy.certainty.confirmed')}
            </span>
          </dd>
        </div>
        {(version.uncertain_fields ?? []).length > 0 && (
          <div class="field-row">
            <dt>{t('policy.uncertainFields')}</dt>
            <dd>
              {(version.uncertain_fields ?? []).map((f, i) => (
                <span key={f}>
                  {i > 0 && ', '}
                  <code>{f}</code>
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      <h4 class="policy-rules-title">{t('policy.rules')}</h4>
      <ul class="policy-facts" data-testid="version-facts">
        {ruleFacts(version, lang).map((fact, i) => (
          <li key={i}>{t(fact.key, fact.params)}</li>
        ))}
      </ul>
      <details class="table-details">
        <summary>{t('policy.json')}</summary>
        <pre class="policy-json">{JSON.stringify(version.rules, null, 2)}</pre>
      </details>
    </article>
  );
}
