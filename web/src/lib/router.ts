// A small client-side router on the History API: the pages the app knows (`matchRoute`), a
// `navigate` that pushes or replaces a history entry, a hook that re-renders on every change,
// and one document-level click handler that turns plain clicks on same-origin links into
// `navigate` calls (so every page can use ordinary <a href> and keep "open in new tab",
// middle click and keyboard activation for free). No dependency: the app has few routes.

import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'dashboard' }
  | { name: 'workers' }
  | { name: 'worker'; id: number }
  | { name: 'import' }
  | { name: 'verval' }
  | { name: 'programs' }
  | { name: 'program'; id: number; section: ProgramSection }
  | { name: 'claims' }
  | { name: 'claim'; id: number }
  | { name: 'benefit-rules' }
  | { name: 'claims-report' }
  | { name: 'monev' }
  | { name: 'monev-province' }
  | { name: 'monev-targets' }
  | { name: 'policy' }
  | { name: 'audit' }
  | { name: 'password' }
  | { name: 'not-found'; path: string };

/**
 * The parts of one program's page: its overview, its enrolment, who its rules leave out, its
 * monthly bills, their reconciliation with the BPJS invoice, payments and arrears, and cards.
 */
export type ProgramSection = 'overview' | 'enrolment' | 'ineligible' | 'bills' | 'reconciliation' | 'payments' | 'cards';
const PROGRAM_SECTION_PATHS: Record<ProgramSection, string> = {
  overview: '',
  enrolment: '/kepesertaan',
  ineligible: '/tidak-memenuhi-syarat',
  bills: '/tagihan',
  reconciliation: '/rekonsiliasi',
  payments: '/pembayaran',
  cards: '/kartu',
};

/** The route of a path ("/pekerja/12" -> worker 12); trailing slashes are ignored. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { name: 'dashboard' };
  if (path === '/pekerja') return { name: 'workers' };
  const worker = /^\/pekerja\/(\d{1,15})$/.exec(path);
  if (worker) return { name: 'worker', id: Number(worker[1]) };
  if (path === '/impor') return { name: 'import' };
  if (path === '/verval') return { name: 'verval' };
  if (path === '/program') return { name: 'programs' };
  const program = /^\/program\/(\d{1,15})(\/[a-z-]+)?$/.exec(path);
  if (program) {
    const section = (Object.keys(PROGRAM_SECTION_PATHS) as ProgramSection[]).find((s) => PROGRAM_SECTION_PATHS[s] === (program[2] ?? ''));
    if (section) return { name: 'program', id: Number(program[1]), section };
  }
  if (path === '/klaim') return { name: 'claims' };
  if (path === '/klaim/cara-menghitung') return { name: 'benefit-rules' };
  if (path === '/klaim/laporan') return { name: 'claims-report' };
  const claim = /^\/klaim\/(\d{1,15})$/.exec(path);
  if (claim) return { name: 'claim', id: Number(claim[1]) };
  if (path === '/monev') return { name: 'monev' };
  if (path === '/monev/provinsi') return { name: 'monev-province' };
  if (path === '/monev/target') return { name: 'monev-targets' };
  if (path === '/aturan') return { name: 'policy' };
  if (path === '/audit') return { name: 'audit' };
  if (path === '/kata-sandi') return { name: 'password' };
  return { name: 'not-found', path };
}

/** The path of a route: the inverse of matchRoute. */
export function routePath(route: Route): string {
  switch (route.name) {
    case 'dashboard':
      return '/';
    case 'workers':
      return '/pekerja';
    case 'worker':
      return `/pekerja/${route.id}`;
    case 'import':
      return '/impor';
    case 'verval':
      return '/verval';
    case 'programs':
      return '/program';
    case 'program':
      return `/program/${route.id}${PROGRAM_SECTION_PATHS[route.section]}`;
    case 'claims':
      return '/klaim';
    case 'claim':
      return `/klaim/${route.id}`;
    case 'benefit-rules':
      return '/klaim/cara-menghitung';
    case 'claims-report':
      return '/klaim/laporan';
    case 'monev':
      return '/monev';
    case 'monev-province':
      return '/monev/provinsi';
    case 'monev-targets':
      return '/monev/target';
    case 'policy':
      return '/aturan';
    case 'audit':
      return '/audit';
    case 'password':
      return '/kata-sandi';
    case 'not-found':
      return route.path;
  }
}

// Fired on window after pushState/replaceState (which, unlike back/forward, fire no event).
const CHANGE_EVENT = 'jaring:navigate';

export interface Location {
  pathname: string;
  search: string;
}

function currentLocation(): Location {
  return { pathname: window.location.pathname, search: window.location.search };
}

/** Goes to `to` (path plus optional query) without reloading; `replace` keeps history short. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const next = url.pathname + url.search + url.hash;
  const here = window.location.pathname + window.location.search + window.location.hash;
  if (next === here) return;
  if (options.replace) window.history.replaceState(null, '', next);
  else window.history.pushState(null, '', next);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** The current location; the component re-renders on navigate() and on back/forward. */
export function useLocation(): Location {
  const [location, setLocation] = useState<Location>(currentLocation);
  useEffect(() => {
    const update = () =>
      setLocation((old) => {
        const now = currentLocation();
        return old.pathname === now.pathname && old.search === now.search ? old : now;
      });
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE_EVENT, update);
    };
  }, []);
  return location;
}

/** What of a click decides whether the router may take it over. */
export interface ClickFacts {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  /** The link's attributes; null when the click was not on (or inside) an <a href>. */
  link: { href: string; target: string; download: boolean; rel: string } | null;
}

/**
 * The same-origin path to navigate to for this click, or null when the browser should handle it:
 * modified or non-primary clicks (new tab/window), target=_blank, downloads, rel=external, other
 * origins, other schemes (mailto:), and API paths (exports are real downloads).
 */
export function interceptedPath(click: ClickFacts, origin: string): string | null {
  const { link } = click;
  if (!link || click.defaultPrevented || click.button !== 0) return null;
  if (click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return null;
  if ((link.target && link.target !== '_self') || link.download) return null;
  if (link.rel.split(/\s+/).includes('external')) return null;
  let url: URL;
  try {
    url = new URL(link.href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (url.pathname.startsWith('/api/')) return null;
  return url.pathname + url.search + url.hash;
}

/** Installs the document-level link interception; returns its removal. */
export function interceptLinks(): () => void {
  const onClick = (event: MouseEvent) => {
    const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    const path = interceptedPath(
      {
        button: event.button,
        metaKey: event.metaKey,
        ctrlKey: event.ctrlKey,
        shiftKey: event.shiftKey,
        altKey: event.altKey,
        defaultPrevented: event.defaultPrevented,
        link: anchor
          ? {
              href: anchor.href,
              target: anchor.getAttribute('target') ?? '',
              download: anchor.hasAttribute('download'),
              rel: anchor.getAttribute('rel') ?? '',
            }
          : null,
      },
      window.location.origin,
    );
    if (path === null) return;
    event.preventDefault();
    navigate(path);
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
}

/** A query string from entries, leaving out empty values: {q:"x", page:""} -> "?q=x". */
export function buildQuery(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
