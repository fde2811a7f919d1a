import { describe, expect, it } from 'vitest';
import { buildQuery, interceptedPath, matchRoute, routePath, type ClickFacts, type Route } from './router';

describe('matchRoute', () => {
  it.each<[string, Route]>([
    ['/', { name: 'dashboard' }],
    ['', { name: 'dashboard' }],
    ['/pekerja', { name: 'workers' }],
    ['/pekerja/', { name: 'workers' }],
    ['/pekerja/12', { name: 'worker', id: 12 }],
    ['/pekerja/12/', { name: 'worker', id: 12 }],
    ['/impor', { name: 'import' }],
    ['/verval', { name: 'verval' }],
    ['/verval/', { name: 'verval' }],
    ['/program', { name: 'programs' }],
    ['/program/3', { name: 'program', id: 3, section: 'overview' }],
    ['/program/3/', { name: 'program', id: 3, section: 'overview' }],
    ['/program/3/kepesertaan', { name: 'program', id: 3, section: 'enrolment' }],
    ['/program/3/tidak-memenuhi-syarat/', { name: 'program', id: 3, section: 'ineligible' }],
    ['/program/3/tagihan', { name: 'program', id: 3, section: 'bills' }],
    ['/program/3/rekonsiliasi', { name: 'program', id: 3, section: 'reconciliation' }],
    ['/program/3/pembayaran', { name: 'program', id: 3, section: 'payments' }],
    ['/program/3/kartu', { name: 'program', id: 3, section: 'cards' }],
    ['/program/3/anggaran', { name: 'not-found', path: '/program/3/anggaran' }],
    ['/program/x', { name: 'not-found', path: '/program/x' }],
    ['/klaim', { name: 'claims' }],
    ['/klaim/5', { name: 'claim', id: 5 }],
    ['/klaim/cara-menghitung/', { name: 'benefit-rules' }],
    ['/klaim/laporan', { name: 'claims-report' }],
    ['/klaim/x', { name: 'not-found', path: '/klaim/x' }],
    ['/monev', { name: 'monev' }],
    ['/monev/', { name: 'monev' }],
    ['/monev/provinsi', { name: 'monev-province' }],
    ['/monev/target', { name: 'monev-targets' }],
    ['/monev/x', { name: 'not-found', path: '/monev/x' }],
    ['/aturan', { name: 'policy' }],
    ['/audit', { name: 'audit' }],
    ['/kata-sandi', { name: 'password' }],
    ['/pekerja/abc', { name: 'not-found', path: '/pekerja/abc' }],
    ['/pekerja/-1', { name: 'not-found', path: '/pekerja/-1' }],
    ['/pekerja/1/2', { name: 'not-found', path: '/pekerja/1/2' }],
    ['/workers', { name: 'not-found', path: '/workers' }],
  ])('%s', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it('is the inverse of routePath', () => {
    const routes: Route[] = [
      { name: 'dashboard' },
      { name: 'workers' },
      { name: 'worker', id: 7 },
      { name: 'import' },
      { name: 'verval' },
      { name: 'programs' },
      { name: 'program', id: 4, section: 'overview' },
      { name: 'program', id: 4, section: 'enrolment' },
      { name: 'program', id: 4, section: 'ineligible' },
      { name: 'claims' },
      { name: 'claim', id: 9 },
      { name: 'benefit-rules' },
      { name: 'claims-report' },
      { name: 'monev' },
      { name: 'monev-province' },
      { name: 'monev-targets' },
      { name: 'policy' },
      { name: 'audit' },
      { name: 'password' },
    ];
    for (const route of routes) expect(matchRoute(routePath(route))).toEqual(route);
  });
});

describe('interceptedPath', () => {
  const origin = 'http://127.0.0.1:8080';
  const plain: ClickFacts = {
    button: 0,
    metaKey: false,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    defaultPrevented: false,
    link: { href: `${origin}/pekerja?status=aktif#top`, target: '', download: false, rel: '' },
  };
  const withLink = (link: Partial<NonNullable<ClickFacts['link']>>): ClickFacts => ({
    ...plain,
    link: { ...plain.link!, ...link },
  });

  it('takes a plain click on a same-origin link, keeping query and hash', () => {
    expect(interceptedPath(plain, origin)).toBe('/pekerja?status=aktif#top');
  });

  it('resolves relative links against the origin', () => {
    expect(interceptedPath(withLink({ href: '/audit' }), origin)).toBe('/audit');
  });

  it.each<[string, ClickFacts]>([
    ['not on a link', { ...plain, link: null }],
    ['middle button', { ...plain, button: 1 }],
    ['ctrl (new tab)', { ...plain, ctrlKey: true }],
    ['meta (new tab on macOS)', { ...plain, metaKey: true }],
    ['shift (new window)', { ...plain, shiftKey: true }],
    ['alt (download)', { ...plain, altKey: true }],
    ['already handled', { ...plain, defaultPrevented: true }],
    ['target _blank', withLink({ target: '_blank' })],
    ['download attribute', withLink({ download: true })],
    ['rel external', withLink({ rel: 'noopener external' })],
    ['another origin', withLink({ href: 'https://bpjsketenagakerjaan.go.id/' })],
    ['mailto', withLink({ href: 'mailto:admin@example.org' })],
    ['API download', withLink({ href: `${origin}/api/v1/regencies/35.14/workers/export?format=csv` })],
  ])('leaves %s to the browser', (_name, click) => {
    expect(interceptedPath(click, origin)).toBeNull();
  });

  it('takes target=_self', () => {
    expect(interceptedPath(withLink({ target: '_self' }), origin)).toBe('/pekerja?status=aktif#top');
  });
});

describe('buildQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildQuery({ q: 'Siti Aminah', page: 2, status: '', sex: null, x: undefined })).toBe(
      '?q=Siti+Aminah&page=2',
    );
  });

  it('is empty without values', () => {
    expect(buildQuery({ q: '' })).toBe('');
  });
});
