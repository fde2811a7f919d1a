// The application shell: header (product, regency, language), navigation, main area.
// Only pages that exist are links; the ones still being built are listed as "segera" (soon).

import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorState, Loading } from './components/State';
import { listRegencies, type Regency } from './lib/api';
import type { Lang } from './lib/format';
import { I18nContext, loadLang, saveLang, translate, type I18n, type MessageKey } from './lib/i18n';
import { DashboardPage } from './pages/DashboardPage';

const NAV: { key: MessageKey; href?: string }[] = [
  { key: 'nav.dashboard', href: '/' },
  { key: 'nav.workers' },
  { key: 'nav.import' },
  { key: 'nav.verval' },
  { key: 'nav.programs' },
  { key: 'nav.claims' },
  { key: 'nav.reports' },
];

const REGENCY_PARAM = 'kabupaten';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; items: Regency[] };

export function App() {
  const [lang, setLang] = useState<Lang>(loadLang);
  const i18n = useMemo<I18n>(
    () => ({ lang, t: (key, params) => translate(lang, key, params) }),
    [lang],
  );
  const { t } = i18n;

  useEffect(() => {
    saveLang(lang);
    document.title = `${t('nav.dashboard')} · ${t('app.name')}`;
  }, [lang, t]);

  const [regencies, setRegencies] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<string | null>(
    () => new URLSearchParams(window.location.search).get(REGENCY_PARAM),
  );

  useEffect(() => {
    const controller = new AbortController();
    setRegencies({ state: 'loading' });
    listRegencies(controller.signal)
      .then((items) => setRegencies({ state: 'ready', items }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setRegencies({ state: 'error', error });
      });
    return () => controller.abort();
  }, [attempt]);

  const items = regencies.state === 'ready' ? regencies.items : [];
  const current = items.find((r) => r.code === selected) ?? items[0];

  const choose = useCallback((code: string) => {
    setSelected(code);
    const url = new URL(window.location.href);
    url.searchParams.set(REGENCY_PARAM, code);
    window.history.replaceState(null, '', url);
  }, []);

  const otherLang: Lang = lang === 'id' ? 'en' : 'id';

  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="site-header">
        <div class="site-header-inner">
          <div class="brand">
            <span class="brand-mark" aria-hidden="true" />
            <div>
              <p class="brand-name">{t('app.name')}</p>
              <p class="brand-tagline">{t('app.tagline')}</p>
            </div>
          </div>
          <div class="header-tools">
            {current && items.length === 1 && (
              <p class="regency-name" data-testid="regency-name">
                {current.name}
              </p>
            )}
            {items.length > 1 && current && (
              <label class="regency-select">
                <span>{t('regency.label')}</span>
                <select
                  value={current.code}
                  data-testid="regency-select"
                  onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value)}
                >
                  {items.map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button
              type="button"
              class="lang-switch"
              data-testid="lang-switch"
              lang={otherLang}
              aria-label={t('lang.switchToLabel')}
              onClick={() => setLang(otherLang)}
            >
              {t('lang.switchTo')}
            </button>
          </div>
        </div>
        <nav class="site-nav" aria-label={t('nav.label')}>
          <ul>
            {NAV.map((item) =>
              item.href ? (
                <li key={item.key}>
                  <a href={item.href} aria-current="page">
                    {t(item.key)}
                  </a>
                </li>
              ) : (
                <li key={item.key}>
                  <span class="nav-soon" aria-disabled="true">
                    {t(item.key)} <span class="badge">{t('nav.soon')}</span>
                  </span>
                </li>
              ),
            )}
          </ul>
        </nav>
      </header>
      <main id="main" class="site-main" tabIndex={-1}>
        {regencies.state === 'loading' && <Loading />}
        {regencies.state === 'error' && (
          <ErrorState error={regencies.error} onRetry={() => setAttempt((n) => n + 1)} />
        )}
        {regencies.state === 'ready' && !current && (
          <div class="state" data-testid="empty">
            {t('regency.none')}
          </div>
        )}
        {current && <DashboardPage regencyCode={current.code} />}
      </main>
      <footer class="site-footer">
        <p>{t('footer.note')}</p>
      </footer>
    </I18nContext.Provider>
  );
}
