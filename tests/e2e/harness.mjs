// What a browser test of jaring needs around the page under test: a fresh database on either
// engine and queries against it (the sqlite3 CLI or psql), `jaring serve --demo` on it, Debian's
// Chromium, a page that records console errors, the sign-in, axe, the overflow check, an API
// session for what a test prepares, and a reader of the .xlsx files the server writes. Written
// out of verval.test.mjs's helpers so that browser tests share one copy (every test file but
// verval.test.mjs uses it).
//
// Reading the page: the tests run two at a time beside other tests, so a read made once, right
// after an action, sees whatever the page has drawn by then. Before count(), textContent(),
// inputValue(), document.activeElement and the like, wait for the state the read is about: an
// element that only the new data draws (a table's testid, a data-* attribute naming the filter,
// kind or period the data answers), a waitForFunction on the value (focus moved in an effect, a
// requestAnimationFrame or a setTimeout lands a frame or more after what it follows). Lists that
// keep their old rows while they read again (useLoad's `keep`) say which rows they show only
// through such attributes. Never a fixed sleep.
//
// Environment: JARING_BIN (default <repo>/build/src/app/jaring), JARING_TEST_OUTPUT (default
// <repo>/test-output), CHROMIUM (default /usr/bin/chromium), JARING_TEST_PG (a PostgreSQL URL:
// scripts/with-postgres.sh), JARING_REQUIRE_PG=1 (its absence is a failure).

import AxeBuilder from '@axe-core/playwright';
import { chromium, request } from 'playwright-core';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const jaringBin = path.resolve(process.env.JARING_BIN || path.join(repo, 'build/src/app/jaring'));
export const outputDir = process.env.JARING_TEST_OUTPUT || path.join(repo, 'test-output');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const pgServer = process.env.JARING_TEST_PG || '';
export const requirePg = process.env.JARING_REQUIRE_PG === '1';
/** Why the PostgreSQL variant is skipped, or false when it runs. */
export const pgSkip = !pgServer && !requirePg ? 'JARING_TEST_PG is unset (run under scripts/with-postgres.sh)' : false;
const START_TIMEOUT_MS = 180_000;

/** Checks the binary and the browser, builds the web app when its sources changed. */
export function prepare() {
  assert.ok(fs.existsSync(jaringBin), `server binary not found: ${jaringBin} (set JARING_BIN)`);
  assert.ok(fs.existsSync(chromiumPath), `Chromium not found: ${chromiumPath} (scripts/setup.sh installs it)`);
  execFileSync(path.join(repo, 'scripts/build-web.sh'), { cwd: repo, stdio: 'inherit' });
  assert.ok(fs.existsSync(path.join(repo, 'web/dist/index.html')), 'web/dist was not built');
  fs.mkdirSync(outputDir, { recursive: true });
}

/** The engines a scenario runs on, PostgreSQL skipped as pgSkip says. */
export const ENGINES = [
  { engine: 'sqlite', name: 'SQLite', skip: false },
  { engine: 'postgresql', name: 'PostgreSQL', skip: pgSkip },
];

/** "28.448" -> 28448 (the pages write whole numbers the Indonesian way). */
export function parseIdNumber(text) {
  const digits = text.trim().replace(/\./g, '');
  assert.match(digits, /^\d+$/, `not an Indonesian whole number: ${JSON.stringify(text)}`);
  return Number(digits);
}

/** "Rp 2.800.000.000" as the pages write it (a no-break space after "Rp"). */
export const rp = (rupiah) => `Rp\u00a0${rupiah.toLocaleString('id-ID')}`;

/**
 * A locator's innerText (cells and blocks apart), with runs of ordinary white space as one space;
 * the no-break space after "Rp" stays.
 */
export const textOf = async (locator) => (await locator.innerText()).replace(/[ \t\r\n]+/g, ' ').trim();

/** A screenshot's path: `name.png` on SQLite, `name-postgresql.png` on PostgreSQL. */
export function shotPath(engine, name) {
  return path.join(outputDir, engine === 'sqlite' ? `${name}.png` : `${name}-${engine}.png`);
}

/** Runs `statement` with psql, without its notices ("drop cascades to table …" for every table). */
function psql(url, statement) {
  execFileSync('psql', [url, '-X', '-v', 'ON_ERROR_STOP=1', '-q', '-c', `SET client_min_messages = warning; ${statement}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * A fresh database for one engine (`tag` names its file or schema): {engine, url, drop} (drop
 * removes it); `sql` queries it.
 */
export function freshDatabase(engine, tmp, tag) {
  if (engine === 'sqlite') {
    const file = path.join(tmp, `${tag}.db`);
    return { engine, url: `sqlite:${file}`, file, drop: () => undefined };
  }
  assert.ok(pgServer, 'JARING_REQUIRE_PG=1 but JARING_TEST_PG is unset');
  const schema = `e2e_${tag}_${process.pid}`;
  psql(pgServer, `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const separator = pgServer.includes('?') ? '&' : '?';
  return {
    engine,
    url: `${pgServer}${separator}options=-csearch_path%3D${schema}&application_name=${schema}`,
    drop: () => psql(pgServer, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

/**
 * The rows of `query` against a freshDatabase, as arrays of texts (NULL as ''), read the way an
 * administrator would: the sqlite3 CLI on SQLite, psql on PostgreSQL. The query must be valid on
 * both engines; a '|' or a line break inside a value would split it.
 */
export function sql(db, query) {
  const out =
    db.engine === 'sqlite'
      ? execFileSync('sqlite3', ['-cmd', '.timeout 10000', '-separator', '|', db.file, query], { encoding: 'utf8' })
      : execFileSync('psql', [db.url, '-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('|'));
}

/** The single number `query` answers (a count). */
export const sqlNumber = (db, query) => Number(sql(db, query)[0][0]);

/**
 * Starts `jaring serve --demo` on `dbUrl`; resolves with {url, password, stop, log}. `stop` sends
 * SIGTERM (SIGKILL after 10 s) and resolves with how the server ended: {code, signal}.
 */
export function startServer(dbUrl, cwd) {
  const server = spawn(jaringBin, ['serve', '--port', '0', '--db', dbUrl, '--demo', '--web', path.join(repo, 'web/dist')], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let password;
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  server.stderr.on('data', (chunk) => (log += chunk));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    const ended = await exited;
    clearTimeout(timer);
    return ended;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "jaring: serving" line within ${START_TIMEOUT_MS} ms\n${log}`)), START_TIMEOUT_MS);
    readline.createInterface({ input: server.stdout }).on('line', (line) => {
      log += `${line}\n`;
      const p = /^jaring: {3}password \(all demo accounts\): (\S+)$/.exec(line);
      if (p) password = p[1];
      const match = /^jaring: serving (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1].replace(/\/$/, ''), password, stop, log: () => log });
      }
    });
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal})\n${log}`));
    });
  });
}

/**
 * For each of ENGINES, a suite `title on SQLite|PostgreSQL` around one server: before its tests a
 * fresh database (`tag`) and `jaring serve --demo` on it; `body(run)` then adds its own hooks and
 * tests, which find {engine, db, server} in `run` (filled by the time the first hook of `body`
 * runs) and name their screenshots with `run.shot(name)`; last, a test that the server stops
 * cleanly on SIGTERM. Afterwards the server is stopped and the database removed.
 */
export function describeOnEachEngine(title, tag, tmp, body) {
  for (const { engine, name, skip } of ENGINES) {
    describe(`${title} on ${name}`, { skip }, () => {
      const run = { engine, db: undefined, server: undefined, shot: (shot) => shotPath(engine, shot) };
      before(async () => {
        run.db = freshDatabase(engine, tmp, tag);
        run.server = await startServer(run.db.url, tmp);
        assert.ok(run.server.password, `the server printed no demo password\n${run.server.log()}`);
      });
      after(async () => {
        await run.server?.stop();
        run.db?.drop();
      });
      body(run);
      test('server stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
        assert.ok(run.server, 'server never started');
        const { code, signal } = await run.server.stop();
        assert.equal(signal, null, `server died of ${signal}\n${run.server.log()}`);
        assert.equal(code, 0, `server exited with ${code}\n${run.server.log()}`);
      });
    });
  }
}

let browser;

/** The one Chromium of the test file (closed by closeBrowser). */
async function launch() {
  browser ??= await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

export async function closeBrowser() {
  await browser?.close();
  browser = undefined;
}

/**
 * A fresh browser context (own cookies) at 1366x768 in Indonesian, with a page that records
 * console errors. The browser logs every failed fetch as one: `expectedFailures` are those the
 * page is known to meet and handle ({status, url: RegExp}); 401 (before sign-in) always.
 */
export async function newPage({ expectedFailures = [] } = {}) {
  const context = await (await launch()).newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  const expected = (message) =>
    /status of 401/.test(message.text()) ||
    expectedFailures.some((f) => message.text().includes(`status of ${f.status}`) && f.url.test(message.location().url ?? ''));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected(message)) problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

/**
 * Signs in through the sign-in page at `pathAndQuery`, waiting for `readyTestId` afterwards; with
 * the demo accounts' password unless `password` is given.
 */
export async function signIn(page, server, username, pathAndQuery, readyTestId, password = server.password) {
  await page.goto(`${server.url}${pathAndQuery}`);
  await page.getByTestId('signin').waitFor({ timeout: 30_000 });
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId(readyTestId).waitFor({ timeout: 30_000 });
}

/** axe's serious and critical findings on the page as it is now. */
export async function seriousAxeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The page fits its 1366-pixel window: wide tables scroll inside their panel, the page does not. */
export async function assertNoPageOverflow(page, what) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= inner, `${what}: the page is ${scroll} px wide in a ${inner} px window`);
}

/**
 * A signed-in API session of a demo user, apart from any page (its own cookies, its CSRF token),
 * for what a test prepares through the API. get/post answer {status, body} (body parsed as JSON
 * when it is JSON).
 */
export async function apiSession(server, username) {
  const context = await request.newContext({ baseURL: server.url });
  const signedIn = await context.post('/api/v1/session', { data: { username, password: server.password } });
  assert.equal(signedIn.status(), 200, `sign-in of ${username}: ${await signedIn.text()}`);
  const { csrf_token: csrf } = await signedIn.json();
  const answer = async (response) => {
    const text = await response.text();
    let body = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the text stays
    }
    return { status: response.status(), body };
  };
  return {
    get: async (path) => answer(await context.get(path)),
    post: async (path, data) => answer(await context.post(path, { data, headers: { 'X-CSRF-Token': csrf } })),
    dispose: () => context.dispose(),
  };
}

/**
 * Gives an account made with `jaring user add … --password-stdin` (password `first`, to be changed
 * at its first sign-in) the demo accounts' password, so that `signIn` and `apiSession` work for it.
 */
export async function replaceFirstPassword(server, username, first) {
  const context = await request.newContext({ baseURL: server.url });
  const signedIn = await context.post('/api/v1/session', { data: { username, password: first } });
  assert.equal(signedIn.status(), 200, await signedIn.text());
  const { csrf_token: csrf } = await signedIn.json();
  const changed = await context.post('/api/v1/session/password', {
    data: { current_password: first, new_password: server.password },
    headers: { 'X-CSRF-Token': csrf },
  });
  assert.ok(changed.status() < 300, `password change: ${changed.status()} ${await changed.text()}`);
  await context.dispose();
}

/** The entries of a zip file (an .xlsx) by name, inflated. */
function unzip(buffer) {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end -= 1;
  assert.ok(end >= 0, 'not a zip file: no end of central directory');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i += 1) {
    assert.equal(buffer.readUInt32LE(at), 0x02014b50, 'broken zip central directory');
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    entries.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const xmlText = (text) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Column letters -> 0-based index ("A" -> 0, "R" -> 17, "AA" -> 26). */
const columnIndex = (letters) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

/**
 * The first sheet of an .xlsx as rows of cell texts (at most `limit` rows): inline and shared
 * strings as written, numbers as their text; each row's `types` says which cells are 'text' and
 * which 'number'. Enough to read back what a server wrote.
 */
export function readXlsxRows(buffer, limit = Infinity) {
  const entries = unzip(buffer);
  const shared = [];
  const sst = entries.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
  for (const si of sst.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    shared.push(xmlText([...si[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join('')));
  }
  const sheet = entries.get('xl/worksheets/sheet1.xml')?.toString('utf8');
  assert.ok(sheet, 'the .xlsx has no first sheet');
  const rows = [];
  for (const row of sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    if (rows.length >= limit) break;
    const cells = [];
    const types = [];
    for (const cell of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, column, attributes, inner = ''] = cell;
      const type = /t="(\w+)"/.exec(attributes)?.[1];
      let value = '';
      if (type === 'inlineStr') value = xmlText([...inner.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join(''));
      else if (type === 's') value = shared[Number(/<v>(\d+)<\/v>/.exec(inner)?.[1])] ?? '';
      else value = xmlText(/<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? '');
      cells[columnIndex(column)] = value;
      types[columnIndex(column)] = type === 'inlineStr' || type === 's' ? 'text' : 'number';
    }
    rows.push(Object.assign(Array.from(cells, (v) => v ?? ''), { types }));
  }
  return rows;
}
