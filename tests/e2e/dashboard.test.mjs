// Browser test of the dashboard against the real server and a real database.
//
// Starts `jaring serve --demo` on a fresh SQLite file and a free port, opens the page in Debian's
// Chromium (playwright-core drives it; no browser is downloaded) and signs in through the real
// sign-in page as the demo "pimpinan" (credentials read from the server's demo banner): first
// with a wrong password (an Indonesian error), then the right one. Then checks that what a
// person sees is what the database holds: the total and every district's count, read back with
// the sqlite3 CLI. Then: the language switch, screenshots of both pages, axe on both (no serious
// or critical violation), no console error (a CSP violation would show there), sign-out (the API
// answers 401 again), and a clean SIGTERM exit.
//
// Environment: JARING_BIN (default <repo>/build/src/app/jaring), JARING_TEST_OUTPUT (default
// <repo>/test-output), CHROMIUM (default /usr/bin/chromium).

import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jaringBin = path.resolve(process.env.JARING_BIN || path.join(repo, 'build/src/app/jaring'));
const outputDir = process.env.JARING_TEST_OUTPUT || path.join(repo, 'test-output');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const REGENCY = '35.14';
const DEMO_USER = 'pimpinan';
const START_TIMEOUT_MS = 180_000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-e2e-'));
const dbFile = path.join(tmp, 'e2e.db');
let server;
let serverExit;
let serverLog = '';
let baseUrl;
let context;
let demoPassword;

/** Starts the server and resolves with its URL from the "jaring: serving http://..." line. */
function startServer() {
  server = spawn(
    jaringBin,
    ['serve', '--port', '0', '--db', `sqlite:${dbFile}`, '--demo', '--web', path.join(repo, 'web/dist')],
    { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  serverExit = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  server.stderr.on('data', (chunk) => (serverLog += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "jaring: serving" line within ${START_TIMEOUT_MS} ms\n${serverLog}`)),
      START_TIMEOUT_MS,
    );
    const lines = readline.createInterface({ input: server.stdout });
    lines.on('line', (line) => {
      serverLog += `${line}\n`;
      const password = /^jaring: {3}password \(all demo accounts\): (\S+)$/.exec(line);
      if (password) demoPassword = password[1];
      const match = /^jaring: serving (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    });
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    serverExit.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal})\n${serverLog}`));
    });
  });
}

/** Rows of a query against the server's database, through the sqlite3 CLI. */
function sql(query) {
  const out = execFileSync('sqlite3', ['-cmd', '.timeout 10000', '-separator', '|', dbFile, query], {
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('|'));
}

/** "28.448" -> 28448 (the page writes numbers the Indonesian way). */
function parseIdNumber(text) {
  const digits = text.trim().replace(/\./g, '');
  assert.match(digits, /^\d+$/, `not an Indonesian whole number: ${JSON.stringify(text)}`);
  return Number(digits);
}

before(async () => {
  assert.ok(fs.existsSync(jaringBin), `server binary not found: ${jaringBin} (set JARING_BIN)`);
  assert.ok(fs.existsSync(chromiumPath), `Chromium not found: ${chromiumPath} (scripts/setup.sh installs it)`);
  // The test runs what a user gets: rebuild web/dist if its sources changed (no-op otherwise).
  execFileSync(path.join(repo, 'scripts/build-web.sh'), { cwd: repo, stdio: 'inherit' });
  assert.ok(fs.existsSync(path.join(repo, 'web/dist/index.html')), 'web/dist was not built');
  fs.mkdirSync(outputDir, { recursive: true });

  baseUrl = await startServer();
  context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 900 },
    locale: 'id-ID',
  });
});

after(async () => {
  await context?.close();
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Serious and critical axe violations on the page, as readable lines. */
async function seriousAxeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('sign in through the page, then the dashboard shows the database, accessibly', { timeout: 300_000 }, async () => {
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('console', (message) => {
    // The browser logs every non-2xx fetch; the 401s of "who am I" before sign-in and the
    // deliberate wrong password are expected answers, not page errors.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

  assert.ok(demoPassword, `the server printed no demo password\n${serverLog}`);
  assert.match(serverLog, /DEMO ONLY/);
  assert.match(serverLog, new RegExp(`^jaring: +${DEMO_USER} +Pimpinan +${REGENCY.replace('.', '\\.')}$`, 'm'));

  // Nobody is signed in: the API refuses, the page shows the sign-in form (in Indonesian).
  const anonymous = await page.request.get(`${baseUrl}/api/v1/regencies`);
  assert.equal(anonymous.status(), 401);
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('signin').waitFor({ timeout: 30_000 });
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.equal((await page.locator('#signin-title').textContent()).trim(), 'Masuk ke jaring');
  assert.equal(await page.getByTestId('dashboard').count(), 0);

  // The language switch works on the sign-in page too.
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal((await page.locator('#signin-title').textContent()).trim(), 'Sign in to jaring');
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');

  // A wrong password: an Indonesian error, no session.
  await page.getByLabel('Nama pengguna').fill(DEMO_USER);
  await page.getByLabel('Kata sandi').fill('bukan-kata-sandinya');
  await page.getByRole('button', { name: 'Masuk' }).click();
  const signinError = page.getByTestId('signin-error');
  await page.waitForFunction(() => document.querySelector('[data-testid=signin-error]')?.textContent !== '');
  assert.equal((await signinError.textContent()).trim(), 'Nama pengguna atau kata sandi salah.');
  assert.equal(await page.getByTestId('dashboard').count(), 0);

  const signinShot = path.join(outputDir, 'signin.png');
  await page.screenshot({ path: signinShot, fullPage: true });
  assert.ok(fs.statSync(signinShot).size > 5_000, 'sign-in screenshot is suspiciously small');
  assert.deepEqual(await seriousAxeViolations(page), []);

  // The right password, typed into the real form.
  await page.getByLabel('Nama pengguna').fill(DEMO_USER);
  await page.getByLabel('Kata sandi').fill(demoPassword);
  await page.getByRole('button', { name: 'Masuk' }).click();
  const totalLocator = page.getByTestId('workers-total');
  await totalLocator.waitFor({ timeout: 30_000 });
  assert.equal(await page.getAttribute('[data-testid=dashboard]', 'data-regency'), REGENCY);
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.equal((await page.getByTestId('user-name').textContent()).trim(), DEMO_USER);
  assert.match(await page.getByTestId('user-role').textContent(), /^Pimpinan · Kabupaten Pasuruan$/);
  // The session cookie is HttpOnly: scripts on the page cannot read it.
  assert.equal(await page.evaluate(() => document.cookie.includes('jaring_session')), false);
  const cookie = (await context.cookies(baseUrl)).find((c) => c.name === 'jaring_session');
  assert.ok(cookie, 'no session cookie');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');

  // The total and every district, against the database.
  const [[dbTotal]] = sql(`SELECT count(*) FROM workers WHERE regency_code='${REGENCY}'`);
  assert.ok(Number(dbTotal) > 0, 'the demo database has no workers');
  assert.equal(parseIdNumber(await totalLocator.textContent()), Number(dbTotal));

  const dbDistricts = new Map(
    sql(
      `SELECT district_code, count(*) FROM workers WHERE regency_code='${REGENCY}' GROUP BY district_code`,
    ).map(([code, count]) => [code, Number(count)]),
  );
  const shown = await page.getByTestId('district-row').evaluateAll((rows) =>
    rows.map((row) => ({
      code: row.getAttribute('data-code'),
      count: row.querySelector('[data-testid=count]')?.textContent ?? '',
    })),
  );
  assert.ok(shown.length >= dbDistricts.size, `${shown.length} district rows for ${dbDistricts.size} districts`);
  const shownCodes = new Set();
  for (const { code, count } of shown) {
    assert.ok(code.startsWith(`${REGENCY}.`), `district ${code} outside ${REGENCY}`);
    assert.ok(!shownCodes.has(code), `district ${code} shown twice`);
    shownCodes.add(code);
    assert.equal(parseIdNumber(count), dbDistricts.get(code) ?? 0, `count of district ${code}`);
  }
  for (const code of dbDistricts.keys()) assert.ok(shownCodes.has(code), `district ${code} missing`);

  // Indonesian date and labels; then English and back.
  assert.match(await page.getByTestId('as-of').textContent(), /^Data per \d{1,2} [A-Z][a-z]+ \d{4}$/);
  const totalLabel = page.locator('.kpi-main .kpi-label');
  // No month settled in a fresh demo: the headline says it counts the registry's rows.
  assert.equal((await totalLabel.textContent()).trim(), 'Baris di register');
  assert.match(await page.getByTestId('workers-total-source').textContent(), /belum ada bulan yang ditetapkan/);
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal((await totalLabel.textContent()).trim(), 'Rows in the registry');
  assert.equal((await totalLocator.textContent()).trim(), Number(dbTotal).toLocaleString('en-GB'));
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  assert.equal((await totalLabel.textContent()).trim(), 'Baris di register');

  const screenshot = path.join(outputDir, 'dashboard.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  assert.ok(fs.statSync(screenshot).size > 10_000, 'screenshot is suspiciously small');

  // Accessibility, with the data tables unfolded so that they are checked too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  assert.deepEqual(await seriousAxeViolations(page), []);

  // A state-changing request without the CSRF token is refused even with the cookie.
  const forged = await page.request.delete(`${baseUrl}/api/v1/session`);
  assert.equal(forged.status(), 403);
  assert.equal((await forged.json()).code, 'CSRF_TOKEN_INVALID');

  // Keluar: back to the sign-in page, and the session is gone on the server.
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.getByTestId('signin').waitFor({ timeout: 10_000 });
  assert.equal((await page.request.get(`${baseUrl}/api/v1/regencies`)).status(), 401);

  assert.deepEqual(problems, []);
});

test('server stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
  assert.ok(server, 'server never started');
  server.kill('SIGTERM');
  const { code, signal } = await serverExit;
  assert.equal(signal, null, `server died of ${signal}\n${serverLog}`);
  assert.equal(code, 0, `server exited with ${code}\n${serverLog}`);
});
