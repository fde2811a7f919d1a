// Browser test of the dashboard against the real server and a real database.
//
// Starts `jaring serve --demo` on a fresh SQLite file, and again on a fresh PostgreSQL schema
// when JARING_TEST_PG is set (scripts/with-postgres.sh; JARING_REQUIRE_PG=1 makes its absence a
// failure). On each, opens the page in Debian's Chromium (playwright-core drives it; no browser
// is downloaded) and signs in through the real sign-in page as the demo "pimpinan" (credentials
// read from the server's demo banner): first with a wrong password (an Indonesian error), then
// the right one. Then checks that what a person sees is what the database holds: the total and
// every district's count, read back with the sqlite3 CLI or psql. Then: the language switch,
// screenshots of both pages (test-output/signin.png, dashboard.png; with -postgresql on
// PostgreSQL), axe on both (no serious or critical violation), no console error (a CSP
// violation would show there), sign-out (the API answers 401 again), and a clean SIGTERM exit.
//
// Environment: see harness.mjs (JARING_BIN, JARING_TEST_OUTPUT, CHROMIUM, JARING_TEST_PG,
// JARING_REQUIRE_PG).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { closeBrowser, describeOnEachEngine, newPage, parseIdNumber, prepare, seriousAxeViolations, sql } from './harness.mjs';

const REGENCY = '35.14';
const DEMO_USER = 'pimpinan';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-e2e-dashboard-'));

before(prepare);

after(async () => {
  await closeBrowser();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describeOnEachEngine('dashboard', 'dashboard', tmp, (run) => {
  test('sign in through the page, then the dashboard shows the database, accessibly', { timeout: 300_000 }, async () => {
    const { server, db } = run;
    // The browser logs every non-2xx fetch; the 401s of "who am I" before sign-in and the
    // deliberate wrong password are expected answers (newPage lets 401 through), not page errors.
    const { context, page, problems } = await newPage();
    const serverLog = server.log();
    assert.match(serverLog, /DEMO ONLY/);
    assert.match(serverLog, new RegExp(`^jaring: +${DEMO_USER} +Pimpinan +${REGENCY.replace('.', '\\.')}$`, 'm'));

    // Nobody is signed in: the API refuses, the page shows the sign-in form (in Indonesian).
    const anonymous = await page.request.get(`${server.url}/api/v1/regencies`);
    assert.equal(anonymous.status(), 401);
    await page.goto(`${server.url}/`);
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

    const signinShot = run.shot('signin');
    await page.screenshot({ path: signinShot, fullPage: true });
    assert.ok(fs.statSync(signinShot).size > 5_000, 'sign-in screenshot is suspiciously small');
    assert.deepEqual(await seriousAxeViolations(page), []);

    // The right password, typed into the real form.
    await page.getByLabel('Nama pengguna').fill(DEMO_USER);
    await page.getByLabel('Kata sandi').fill(server.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    const totalLocator = page.getByTestId('workers-total');
    await totalLocator.waitFor({ timeout: 30_000 });
    assert.equal(await page.getAttribute('[data-testid=dashboard]', 'data-regency'), REGENCY);
    assert.equal(await page.getAttribute('html', 'lang'), 'id');
    assert.equal((await page.getByTestId('user-name').textContent()).trim(), DEMO_USER);
    assert.match(await page.getByTestId('user-role').textContent(), /^Pimpinan · Kabupaten Pasuruan$/);
    // The session cookie is HttpOnly: scripts on the page cannot read it.
    assert.equal(await page.evaluate(() => document.cookie.includes('jaring_session')), false);
    const cookie = (await context.cookies(server.url)).find((c) => c.name === 'jaring_session');
    assert.ok(cookie, 'no session cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');

    // The total and every district, against the database.
    const [[dbTotal]] = sql(db, `SELECT count(*) FROM workers WHERE regency_code='${REGENCY}'`);
    assert.ok(Number(dbTotal) > 0, 'the demo database has no workers');
    assert.equal(parseIdNumber(await totalLocator.textContent()), Number(dbTotal));

    const dbDistricts = new Map(
      sql(
        db,
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

    const screenshot = run.shot('dashboard');
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.ok(fs.statSync(screenshot).size > 10_000, 'screenshot is suspiciously small');

    // Accessibility, with the data tables unfolded so that they are checked too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    assert.deepEqual(await seriousAxeViolations(page), []);

    // A state-changing request without the CSRF token is refused even with the cookie.
    const forged = await page.request.delete(`${server.url}/api/v1/session`);
    assert.equal(forged.status(), 403);
    assert.equal((await forged.json()).code, 'CSRF_TOKEN_INVALID');

    // Keluar: back to the sign-in page, and the session is gone on the server.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByTestId('signin').waitFor({ timeout: 10_000 });
    assert.equal((await page.request.get(`${server.url}/api/v1/regencies`)).status(), 401);

    assert.deepEqual(problems, []);
    await context.close();
  });
});
