// The application shell: header (product, regency, user and role, language, sign out),
// navigation, main area. Nobody signed in (GET /api/v1/session answers 401): the sign-in page.
// Only pages that exist are links; the ones still being built are listed as "segera" (soon).

import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorState, Loading } from './components/State';
import { ApiError, getSession, listRegencies, signOut, type Regency, type Session } from './lib/api';
import type { Lang } from './lib/format';
import { I18nContext, loadLang, saveLang, translate, type I18n, type MessageKey } from './lib/i18n';
import { DashboardPage } from './pages/DashboardPage';
import { SignInPage } from './pages/SignInPage';

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

type Auth =
  | { state: 'checking' }
  | { state: 'error'; error: unknown }
  | { state: 'signed-out' }
  | { state: 'signed-in'; session: Session };

const isUnauthenticated = (error: unknown) => error instanceof ApiError && error.status === 401;

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

  const [auth, setAuth] = useState<Auth>({ state: 'checking' });
  const [authAttempt, setAuthAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    getSession(controller.signal)
      .then((session) => setAuth({ state: 'signed-in', session }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setAuth(isUnauthenticated(error) ? { state: 'signed-out' } : { state: 'error', error });
      });
    return () => controller.abort();
  }, [authAttempt]);
  const session = auth.state === 'signed-in' ? auth.session : null;

  const leave = useCallback(() => {
    signOut()
      .catch(() => undefined) // the cookie is cleared or the session ended already
      .finally(() => setAuth({ state: 'signed-out' }));
  }, []);

  const [regencies, setRegencies] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<string | null>(
    () => new URLSearchParams(window.location.search).get(REGENCY_PARAM),
  );

  useEffect(() => {
    if (!session) return undefined;
    const controller = new AbortController();
    setRegencies({ state: 'loading' });
    listRegencies(controller.signal)
      .then((items) => setRegencies({ state: 'ready', items }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        // The session ended (idle or absolute timeout): back to the sign-in page.
        if (isUnauthenticated(error)) setAuth({ state: 'signed-out' });
        else setRegencies({ state: 'error', error });
      });
    return () => controller.abort();
  }, [attempt, session]);

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
            {session && current && items.length === 1 && (
              <p class="regency-name" data-testid="regency-name">
                {current.name}
              </p>
            )}
            {session && items.length > 1 && current && (
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
            {session && (
              <div class="user-box" data-testid="user">
                <p class="user-name">
                  <span class="visually-hidden">{t('user.label')}: </span>
                  <span data-testid="user-name">{session.user.username}</span>
                </p>
                <p class="user-role" data-testid="user-role">
                  {session.roles.map((r) => `${r.name} · ${r.scope_name || r.scope}`).join(', ')}
                </p>
              </div>
            )}
            {session && (
              <button type="button" class="button button-quiet" data-testid="sign-out" onClick={leave}>
                {t('user.signOut')}
              </button>
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
        {session && (
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
        )}
      </header>
      <main id="main" class="site-main" tabIndex={-1}>
        {auth.state === 'checking' && <Loading />}
        {auth.state === 'error' && (
          <ErrorState error={auth.error} onRetry={() => setAuthAttempt((n) => n + 1)} />
        )}
        {auth.state === 'signed-out' && (
          <SignInPage onSignedIn={(signedIn) => setAuth({ state: 'signed-in', session: signedIn })} />
        )}
        {session && regencies.state === 'loading' && <Loading />}
        {session && regencies.state === 'error' && (
          <ErrorState error={regencies.error} onRetry={() => setAttempt((n) => n + 1)} />
        )}
        {session && regencies.state === 'ready' && !current && (
          <div class="state" data-testid="empty">
            {t('regency.none')}
          </div>
        )}
        {session && current && <DashboardPage regencyCode={current.code} />}
      </main>

      <footer class="site-footer">
        <p>{t('footer.note')}</p>
      </footer>
    </I18nContext.Provider>
  );
}
