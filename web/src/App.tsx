// The application shell: header (product, regency, user and role, language, password, sign
// out), navigation, and the page of the current URL (lib/router.ts). Nobody signed in (GET
// /api/v1/session answers 401): the sign-in page. A session that must change its password sees
// only the password form. Navigation offers only what the session's permissions allow; pages
// still being built are listed as "segera" (soon).

import type { ComponentType } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorState, Loading } from './components/State';
import { ApiError, getSession, listRegencies, signOut, type Regency, type Session } from './lib/api';
import type { Lang } from './lib/format';
import { I18nContext, loadLang, saveLang, translate, useI18n, type I18n, type MessageKey } from './lib/i18n';
import { interceptLinks, matchRoute, useLocation, type Route } from './lib/router';
import { AuditPage } from './pages/AuditPage';
import { BenefitRulesPage } from './pages/claims/BenefitRulesPage';
import { ClaimPage } from './pages/claims/ClaimPage';
import { ClaimsPage } from './pages/claims/ClaimsPage';
import { ClaimsReportPage } from './pages/claims/ClaimsReportPage';
import { DashboardPage } from './pages/DashboardPage';
import { isProvinceWide, provinceOf } from './pages/monev/logic';
import { MonevPage } from './pages/monev/MonevPage';
import { ProvincePage } from './pages/monev/ProvincePage';
import { TargetsPage } from './pages/monev/TargetsPage';
import { PasswordPage } from './pages/PasswordPage';
import { PolicyPage } from './pages/policy/PolicyPage';
import { ProgramPage } from './pages/programs/ProgramPage';
import { ProgramsPage } from './pages/programs/ProgramsPage';
import { SignInPage } from './pages/SignInPage';
import { VervalPage } from './pages/verval/VervalPage';
import { WorkerPage } from './pages/worker/WorkerPage';
import { WorkersPage } from './pages/workers/WorkersPage';

// The import page is another engineer's; it joins the app as soon as its file exists (the glob
// is empty until then, and the nav item stays "segera").
type ImportPageComponent = ComponentType<{ regencyCode: string }>;
const importModules = import.meta.glob<{ ImportPage: ImportPageComponent }>('./pages/import/ImportPage.tsx', {
  eager: true,
});
const ImportPage: ImportPageComponent | undefined = Object.values(importModules)[0]?.ImportPage;

interface NavItem {
  key: MessageKey;
  route?: Route['name'];
  href?: string;
  permission?: string;
}

const NAV: NavItem[] = [
  { key: 'nav.dashboard', route: 'dashboard', href: '/', permission: 'view_dashboard' },
  { key: 'nav.workers', route: 'workers', href: '/pekerja', permission: 'view_workers' },
  ImportPage
    ? { key: 'nav.import', route: 'import', href: '/impor', permission: 'import' }
    : { key: 'nav.import', permission: 'import' },
  { key: 'nav.verval', route: 'verval', href: '/verval', permission: 'view_reports' },
  { key: 'nav.programs', route: 'programs', href: '/program', permission: 'view_dashboard' },
  { key: 'nav.claims', route: 'claims', href: '/klaim', permission: 'view_workers' },
  { key: 'nav.monev', route: 'monev', href: '/monev', permission: 'view_dashboard' },
  { key: 'nav.policy', route: 'policy', href: '/aturan', permission: 'view_dashboard' },
  { key: 'nav.audit', route: 'audit', href: '/audit', permission: 'view_audit' },
];

/** The permission a route needs (undefined: any signed-in session). */
const ROUTE_PERMISSION: Partial<Record<Route['name'], string>> = {
  dashboard: 'view_dashboard',
  workers: 'view_workers',
  worker: 'view_workers',
  import: 'import',
  verval: 'view_reports',
  programs: 'view_dashboard',
  program: 'view_dashboard',
  claims: 'view_workers',
  claim: 'view_workers',
  'claims-report': 'view_reports',
  monev: 'view_dashboard',
  'monev-province': 'view_dashboard',
  'monev-targets': 'manage_targets',
  policy: 'view_dashboard',
  audit: 'view_audit',
};

const ROUTE_TITLE: Record<Route['name'], MessageKey> = {
  dashboard: 'nav.dashboard',
  workers: 'nav.workers',
  worker: 'nav.workers',
  import: 'nav.import',
  verval: 'nav.verval',
  programs: 'nav.programs',
  program: 'nav.programs',
  claims: 'nav.claims',
  claim: 'nav.claims',
  'benefit-rules': 'rules.title',
  'claims-report': 'claim.report.title',
  monev: 'nav.monev',
  'monev-province': 'monev.tab.province',
  'monev-targets': 'monev.targets.title',
  policy: 'nav.policy',
  audit: 'nav.audit',
  password: 'password.title',
  'not-found': 'page.notFound',
};

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

  const location = useLocation();
  const route = useMemo(() => matchRoute(location.pathname), [location.pathname]);
  useEffect(() => interceptLinks(), []);

  useEffect(() => {
    saveLang(lang);
    document.title = `${t(ROUTE_TITLE[route.name])} · ${t('app.name')}`;
  }, [lang, t, route.name]);

  // After moving to another page, focus goes to the main area (as after a page load), so that
  // keyboard and screen-reader users start at the new content; filter changes keep focus.
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (location.pathname === firstPath.current) return;
    firstPath.current = '';
    mainRef.current?.focus();
    window.scrollTo(0, 0);
  }, [location.pathname]);

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
  const mustChange = session?.must_change_password === true;
  const permissions = session?.permissions ?? [];
  const allowed = (permission?: string) => !permission || permissions.includes(permission);

  const leave = useCallback(() => {
    signOut()
      .catch(() => undefined) // the cookie is cleared or the session ended already
      .finally(() => {
        setAuth({ state: 'signed-out' });
      });
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

  // A link that names a regency (the province page's links to a regency's monev page) chooses it.
  const linked = new URLSearchParams(location.search).get(REGENCY_PARAM);
  useEffect(() => {
    if (linked) setSelected(linked);
  }, [linked]);

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
                {!mustChange && (
                  <p class="user-password">
                    <a href="/kata-sandi" data-testid="change-password">
                      {t('user.changePassword')}
                    </a>
                  </p>
                )}
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
        {session && !mustChange && (
          <nav class="site-nav" aria-label={t('nav.label')}>
            <ul>
              {NAV.filter((item) => allowed(item.permission) || !item.href).map((item) => {
                if (!item.href) {
                  return (
                    <li key={item.key}>
                      <span class="nav-soon" aria-disabled="true">
                        {t(item.key)} <span class="badge">{t('nav.soon')}</span>
                      </span>
                    </li>
                  );
                }
                // A province-wide role's Monev opens on its province.
                const href = item.route === 'monev' && isProvinceWide(session.roles) ? '/monev/provinsi' : item.href;
                const active =
                  item.route === route.name ||
                  (item.route === 'monev' && (route.name === 'monev-province' || route.name === 'monev-targets')) ||
                  (item.route === 'workers' && route.name === 'worker') ||
                  (item.route === 'programs' && route.name === 'program') ||
                  (item.route === 'claims' && (route.name === 'claim' || route.name === 'benefit-rules' || route.name === 'claims-report'));
                return (
                  <li key={item.key}>
                    <a
                      href={href}
                      aria-current={active ? 'page' : undefined}
                      data-testid={`nav-${item.route}`}
                    >
                      {t(item.key)}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" class="site-main" tabIndex={-1} ref={mainRef}>
        {auth.state === 'checking' && <Loading />}
        {auth.state === 'error' && (
          <ErrorState error={auth.error} onRetry={() => setAuthAttempt((n) => n + 1)} />
        )}
        {auth.state === 'signed-out' && (
          <SignInPage
            onSignedIn={(signedIn) => {
              setAuth({ state: 'signed-in', session: signedIn });
            }}
          />
        )}
        {session && mustChange && (
          <PasswordPage
            forced
            onChanged={() => {
              setAuth({ state: 'signed-in', session: { ...session, must_change_password: false } });
            }}
          />
        )}
        {session && !mustChange && route.name === 'password' && <PasswordPage forced={false} onChanged={() => undefined} />}
        {session && !mustChange && route.name !== 'password' && (
          <>
            {regencies.state === 'loading' && <Loading />}
            {regencies.state === 'error' && (
              <ErrorState error={regencies.error} onRetry={() => setAttempt((n) => n + 1)} />
            )}
            {regencies.state === 'ready' && !current && (
              <div class="state" data-testid="empty">
                {t('regency.none')}
              </div>
            )}
            {current && session && <Page route={route} regency={current} regencies={items} session={session} />}
          </>
        )}
      </main>

      <footer class="site-footer">
        <p>{t('footer.note')}</p>
      </footer>
    </I18nContext.Provider>
  );
}

function Page({ route, regency, regencies, session }: { route: Route; regency: Regency; regencies: readonly Regency[]; session: Session }) {
  const { t } = useI18n();
  const regencyCode = regency.code;
  const permissions = session.permissions;
  const needed = ROUTE_PERMISSION[route.name];
  if (route.name === 'not-found' || (route.name === 'import' && !ImportPage)) {
    return <Notice testid="not-found" text={t('page.notFound')} />;
  }
  if (needed && !permissions.includes(needed)) return <Notice testid="forbidden" text={t('page.forbidden')} />;
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage regencyCode={regencyCode} />;
    case 'workers':
      return <WorkersPage regencyCode={regencyCode} permissions={permissions} />;
    case 'worker':
      return <WorkerPage regencyCode={regencyCode} id={route.id} />;
    case 'import':
      return ImportPage ? <ImportPage regencyCode={regencyCode} /> : null;
    case 'verval':
      return <VervalPage regencyCode={regencyCode} permissions={permissions} defaultPeriod={regency.demo_period} />;
    case 'programs':
      return <ProgramsPage regencyCode={regencyCode} permissions={permissions} />;
    case 'program':
      return <ProgramPage regencyCode={regencyCode} id={route.id} section={route.section} permissions={permissions} />;
    case 'claims':
      return <ClaimsPage regencyCode={regencyCode} permissions={permissions} />;
    case 'claim':
      return <ClaimPage regencyCode={regencyCode} id={route.id} permissions={permissions} />;
    case 'benefit-rules':
      return <BenefitRulesPage />;
    case 'claims-report':
      return <ClaimsReportPage regencyCode={regencyCode} />;
    case 'monev':
      return <MonevPage regencyCode={regencyCode} permissions={permissions} />;
    case 'monev-province':
      return <ProvincePage provinceCode={provinceOf(session.roles, regencyCode)} regencies={regencies} permissions={permissions} />;
    case 'monev-targets':
      return <TargetsPage regencyCode={regencyCode} roles={session.roles} permissions={permissions} />;
    case 'policy':
      return <PolicyPage permissions={permissions} />;
    case 'audit':
      return <AuditPage regencyCode={regencyCode} />;
    default:
      return null;
  }
}

function Notice({ testid, text }: { testid: string; text: string }) {
  const { t } = useI18n();
  return (
    <section class="state" data-testid={testid} aria-labelledby={`${testid}-title`}>
      <h1 id={`${testid}-title`} class="state-title">
        {text}
      </h1>
      <a href="/">{t('page.home')}</a>
    </section>
  );
}
