// Browser test of the registry pages, the audit view and the password forms against the real
// server and a real database: `jaring serve --demo` on a fresh SQLite file, and again on a fresh
// PostgreSQL schema when JARING_TEST_PG is set (scripts/with-postgres.sh; JARING_REQUIRE_PG=1
// makes its absence a failure), in Debian's Chromium. On each engine, the database read back
// with the sqlite3 CLI or psql:
//
// 1. operator: opens Pekerja from the navigation, searches a demo worker's name spelt the old
//    way ("u" written "oe", the contract's "Moehammad Soepardi" finds "Muhamad Supardi") and finds
//    them; opens the worker page (full NIK, as in the database); a bad NIK is refused with the
//    server's message next to the field; a changed address is saved, is in the database and
//    in the history (before -> after, by operator); the export links download the filtered list.
// 2. pimpinan: Pekerja is offered but every NIK is masked (region only) and birth dates are
//    years, no sort by NIK or birth date, no age band, no NIK prefix search, no export, no
//    selection, no edit, no unmask; Audit is not offered and /audit says the account may not
//    open it.
// 3. auditor: the audit view lists the operator's edit with the new address; "Tampilkan NIK"
//    shows the full NIK and the unmask lands in the audit trail.
// 4. every demo role, signed in through the page: its navigation, regencies, NIK masking, and
//    whether the audit and import pages and routes open.
// 5. a user made with `jaring user add` must change the password before seeing anything else,
//    also after a reload and through the API.
// 6. the server stops cleanly on SIGTERM.
// axe (no serious or critical violation) on every page; screenshots in test-output/
// (registry-list.png, worker.png, worker-edit-error.png, registry-list-pimpinan.png,
// worker-pimpinan.png, audit.png, password-forced.png; with -postgresql on PostgreSQL).
//
// Environment: see harness.mjs (JARING_BIN, JARING_TEST_OUTPUT, CHROMIUM, JARING_TEST_PG,
// JARING_REQUIRE_PG).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  closeBrowser,
  describeOnEachEngine,
  jaringBin,
  newPage as harnessPage,
  prepare,
  seriousAxeViolations,
  signIn,
  sql,
} from './harness.mjs';

const REGENCY = '35.14';
const NEW_ADDRESS = 'Dusun Krajan RT 02 RW 05 (uji e2e)';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-e2e-registry-'));

before(prepare);

after(async () => {
  await closeBrowser();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * A fresh page that records console errors; the API's deliberate 403 (a page a role may not open)
 * and 422 (the refused NIK) answers are expected, not page errors (401 before sign-in always is).
 */
const newPage = () =>
  harnessPage({ expectedFailures: [{ status: 403, url: /\/api\/v1\// }, { status: 422, url: /\/api\/v1\// }] });

const navNames = (page) =>
  page.locator('.site-nav a').evaluateAll((links) => links.map((a) => a.textContent.trim()));

// What each demo role may open, from the role table (src/auth/roles.cpp): the navigation, the
// regencies it can pick, whether the registry shows NIKs, and the audit and import pages.
const ROLE_VIEW = {
  admin_provinsi: { nav: ['Dasbor', 'Pekerja', 'Verval', 'Program', 'Klaim', 'Monev', 'Versi aturan', 'Audit'], fullNik: false, audit: true, importer: false },
  admin_daerah: { nav: ['Dasbor', 'Pekerja', 'Verval', 'Program', 'Klaim', 'Monev', 'Versi aturan', 'Audit'], fullNik: false, audit: true, importer: false },
  operator: { nav: ['Dasbor', 'Pekerja', 'Impor', 'Verval', 'Program', 'Klaim', 'Monev', 'Versi aturan'], fullNik: true, audit: false, importer: true },
  verifikator: { nav: ['Dasbor', 'Pekerja', 'Verval', 'Program', 'Klaim', 'Monev', 'Versi aturan'], fullNik: true, audit: false, importer: false },
  bpjs: { nav: ['Dasbor', 'Pekerja', 'Verval', 'Program', 'Klaim', 'Monev', 'Versi aturan'], fullNik: true, audit: false, importer: false },
  pimpinan: { nav: ['Dasbor', 'Pekerja', 'Verval', 'Program', 'Klaim', 'Monev', 'Versi aturan'], fullNik: false, audit: false, importer: false },
  auditor: { nav: ['Dasbor', 'Pekerja', 'Verval', 'Program', 'Klaim', 'Monev', 'Versi aturan', 'Audit'], fullNik: false, audit: true, importer: false },
};

describeOnEachEngine('registry', 'registry', tmp, (run) => {
  /** The demo worker the operator edits: {id, name, nik, address}. */
  let target;

  before(() => {
    // A worker whose full name is unique in the regency and has a "u" to misspell as "oe"
    // (replace() is case-sensitive on both engines, as GLOB was).
    const rows = sql(
      run.db,
      `SELECT id, name, nik, address FROM workers WHERE regency_code='${REGENCY}' AND replace(name, 'u', '') <> name ` +
        `AND length(nik)=16 AND name IN (SELECT name FROM workers WHERE regency_code='${REGENCY}' ` +
        `GROUP BY name HAVING count(*)=1) ORDER BY id LIMIT 1`,
    );
    assert.equal(rows.length, 1, 'no demo worker with a unique name containing "u"');
    const [id, name, nik, address] = rows[0];
    target = { id: Number(id), name, nik, address };
  });

  async function screenshot(page, name) {
    const file = run.shot(name);
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 5_000, `${path.basename(file)} is suspiciously small`);
  }

  test('operator finds a misspelt worker, edits them, and sees the change in the history', { timeout: 300_000 }, async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, run.server, 'operator', '/', 'user-name');
    assert.deepEqual(await navNames(page), ['Dasbor', 'Pekerja', 'Impor', 'Verval', 'Program', 'Klaim', 'Monev', 'Versi aturan']);

    // Pekerja, through the navigation (the router, not a reload).
    await page.getByRole('link', { name: 'Pekerja', exact: true }).click();
    await page.getByTestId('workers-table').waitFor({ timeout: 30_000 });
    assert.equal(new URL(page.url()).pathname, '/pekerja');
    assert.equal(await page.locator('[data-testid=nav-workers]').getAttribute('aria-current'), 'page');
    const [[total]] = sql(run.db, `SELECT count(*) FROM workers WHERE regency_code='${REGENCY}'`);
    const range = (await page.getByTestId('workers-range').textContent()).trim();
    // Lists count exactly up to 10,000 (the API's total_exact); the demo regency has more.
    const shown = Number(total) > 10_000 ? 'lebih dari 10.000' : Number(total).toLocaleString('id-ID');
    assert.equal(range, `1–50 dari ${shown}`);
    assert.equal(await page.getByTestId('worker-row').count(), 50);
    assert.equal(await page.getByTestId('export-xlsx').count(), 1);
    await screenshot(page, 'registry-list');
    assert.deepEqual(await seriousAxeViolations(page), []);

    // Two workers of the page (not the one edited below) suspended at once; a reason is required.
    const candidates = await page
      .getByTestId('worker-row')
      .evaluateAll((rows) => rows.filter((r) => r.dataset.status !== 'ditangguhkan').map((r) => Number(r.dataset.id)));
    const chosen = candidates.filter((id) => id !== target.id).slice(0, 2);
    assert.equal(chosen.length, 2, 'fewer than two workers to suspend on the first page');
    for (const id of chosen) await page.locator(`[data-testid=worker-row][data-id="${id}"] input[type=checkbox]`).check();
    await page.getByTestId('bulk-status').selectOption('ditangguhkan');
    await page.getByTestId('bulk-submit').click();
    await page.waitForFunction(() => document.querySelector('#bulk-error')?.textContent !== '');
    assert.equal((await page.locator('#bulk-error').textContent()).trim(), 'Isi alasan perubahan status.');
    await page.getByTestId('bulk-reason').fill('Pindah domisili (uji e2e)');
    await page.getByTestId('bulk-submit').click();
    await page.getByTestId('workers-notice').waitFor({ timeout: 30_000 });
    assert.equal((await page.getByTestId('workers-notice').textContent()).trim(), 'Status 2 pekerja diubah.');
    assert.deepEqual(sql(run.db, `SELECT DISTINCT status FROM workers WHERE id IN (${chosen.join(',')})`), [['ditangguhkan']]);

    // Sorting by a header is in the URL and in the table's aria-sort.
    await page.getByTestId('sort-name').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-name');
    await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.getAttribute('aria-sort') === 'descending');

    // The old spelling ("oe" for "u") still finds the worker.
    const misspelt = target.name.replace('u', 'oe');
    assert.notEqual(misspelt, target.name);
    await page.getByLabel('Cari NIK atau nama').fill(misspelt);
    // The list keeps the sorted rows on screen while the search is read (marked aria-busy, from
    // the frame after the address changes): wait for the search's answer and a table no longer
    // busy, so that the row found is the search's, not one of the page before.
    const searched = page.waitForResponse((r) => /\/workers\?/.test(r.url()) && new URL(r.url()).searchParams.get('q') === misspelt, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === misspelt);
    await searched;
    const row = page.locator(`[data-testid=worker-row][data-id="${target.id}"]`);
    await page.locator(`[data-testid=workers-table]:not([aria-busy]) [data-testid=worker-row][data-id="${target.id}"]`).waitFor({ timeout: 30_000 });
    assert.equal((await row.getByTestId('worker-nik').textContent()).trim(), target.nik);

    // The export links carry the same filter; the download is a file with the worker in it.
    const csvHref = await page.getByTestId('export-csv').getAttribute('href');
    assert.match(csvHref, /^\/api\/v1\/regencies\/35\.14\/workers\/export\?format=csv&/);
    assert.equal(new URL(csvHref, run.server.url).searchParams.get('q'), misspelt);
    const csv = await page.request.get(`${run.server.url}${csvHref}`);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-disposition'] ?? '', /attachment; filename="?pekerja-35\.14-\d{4}-\d{2}-\d{2}\.csv/);
    assert.ok((await csv.text()).includes(target.nik), 'the CSV export lacks the found worker');

    // The worker page: every field, the full NIK for an operator.
    await row.getByTestId('worker-link').click();
    await page.getByTestId('worker-name').waitFor({ timeout: 30_000 });
    assert.equal(new URL(page.url()).pathname, `/pekerja/${target.id}`);
    assert.equal((await page.getByTestId('worker-name').textContent()).trim(), target.name);
    assert.equal((await page.getByTestId('worker-nik').textContent()).trim(), target.nik);
    assert.match(await page.locator('[data-field=birth_date] dd').textContent(), /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    await screenshot(page, 'worker');
    assert.deepEqual(await seriousAxeViolations(page), []);

    // A NIK of three digits: the server refuses, its message sits next to the NIK field.
    await page.getByTestId('edit').click();
    await page.getByTestId('edit-form').waitFor();
    await page.getByLabel('NIK', { exact: true }).fill('123');
    await page.getByTestId('edit-save').click();
    const nikError = page.getByTestId('edit-nik-error');
    await nikError.waitFor({ timeout: 30_000 });
    assert.ok((await nikError.textContent()).trim().length > 0);
    assert.equal(await page.getByLabel('NIK', { exact: true }).getAttribute('aria-invalid'), 'true');
    // The form moves the focus to the refused field after the error has drawn (setTimeout 0).
    await page.waitForFunction(() => document.activeElement?.id === 'edit-nik', undefined, { timeout: 10_000 });
    await screenshot(page, 'worker-edit-error');
    assert.deepEqual(await seriousAxeViolations(page), []);
    const [[nikNow]] = sql(run.db, `SELECT nik FROM workers WHERE id=${target.id}`);
    assert.equal(nikNow, target.nik, 'a refused edit changed the database');

    // Put the NIK back, change the address: saved, in the database, in the history.
    await page.getByLabel('NIK', { exact: true }).fill(target.nik);
    await page.getByLabel('Alamat').fill(NEW_ADDRESS);
    await page.getByTestId('edit-save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=worker-notice]')?.textContent === 'Perubahan disimpan.');
    const [[addressNow]] = sql(run.db, `SELECT address FROM workers WHERE id=${target.id}`);
    assert.equal(addressNow, NEW_ADDRESS);
    assert.equal((await page.locator('[data-field=address] dd').textContent()).trim(), NEW_ADDRESS);
    // Its last change is shown in WIB, as the audit view shows it, not in the browser's zone (UTC).
    const saved = await (await page.request.get(`${run.server.url}/api/v1/regencies/${REGENCY}/workers/${target.id}`)).json();
    const changedWib = new Date(new Date(saved.updated_at).getTime() + 7 * 3600_000);
    const changedHhmm = `${String(changedWib.getUTCHours()).padStart(2, '0')}.${String(changedWib.getUTCMinutes()).padStart(2, '0')}`;
    assert.ok((await page.locator('[data-field=updated_at] dd').textContent()).trim().endsWith(changedHhmm), `expected ${changedHhmm} WIB`);
    const history = page.getByTestId('history-row').first();
    await history.waitFor({ timeout: 10_000 });
    const historyText = await history.textContent();
    assert.ok(historyText.includes('operator'), `history row without the actor: ${historyText}`);
    assert.ok(historyText.includes(NEW_ADDRESS), `history row without the new address: ${historyText}`);
    assert.ok(historyText.includes('Alamat'), `history row without the field label: ${historyText}`);

    // Back returns to the search, with the query still in place.
    await page.goBack();
    await page.getByTestId('workers-table').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByLabel('Cari NIK atau nama').inputValue(), misspelt);

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('pimpinan sees masked NIKs only, changes nothing, and has no audit view', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, run.server, 'pimpinan', '/', 'user-name');
    const nav = await navNames(page);
    assert.ok(!nav.includes('Audit'), `pimpinan is offered Audit: ${nav}`);
    assert.ok(!nav.includes('Impor'), `pimpinan is offered Impor: ${nav}`);
    assert.ok(nav.includes('Pekerja'));

    await page.getByRole('link', { name: 'Pekerja', exact: true }).click();
    await page.getByTestId('workers-table').waitFor({ timeout: 30_000 });
    const niks = await page.getByTestId('worker-nik').allTextContents();
    assert.equal(niks.length, 50);
    for (const nik of niks) assert.match(nik.trim(), /^\d{4}\*{12}$/, `NIK not masked for pimpinan: ${nik}`);
    // No order by NIK or birth date, no age bands: they would show the hidden digits through.
    assert.equal(await page.getByTestId('sort-nik').count(), 0);
    assert.equal(await page.getByTestId('sort-birth_date').count(), 0);
    assert.match(await page.getByTestId('workers-table').locator('thead').textContent(), /Tahun lahir/);
    assert.equal(await page.locator('#filter-age_band').count(), 0);
    assert.equal((await page.request.get(`${run.server.url}/api/v1/regencies/${REGENCY}/workers?sort=nik`)).status(), 400);
    assert.equal((await page.request.get(`${run.server.url}/api/v1/regencies/${REGENCY}/workers?q=${target.nik.slice(0, 10)}`)).status(), 400);
    assert.equal(await page.getByTestId('export-xlsx').count(), 0);
    assert.equal(await page.getByTestId('select-all').count(), 0);
    await screenshot(page, 'registry-list-pimpinan');
    assert.deepEqual(await seriousAxeViolations(page), []);

    await page.goto(`${run.server.url}/pekerja/${target.id}`);
    await page.getByTestId('worker-name').waitFor({ timeout: 30_000 });
    assert.notEqual((await page.getByTestId('worker-nik').textContent()).trim(), target.nik);
    // The birth year only, called so, no date and no age.
    assert.match((await page.locator('[data-field=birth_year] dd').textContent()).trim(), /^\d{4}$/);
    assert.equal((await page.locator('[data-field=birth_year] dt').textContent()).trim(), 'Tahun lahir');
    assert.equal(await page.locator('[data-field=birth_date], [data-field=age]').count(), 0);
    if (await page.getByTestId('household').count()) {
      assert.match(await page.getByTestId('household').locator('thead').textContent(), /Tahun lahir/);
    }
    assert.equal(await page.getByTestId('edit').count(), 0);
    assert.equal(await page.getByTestId('unmask').count(), 0);
    await screenshot(page, 'worker-pimpinan');

    await page.goto(`${run.server.url}/audit`);
    await page.getByTestId('forbidden').waitFor({ timeout: 30_000 });
    assert.equal((await page.request.get(`${run.server.url}/api/v1/audit`)).status(), 403);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('auditor sees the edit in the audit view and unmasks a NIK, which is audited too', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, run.server, 'auditor', '/', 'user-name');
    assert.ok((await navNames(page)).includes('Audit'));
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByTestId('audit-table').waitFor({ timeout: 30_000 });
    const edit = page.locator(`[data-testid=audit-row][data-action=update][data-record="worker/${target.id}"]`).first();
    await edit.waitFor({ timeout: 10_000 });
    const editText = await edit.textContent();
    assert.ok(editText.includes('operator'), editText);
    assert.ok(editText.includes(NEW_ADDRESS), editText);
    // Its time is shown in WIB, the zone of the date filters, not in the browser's own (UTC here).
    const sequence = Number(await edit.getAttribute('data-sequence'));
    const listed = await (await page.request.get(`${run.server.url}/api/v1/audit?record_type=worker&record_id=${target.id}`)).json();
    const at = new Date(listed.items.find((item) => item.sequence === sequence).at);
    const wib = new Date(at.getTime() + 7 * 3600_000);
    const hhmm = `${String(wib.getUTCHours()).padStart(2, '0')}.${String(wib.getUTCMinutes()).padStart(2, '0')}`;
    assert.ok((await edit.locator('td').first().textContent()).endsWith(hhmm), `expected ${hhmm} WIB`);
    // Newest first.
    const sequences = (await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => Number(r.dataset.sequence))));
    assert.deepEqual(sequences, [...sequences].sort((a, b) => b - a));
    await screenshot(page, 'audit');
    assert.deepEqual(await seriousAxeViolations(page), []);

    // Filtered to the worker, from the URL.
    await page.getByLabel('ID data').fill(String(target.id));
    await page.getByTestId('audit-apply').click();
    await page.waitForURL((url) => url.searchParams.get('record_id') === String(target.id));
    await page.waitForFunction(
      (id) => {
        const rows = [...document.querySelectorAll('[data-testid=audit-row]')];
        return rows.length > 0 && rows.every((r) => r.dataset.record.endsWith(`/${id}`));
      },
      target.id,
    );

    // Unmask on the worker page: the full NIK, and an unmask entry in the trail.
    await page.goto(`${run.server.url}/pekerja/${target.id}`);
    await page.getByTestId('unmask').waitFor({ timeout: 30_000 });
    assert.notEqual((await page.getByTestId('worker-nik').textContent()).trim(), target.nik);
    await page.getByTestId('unmask').click();
    await page.waitForFunction(
      (nik) => document.querySelector('[data-testid=worker-nik]')?.textContent.trim() === nik,
      target.nik,
    );
    await page.goto(`${run.server.url}/audit?action=unmask`);
    await page.locator(`[data-testid=audit-row][data-action=unmask][data-record="worker/${target.id}"]`).first().waitFor({ timeout: 30_000 });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('each demo role signs in through the page and sees only what its role may see', { timeout: 300_000 }, async () => {
    const printed = [...run.server.log().matchAll(/^jaring: {3}(\S+) +.+ (\d\d(?:\.\d\d)?)$/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(printed.map(([name]) => name).sort(), Object.keys(ROLE_VIEW).sort());
    for (const [username, scope] of printed) {
      const expected = ROLE_VIEW[username];
      const { context, page, problems } = await newPage();
      await signIn(page, run.server, username, '/', 'user-name');
      assert.deepEqual(await navNames(page), expected.nav, username);

      const regencies = await (await page.request.get(`${run.server.url}/api/v1/regencies`)).json();
      const codes = regencies.items.map((r) => r.code);
      if (scope === REGENCY) assert.deepEqual(codes, [REGENCY], username);
      else assert.ok(codes.includes(REGENCY) && codes.every((c) => c.startsWith('35.')), `${username}: ${codes}`);

      const list = await page.request.get(`${run.server.url}/api/v1/regencies/${REGENCY}/workers?page_size=20`);
      assert.equal(list.status(), 200, username);
      for (const worker of (await list.json()).items) {
        assert.equal(/^\d{16}$/.test(worker.nik), expected.fullNik, `${username} sees NIK ${worker.nik}`);
      }
      // Outside its scope: the neighbouring regency for a regency role, a Banten regency for the province.
      const foreign = scope === REGENCY ? '35.13' : '36.01';
      assert.equal((await page.request.get(`${run.server.url}/api/v1/regencies/${foreign}/workers`)).status(), 403, username);
      assert.equal((await page.request.get(`${run.server.url}/api/v1/audit`)).status(), expected.audit ? 200 : 403, username);
      assert.equal((await page.request.get(`${run.server.url}/api/v1/regencies/${REGENCY}/import-templates`)).status(),
        expected.importer ? 200 : 403, username);
      await page.goto(`${run.server.url}/audit`);
      await page.getByTestId(expected.audit ? 'audit' : 'forbidden').waitFor({ timeout: 30_000 });
      await page.goto(`${run.server.url}/impor`);
      await page.getByTestId(expected.importer ? 'import-page' : 'forbidden').waitFor({ timeout: 30_000 });
      assert.deepEqual(problems, [], username);
      await context.close();
    }
  });

  test('a new account must change its password before anything else', { timeout: 120_000 }, async () => {
    const first = 'Sementara-2026-awal';
    const chosen = 'Kebun-Kopi-Tosari-77';
    execFileSync(jaringBin, ['user', 'add', 'operator2', '--role', 'operator', '--scope', REGENCY, '--password-stdin',
      '--db', run.db.url], { input: `${first}\n`, cwd: tmp, stdio: ['pipe', 'ignore', 'inherit'] });
    const { context, page, problems } = await newPage();
    await signIn(page, run.server, 'operator2', '/', 'user-name', first);
    await page.getByTestId('password-forced').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.site-nav').count(), 0);
    assert.equal(await page.getByTestId('dashboard').count(), 0);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await screenshot(page, 'password-forced');
    // The server's rule, not only the page's: a reload keeps the form, the API refuses the rest.
    await page.reload();
    await page.getByTestId('password-forced').waitFor({ timeout: 30_000 });
    const refused = await page.request.get(`${run.server.url}/api/v1/regencies/${REGENCY}/workers`);
    assert.equal(refused.status(), 403);
    assert.equal((await refused.json()).code, 'PASSWORD_CHANGE_REQUIRED');

    await page.getByLabel('Kata sandi saat ini').fill(first);
    await page.getByLabel('Kata sandi baru', { exact: true }).fill(chosen);
    await page.getByLabel('Ulangi kata sandi baru').fill(`${chosen}x`);
    await page.getByTestId('password-submit').click();
    assert.equal((await page.getByTestId('password-error').textContent()).trim(), 'Kata sandi baru dan ulangannya tidak sama.');
    await page.getByLabel('Ulangi kata sandi baru').fill(chosen);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('workers-total').waitFor({ timeout: 30_000 });
    assert.ok((await navNames(page)).includes('Pekerja'));

    // The new password works, the old one no longer does.
    const { context: fresh } = await newPage();
    assert.equal((await fresh.request.post(`${run.server.url}/api/v1/session`, { data: { username: 'operator2', password: first } })).status(), 401);
    assert.equal((await fresh.request.post(`${run.server.url}/api/v1/session`, { data: { username: 'operator2', password: chosen } })).status(), 200);
    await fresh.close();
    assert.deepEqual(problems, []);
    await context.close();
  });
});
