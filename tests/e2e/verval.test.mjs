// Browser test of the monthly verification (verval, issue 12), end to end, as a newcomer does it.
//
// Starts `jaring serve --demo` (28,448 seeded workers of Kabupaten Pasuruan, with planted
// duplicates, bad NIKs, deaths and memberships) on a fresh SQLite file, and again on a fresh
// PostgreSQL schema when JARING_TEST_PG is set (scripts/with-postgres.sh; JARING_REQUIRE_PG=1
// makes its absence a failure). On each, in Debian's Chromium:
//   - the page opens on the demo's month (July 2025, not today's); its month picker speaks
//     Indonesian (English after the switch) and changes the month with the keyboard;
//   - the operator downloads the demo regency's month extracts from the page (demo mode; they must
//     be the very files `jaring demo --seed 1` writes beside its truth), uploads them on
//     /verval and sees the reports, and "sudah diimpor" when a file comes twice;
//   - the verifikator runs the verification, follows its progress to the end, and finds every
//     kind of problem the demo plants (duplicate, died, member_wage, member_other, invalid_nik,
//     age), each in numbers close to the demo's truth files, and no mass of aged-out workers;
//   - reviews: records side by side with differing fields marked and the evidence in words with
//     a confidence; decides one death with the keyboard alone (j, a, reason, Enter) and merges one
//     duplicate into the record it chooses; accepts every other open finding kind by kind through
//     the bulk confirmation, whose count must match the queue's;
//   - settles the month, downloads the berita acara (a PDF) and sees the month in the history;
//   - the operator downloads the findings .xlsx (the verifikator has no export right).
// axe on every view; test-output/verval-review.png is the review screen at 1366x768.
//
// Environment: JARING_BIN (default <repo>/build/src/app/jaring), JARING_TEST_OUTPUT (default
// <repo>/test-output), CHROMIUM (default /usr/bin/chromium), JARING_TEST_PG, JARING_REQUIRE_PG.

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
const pgServer = process.env.JARING_TEST_PG || '';
const requirePg = process.env.JARING_REQUIRE_PG === '1';
const REGENCY = '35.14';
const START_TIMEOUT_MS = 180_000;
// The month the demo's data is for (DemoOptions::as_of, services::DemoPeriod).
const DEMO_PERIOD = '2025-07';
const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const RUN_TIMEOUT_MS = 300_000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-e2e-verval-'));
const demoDir = path.join(tmp, 'demo');
let browser;

// ---- The demo's truth ---------------------------------------------------------------------------

function csvRows(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));
}

/** What the demo planted, from the truth files `jaring demo` writes (see its truth/README.md). */
function plantedTruth() {
  const t = (name) => csvRows(path.join(demoDir, 'truth', name));
  const members = t('members.csv');
  return {
    duplicate: t('duplicates.csv').length,
    died: new Set(t('deaths.csv').map((r) => r.roster_id)).size,
    member_wage: members.filter((r) => r.segment === 'PU').length,
    member_other: members.filter((r) => r.segment === 'BPU').length,
    invalid_nik: t('bad_nik.csv').length,
  };
}

// ---- Server and database ---------------------------------------------------------------------------

function psql(url, statement) {
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', statement], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A fresh database for one engine: its URL and how to remove it. */
function freshDatabase(engine) {
  if (engine === 'sqlite') {
    return { url: `sqlite:${path.join(tmp, 'verval.db')}`, drop: () => undefined };
  }
  const schema = `e2e_verval_${process.pid}`;
  psql(pgServer, `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const separator = pgServer.includes('?') ? '&' : '?';
  return {
    url: `${pgServer}${separator}options=-csearch_path%3D${schema}&application_name=${schema}`,
    drop: () => psql(pgServer, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

/** Starts `jaring serve --demo`; resolves with {url, password, stop}. */
function startServer(dbUrl) {
  const server = spawn(jaringBin, ['serve', '--port', '0', '--db', dbUrl, '--demo', '--web', path.join(repo, 'web/dist')], {
    cwd: tmp,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let password;
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  server.stderr.on('data', (chunk) => (log += chunk));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
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

before(() => {
  assert.ok(fs.existsSync(jaringBin), `server binary not found: ${jaringBin} (set JARING_BIN)`);
  assert.ok(fs.existsSync(chromiumPath), `Chromium not found: ${chromiumPath} (scripts/setup.sh installs it)`);
  execFileSync(path.join(repo, 'scripts/build-web.sh'), { cwd: repo, stdio: 'inherit' });
  fs.mkdirSync(outputDir, { recursive: true });
  // The seeded registry is `jaring demo`'s roster with its defaults (serve --demo uses them).
  execFileSync(jaringBin, ['demo', '--regency', REGENCY, '--workers', '28448', '--seed', '1', '--out', demoDir], {
    stdio: 'ignore',
  });
});

after(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function launch() {
  browser ??= await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

// ---- Browser helpers --------------------------------------------------------------------------------

async function seriousAxeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A fresh browser context (own cookies) at 1366x768, with a page that records console errors. */
async function newPage() {
  const context = await (await launch()).newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    // 401 before sign-in is an answer, not an error.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

async function signIn(page, server, username) {
  await page.goto(`${server.url}/verval?kabupaten=${REGENCY}`);
  await page.getByTestId('signin').waitFor({ timeout: 30_000 });
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(server.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId('verval-page').waitFor({ timeout: 30_000 });
}

/** "1.234" -> 1234 (Indonesian thousands). */
function idNumber(text) {
  const digits = text.trim().replace(/\./g, '');
  assert.match(digits, /^\d+$/, `not an Indonesian whole number: ${JSON.stringify(text)}`);
  return Number(digits);
}

/** kind -> {open, accepted, rejected, deferred} from the month view's counts table. */
async function countsTable(page) {
  await page.getByTestId('counts-table').waitFor({ timeout: 30_000 });
  const rows = await page.getByTestId('count-row').evaluateAll((trs) =>
    trs.map((tr) => [
      tr.getAttribute('data-kind'),
      Object.fromEntries([...tr.querySelectorAll('td[data-state]')].map((td) => [td.getAttribute('data-state'), td.textContent])),
    ]),
  );
  return Object.fromEntries(rows.map(([kind, cells]) => [kind, Object.fromEntries(Object.entries(cells).map(([s, v]) => [s, idNumber(v)]))]));
}

const total = (c) => c.open + c.accepted + c.rejected + c.deferred;

/** The page fits its 1366-pixel window: wide tables scroll inside their panel, the page does not. */
async function assertNoPageOverflow(page, what) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= inner, `${what}: the page is ${scroll} px wide in a ${inner} px window`);
}

async function openTab(page, testid, view) {
  await page.getByTestId(testid).click();
  await page.getByTestId(view).waitFor({ timeout: 30_000 });
}

/** The open count a kind tab of the review queue shows. */
async function tabOpen(page, kind) {
  return Number(await page.locator(`[data-testid=kind-tab][data-kind=${kind}]`).getAttribute('data-open'));
}

/**
 * The month picker speaks the UI's language (Indonesian month names, English after the switch),
 * is labelled, and changes the month with the keyboard alone; leaves the page on DEMO_PERIOD.
 */
async function checkMonthPicker(page) {
  const month = page.getByTestId('verval-month-month');
  const year = page.getByTestId('verval-month-year');
  assert.equal(await page.locator('input[type=month]').count(), 0, "the browser's month field is back");
  assert.deepEqual(await month.locator('option').allTextContents(), MONTHS_ID);
  assert.equal(await month.evaluate((s) => s.selectedOptions[0].textContent), 'Juli');
  assert.equal(await year.inputValue(), '2025');
  assert.equal(await page.getByRole('combobox', { name: 'Bulan', exact: true }).count(), 1, 'the month list has no name');
  assert.equal(await page.getByRole('combobox', { name: 'Tahun', exact: true }).count(), 1, 'the year list has no name');
  assert.equal(await page.getByRole('group', { name: 'Periode' }).count(), 1);

  // The keyboard: one month on with the arrow, the list keeps the focus; back again.
  await month.focus();
  await page.keyboard.press('ArrowDown');
  await page.locator('[data-testid=verval-page][data-period="2025-08"]').waitFor({ timeout: 10_000 });
  assert.equal((await page.locator('.verval-head h1').textContent()).trim(), 'Verval Agustus 2025');
  assert.match(page.url(), /periode=2025-08/);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'verval-month-month');
  await page.keyboard.press('ArrowUp');
  await page.locator(`[data-testid=verval-page][data-period="${DEMO_PERIOD}"]`).waitFor({ timeout: 10_000 });
  // The year too: Tab to it, one year back and forth.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'verval-month-year');
  await page.keyboard.press('ArrowUp');
  await page.locator('[data-testid=verval-page][data-period="2024-07"]').waitFor({ timeout: 10_000 });
  await page.keyboard.press('ArrowDown');
  await page.locator(`[data-testid=verval-page][data-period="${DEMO_PERIOD}"]`).waitFor({ timeout: 10_000 });

  // English when the UI is English.
  await page.getByTestId('lang-switch').click();
  await page.getByRole('combobox', { name: 'Month', exact: true }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await month.locator('option').allTextContents(), MONTHS_EN);
  assert.equal((await page.locator('.verval-head h1').textContent()).trim(), 'Verification July 2025');
  await page.getByTestId('lang-switch').click();
  await page.getByRole('combobox', { name: 'Bulan', exact: true }).waitFor({ timeout: 10_000 });
}

// ---- The scenario -------------------------------------------------------------------------------------

async function scenario(engine) {
  const db = freshDatabase(engine);
  const server = await startServer(db.url);
  const shot = (name) => path.join(outputDir, engine === 'sqlite' ? `${name}.png` : `${name}-${engine}.png`);
  try {
    assert.ok(server.password, `the server printed no demo password\n${server.log()}`);

    // ---- The operator brings the month's extracts.
    const op = await newPage();
    await signIn(op.page, server, 'operator');
    const navVerval = op.page.locator('.site-nav a', { hasText: 'Verval' });
    assert.equal(await navVerval.getAttribute('aria-current'), 'page', 'Verval is not a real navigation item');
    const period = await op.page.getByTestId('verval-page').getAttribute('data-period');
    // The demo regency opens on the month its data and extracts are for, not today's month (on
    // which its roster would be a year or more older than it was made).
    const regencies = await (await op.page.request.get(`${server.url}/api/v1/regencies`)).json();
    const demoPeriod = regencies.items.find((r) => r.code === REGENCY)?.demo_period;
    assert.equal(demoPeriod, DEMO_PERIOD, `the regency list's demo month: ${JSON.stringify(regencies)}`);
    assert.equal(period, DEMO_PERIOD);
    assert.equal((await op.page.locator('.verval-head h1').textContent()).trim(), 'Verval Juli 2025');
    await checkMonthPicker(op.page);
    // The month's overview is read again after the picker's round trip: its view first.
    await op.page.getByTestId('month-view').waitFor({ timeout: 30_000 });
    assert.equal(await op.page.getByTestId('run-start').count(), 0, 'the operator may not run verval');
    assert.equal(await op.page.getByTestId('tab-review').count(), 0, 'the operator may not review');
    assert.equal(await op.page.getByTestId('no-run').count(), 1);

    // The demo mode's sample extracts, downloaded from the page.
    await op.page.getByTestId('demo-extracts').waitFor({ timeout: 30_000 });
    const files = {};
    for (const kind of ['deaths', 'members']) {
      const [download] = await Promise.all([op.page.waitForEvent('download'), op.page.getByTestId(`demo-extract-${kind}`).click()]);
      files[kind] = fs.readFileSync(await download.path());
      assert.ok(
        files[kind].equals(fs.readFileSync(path.join(demoDir, `${kind}.csv`))),
        `the server's demo ${kind}.csv is not the file \`jaring demo --seed 1\` writes beside its truth`,
      );
    }
    const rowsOf = (kind) => files[kind].toString('utf8').split('\n').filter((l) => l !== '').length - 1;

    // Without a file, the form says so.
    await op.page.getByTestId('extract-upload-deaths').click();
    assert.match(await op.page.locator('#extract-file-deaths-hint').textContent(), /Pilih berkas/);
    for (const kind of ['deaths', 'members']) {
      await op.page.getByTestId(`extract-file-${kind}`).setInputFiles({ name: `${kind}.csv`, mimeType: 'text/csv', buffer: files[kind] });
      await op.page.getByTestId(`extract-upload-${kind}`).click();
      const outcome = op.page.getByTestId(`extract-report-${kind}`).getByTestId('extract-outcome');
      await outcome.waitFor({ timeout: 120_000 });
      assert.equal(await outcome.getAttribute('data-stored'), 'true');
      const report = await op.page.getByTestId(`extract-report-${kind}`).textContent();
      assert.match(report, new RegExp(`${rowsOf(kind).toLocaleString('id-ID')} baris dibaca`), report);
    }
    await op.page.locator('[data-testid=extract-row]').nth(1).waitFor({ timeout: 30_000 });
    assert.deepEqual((await op.page.getByTestId('extract-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))).sort(), [
      'deaths',
      'members',
    ]);
    // The same file again changes nothing.
    await op.page.getByTestId('extract-file-deaths').setInputFiles({ name: 'deaths.csv', mimeType: 'text/csv', buffer: files.deaths });
    await op.page.getByTestId('extract-upload-deaths').click();
    await op.page.locator('[data-testid=extract-report-deaths] [data-stored=false]').waitFor({ timeout: 60_000 });
    assert.match(await op.page.getByTestId('extract-report-deaths').textContent(), /sudah diimpor/);
    assert.equal(await op.page.getByTestId('extract-row').count(), 2);
    assert.deepEqual(await seriousAxeViolations(op.page), []);
    await assertNoPageOverflow(op.page, 'extracts');
    await op.page.screenshot({ path: shot('verval-extracts'), fullPage: true });

    // ---- The verifikator runs the month.
    const vf = await newPage();
    await signIn(vf.page, server, 'verifikator');
    assert.equal(await vf.page.getByTestId('verval-page').getAttribute('data-period'), period);
    // The page is there before the month's overview: wait for the month's view to count its parts.
    await vf.page.getByTestId('month-view').waitFor({ timeout: 30_000 });
    assert.equal(await vf.page.locator('input[type=file]').count(), 0, 'the verifikator may not import');
    assert.equal(await vf.page.getByTestId('extract-row').count(), 2);
    assert.equal(await vf.page.getByTestId('settle-start').isDisabled(), true, 'settling before any run');
    await vf.page.getByTestId('run-start').click();
    await vf.page.locator('[data-testid=run-status][data-phase=running], [data-testid=run-status][data-phase=done]').waitFor({ timeout: 60_000 });
    await vf.page.locator('[data-testid=run-status][data-phase=done]').waitFor({ timeout: RUN_TIMEOUT_MS });
    await vf.page.getByTestId('last-run').waitFor({ timeout: 30_000 });
    assert.match(await vf.page.getByTestId('last-run').textContent(), /oleh verifikator/);

    // Every kind the demo plants is found, in numbers close to the truth.
    const counts = await countsTable(vf.page);
    const truth = plantedTruth();
    for (const [kind, planted] of Object.entries(truth)) {
      assert.ok(counts[kind], `no ${kind} findings; found ${JSON.stringify(counts)}`);
      const found = total(counts[kind]);
      assert.ok(found >= planted * 0.85 && found <= planted * 1.15, `${kind}: ${found} findings for ${planted} planted`);
    }
    // The demo's month: its 65-year-olds (about 1 %) have aged out, not thousands.
    assert.ok(counts.age && total(counts.age) > 0, `no age findings (the demo's workers are 17-65): ${JSON.stringify(counts)}`);
    assert.ok(total(counts.age) < 28_448 * 0.02, `${total(counts.age)} aged-out findings in the demo's own month`);
    const blocking = Number(await vf.page.getByTestId('open-blocking').getAttribute('data-count'));
    assert.ok(blocking > 0);
    assert.equal(await vf.page.getByTestId('settle-start').isDisabled(), true, 'settling with open blocking findings');
    assert.deepEqual(await seriousAxeViolations(vf.page), []);
    await assertNoPageOverflow(vf.page, 'month');
    await vf.page.screenshot({ path: shot('verval-month'), fullPage: true });

    // ---- The review queue opens on the first kind with open findings (deaths come first).
    await openTab(vf.page, 'tab-review', 'review-view');
    await vf.page.getByTestId('finding-detail').waitFor({ timeout: 30_000 });
    const firstKind = await vf.page.getByTestId('kind-tab').evaluateAll((tabs) =>
      tabs.find((t) => Number(t.getAttribute('data-open')) > 0)?.getAttribute('data-kind'),
    );
    assert.equal(await vf.page.getByTestId('review-view').getAttribute('data-kind'), firstKind);
    // The duplicates.
    await vf.page.locator('[data-testid=kind-tab][data-kind=duplicate]').click();
    // The detail's own kind, not only the view's: the view takes the new kind from the address at
    // once, its findings come by their own request.
    await vf.page.locator('[data-testid=review-view][data-kind=duplicate] [data-testid=finding-detail][data-kind=duplicate]').waitFor({ timeout: 30_000 });
    assert.match(await vf.page.getByTestId('review-keys').textContent(), /j.*k.*a Terima.*r Tolak.*d Tunda/s);
    const detail = vf.page.getByTestId('finding-detail');
    assert.ok((await detail.getByTestId('compare-column').count()) >= 2);
    assert.match(await detail.getByTestId('confidence').textContent(), /^Keyakinan \d{1,3}(,\d)?%$/);
    const evidence = await detail.getByTestId('evidence-word').allTextContents();
    assert.ok(evidence.some((w) => /NIK|Nama|Tanggal lahir|Tahun lahir|Desa/.test(w)), `evidence: ${evidence}`);
    // A duplicate whose records differ somewhere shows the difference marked.
    const items = vf.page.getByTestId('finding-item');
    for (let i = 0; i < Math.min(await items.count(), 30) && (await detail.getByTestId('diff-cell').count()) === 0; i++) {
      await items.nth(i).click();
    }
    assert.ok((await detail.getByTestId('diff-cell').count()) > 0, 'no duplicate among the first 30 shows a differing field');
    assert.deepEqual(await seriousAxeViolations(vf.page), []);
    await assertNoPageOverflow(vf.page, 'review');
    await vf.page.screenshot({ path: shot('verval-review') });

    // Merge one duplicate into the record the verifier chooses (not the proposed one).
    const dupOpen = await tabOpen(vf.page, 'duplicate');
    await detail.getByTestId('verdict-accept').check();
    const survivors = detail.getByTestId('survivor-choice').locator('input[type=radio]');
    assert.ok((await survivors.count()) >= 2);
    assert.equal(await survivors.first().isChecked(), true, 'the proposed survivor is not chosen first');
    await survivors.nth(1).check();
    await detail.getByTestId('decision-submit').click();
    assert.match(await detail.getByTestId('decision-error').textContent(), /Isi alasan/);
    await detail.getByTestId('decision-reason').fill('Orang yang sama; data kedua lebih lengkap');
    await detail.getByTestId('decision-submit').click();
    await vf.page.getByTestId('review-status').filter({ hasText: 'Keputusan disimpan' }).waitFor({ timeout: 30_000 });
    await vf.page.waitForFunction((n) => document.querySelector('[data-testid=kind-tab][data-kind=duplicate]')?.getAttribute('data-open') === String(n), dupOpen - 1);

    // One death decided with the keyboard alone: j to the second finding, a, the reason, Enter.
    const keyKind = (await tabOpen(vf.page, 'died')) >= 2 ? 'died' : 'duplicate';
    await vf.page.locator(`[data-testid=kind-tab][data-kind=${keyKind}]`).click();
    await vf.page.locator(`[data-testid=review-view][data-kind=${keyKind}] [data-testid=finding-detail][data-kind=${keyKind}]`).waitFor({ timeout: 30_000 });
    const openBefore = await tabOpen(vf.page, keyKind);
    const ids = await vf.page.getByTestId('finding-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
    await vf.page.getByTestId('finding-item').first().focus();
    await vf.page.keyboard.press('j');
    await vf.page.locator(`[data-testid=finding-detail][data-finding="${ids[1]}"]`).waitFor({ timeout: 10_000 });
    // The list moves the focus on the next frame, which may come after the detail has drawn.
    await vf.page.waitForFunction((id) => document.activeElement?.getAttribute('data-finding') === id, ids[1], { timeout: 10_000 });
    await vf.page.keyboard.press('k');
    await vf.page.locator(`[data-testid=finding-detail][data-finding="${ids[0]}"]`).waitFor({ timeout: 10_000 });
    await vf.page.keyboard.press('ArrowDown');
    await vf.page.locator(`[data-testid=finding-detail][data-finding="${ids[1]}"]`).waitFor({ timeout: 10_000 });
    await vf.page.keyboard.press('a');
    await vf.page.waitForFunction(() => document.activeElement?.id === 'decision-reason');
    assert.equal(await vf.page.getByTestId('verdict-accept').isChecked(), true);
    // Typing in the reason box is never taken as a command.
    await vf.page.keyboard.type('Cocok dengan akta kematian; dicek dengan keluarga');
    assert.equal(await vf.page.getByTestId('verdict-accept').isChecked(), true);
    await vf.page.keyboard.press('Enter');
    await vf.page.getByTestId('review-status').filter({ hasText: 'Keputusan disimpan' }).waitFor({ timeout: 30_000 });
    await vf.page.waitForFunction(
      ([kind, n]) => document.querySelector(`[data-testid=kind-tab][data-kind=${kind}]`)?.getAttribute('data-open') === String(n),
      [keyKind, openBefore - 1],
    );
    assert.ok(!(await vf.page.getByTestId('finding-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')))).includes(ids[1]));
    // The focus is back in the list, on the finding that took its place.
    await vf.page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'finding-item');

    // ---- Everything else, kind by kind, through the bulk confirmation.
    let firstDialog = true;
    for (;;) {
      const kinds = await vf.page.getByTestId('kind-tab').evaluateAll((tabs) =>
        tabs.filter((t) => Number(t.getAttribute('data-open')) > 0).map((t) => t.getAttribute('data-kind')),
      );
      if (kinds.length === 0) break;
      const kind = kinds[0];
      await vf.page.locator(`[data-testid=kind-tab][data-kind=${kind}]`).click();
      await vf.page.locator(`[data-testid=review-view][data-kind=${kind}] [data-testid=finding-detail][data-kind=${kind}]`).waitFor({ timeout: 30_000 });
      const open = await tabOpen(vf.page, kind);
      await vf.page.getByTestId('bulk-accept').click();
      const dialog = vf.page.getByTestId('bulk-dialog');
      await dialog.waitFor({ timeout: 30_000 });
      assert.equal(Number(await dialog.getByTestId('bulk-count').getAttribute('data-count')), open, `${kind}: the dialog's count`);
      assert.match(await dialog.getByTestId('bulk-count').textContent(), new RegExp(`^${open.toLocaleString('id-ID')} temuan`));
      if (firstDialog) {
        await dialog.getByTestId('bulk-dialog-confirm').click();
        assert.match(await dialog.getByTestId('bulk-dialog-error').textContent(), /Isi alasan/);
        assert.deepEqual(await seriousAxeViolations(vf.page), []);
        firstDialog = false;
      }
      await dialog.getByTestId('bulk-reason').fill(`Diperiksa petugas verval: ${kind}`);
      await dialog.getByTestId('bulk-dialog-confirm').click();
      await dialog.waitFor({ state: 'detached', timeout: 120_000 });
      await vf.page.getByTestId('review-status').filter({ hasText: `${open.toLocaleString('id-ID')} temuan` }).waitFor({ timeout: 30_000 });
      await vf.page.waitForFunction(
        (k) => document.querySelector(`[data-testid=kind-tab][data-kind=${k}]`)?.getAttribute('data-open') === '0',
        kind,
        { timeout: 30_000 },
      );
    }

    // ---- Settle and download the berita acara.
    await openTab(vf.page, 'tab-month', 'month-view');
    await vf.page.locator('[data-testid=open-blocking][data-count="0"]').waitFor({ timeout: 30_000 });
    const decided = await countsTable(vf.page);
    for (const [kind, c] of Object.entries(decided)) assert.equal(c.open, 0, `${kind} still has open findings`);
    assert.equal(decided.duplicate.accepted, total(counts.duplicate));
    assert.equal(await vf.page.getByTestId('settle-start').isDisabled(), false);
    await vf.page.getByTestId('settle-start').click();
    await vf.page.getByTestId('settle-dialog').waitFor({ timeout: 10_000 });
    await vf.page.getByTestId('settle-dialog-confirm').click();
    await vf.page.getByTestId('settled').waitFor({ timeout: 120_000 });
    assert.equal(await vf.page.getByTestId('settled').getAttribute('data-version'), '1');
    assert.match(await vf.page.getByTestId('settled').textContent(), /ditetapkan \(versi 1\)/);
    assert.equal(await vf.page.getByTestId('download-findings').count(), 0, 'the verifikator has no export right');
    const [download] = await Promise.all([vf.page.waitForEvent('download'), vf.page.getByTestId('download-minutes').click()]);
    const pdf = fs.readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'the berita acara is not a PDF');
    assert.ok(pdf.length > 2_000, `the berita acara is only ${pdf.length} bytes`);
    const settledText = await vf.page.getByTestId('settled').textContent();
    const persons = idNumber(/: ([\d.]+) orang/.exec(settledText)[1]);
    assert.ok(persons > 20_000 && persons < 28_448, `settled persons: ${persons}`);
    assert.deepEqual(await seriousAxeViolations(vf.page), []);

    // ---- The month in the history.
    await openTab(vf.page, 'tab-history', 'history-view');
    const row = vf.page.locator(`[data-testid=history-row][data-period="${period}"]`);
    await row.waitFor({ timeout: 30_000 });
    assert.equal(Number(await row.getAttribute('data-persons')), persons);
    assert.match(await vf.page.getByTestId('history-table').textContent(), /Keluar: meninggal/);
    await vf.page.locator('[data-testid=flows-chart] svg').waitFor({ timeout: 30_000 });
    assert.deepEqual(await seriousAxeViolations(vf.page), []);
    await assertNoPageOverflow(vf.page, 'history');
    // Every column of the history, the berita acara's last, is in sight without scrolling.
    const [tableWidth, boxWidth] = await vf.page.getByTestId('history-table').evaluate((t) => [t.scrollWidth, t.parentElement.clientWidth]);
    assert.ok(tableWidth <= boxWidth, `the history table is ${tableWidth} px wide in a ${boxWidth} px panel`);
    await vf.page.screenshot({ path: shot('verval-history'), fullPage: true });

    // ---- The operator (who may export personal data) downloads the findings.
    await op.page.reload();
    await op.page.getByTestId('settled').waitFor({ timeout: 30_000 });
    const [xlsx] = await Promise.all([op.page.waitForEvent('download'), op.page.getByTestId('download-findings').click()]);
    assert.equal(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString('latin1'), 'PK', 'the findings are not an .xlsx');

    assert.deepEqual(op.problems, []);
    assert.deepEqual(vf.problems, []);
    await op.context.close();
    await vf.context.close();
  } finally {
    await server.stop();
    db.drop();
  }
}

test('verval on SQLite: extracts, run, review with keys and bulk accept, settle, berita acara', { timeout: 900_000 }, () =>
  scenario('sqlite'),
);

test(
  'verval on PostgreSQL: the same',
  { timeout: 900_000, skip: !pgServer && !requirePg ? 'JARING_TEST_PG is unset (run under scripts/with-postgres.sh)' : false },
  () => {
    assert.ok(pgServer, 'JARING_REQUIRE_PG=1 but JARING_TEST_PG is unset');
    return scenario('postgresql');
  },
);
