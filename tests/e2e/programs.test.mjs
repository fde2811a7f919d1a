// Browser test of programs, their budget and simulator, and the rule versions (issue 13, the
// UI of items 1, 4 and 6), end to end, as a newcomer does it.
//
// Starts `jaring serve --demo` on a fresh SQLite file, and again on a fresh PostgreSQL schema
// when JARING_TEST_PG is set (scripts/with-postgres.sh; JARING_REQUIRE_PG=1 makes its absence a
// failure). On each, in Debian's Chromium:
//   - the demo operator opens "Program" from the navigation (a real link now), finds no program,
//     and creates the Pasuruan program (Rp 2.800.000.000 DBHCHT, September–December 2025, quota
//     28.448) through the form: an unreadable budget is refused next to its field before
//     anything is sent, a period ending before it starts is refused by the server next to the
//     period, in Indonesian;
//   - the program's page shows its facts and the simulator with docs/programs.md's figures
//     (Rp 477.926.400 a month, 5 whole months, paid until Januari 2026, 41.666 workers to the
//     end, Rp 888.294.400 left at the end, Rp 67.558.400 short of a sixth month, in red); one
//     worker more than the budget pays shows a shortfall as a shortfall;
//   - the budget by month: the table and chart when the server has GET …/budget-months (its
//     figures exactly as the API gives them), else the page's sentence that it is not there yet;
//   - a PAK (Rp 3.200.000.000, "Perbup 88/2025", 15 Oktober 2025): the new budget, the budget
//     line with its decree and date, and a simulator that now pays 6 whole months;
//   - enrolment (enrolmentSteps): September 2025 settled through the API as the verifikator; on
//     the program's "Kepesertaan" tab the operator is refused October (not settled: a link to
//     Verval), creates the batch from September (settled = ineligible + already + eligible,
//     selected + waiting = eligible, the P3KE note; no approve button for the operator), the
//     verifikator approves it (a stale window of theirs is then refused in the server's words),
//     the operator downloads the BPJS file (.xlsx, the reference and the NIK as text in its
//     rows), imports an answer with planted mismatches (3 names spelt differently, 2 rejected,
//     1 unknown NIK) and sees its counts exactly and its lines; a matched worker's coverage
//     history (1 September – 31 Desember 2025, terdaftar, akhir program), a rejected worker's
//     enrolment; the budget by month committed September–December; the ineligible list (only unusable NIKs
//     here; by village with reasons and an .xlsx for a second program for ages 18–60 with 100
//     places, created through the API);
//   - the list shows the program's period, funding, budget after the PAK and quota;
//   - rule versions: the operator sees the built-in versions in force and no form; the province
//     administrator adds a contribution version from 1 Juli 2026 (JKM Rp 7.000) with the form
//     prefilled from the version in force, is refused an overlapping one, adds a payment-terms
//     version by uploading a policy file, and sees each in force on its date.
// axe on every view, no console error, the page never wider than its 1366-pixel window.
// Screenshots: test-output/programs-list.png, programs-form.png, program-detail.png (before the
// PAK), program-revised.png (after it), enrolment-batches.png, enrolment-answer.png,
// worker-coverage.png, program-ineligible.png, policy-versions.png (with -postgresql on
// PostgreSQL).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  apiSession,
  assertNoPageOverflow,
  closeBrowser,
  freshDatabase,
  newPage,
  pgSkip,
  prepare,
  readXlsxRows,
  rp,
  seriousAxeViolations,
  shotPath,
  signIn,
  startServer,
  textOf,
} from './harness.mjs';

const REGENCY = '35.14';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-e2e-programs-'));

before(prepare);

after(async () => {
  await closeBrowser();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Chooses a month in a MonthField (`id`-month and `id`-year lists). */
async function chooseMonth(page, id, year, month) {
  await page.getByTestId(`${id}-year`).selectOption(String(year));
  await page.getByTestId(`${id}-month`).selectOption(String(month));
}

/** Chooses a date in a DateField. */
async function chooseDate(page, id, year, month, day) {
  await page.getByTestId(`${id}-year`).selectOption(String(year));
  await page.getByTestId(`${id}-month`).selectOption(String(month));
  await page.getByTestId(`${id}-day`).selectOption(String(day));
}

/** The simulator's figure `name`: its raw value and the text shown. */
async function figure(page, name) {
  const box = page.getByTestId(`sim-${name}`);
  return { value: await box.getAttribute('data-value'), value_text: await textOf(box.locator('.sim-value')), box };
}

/** Waits for the simulator's answer for `workers` workers. */
async function simulated(page, workers) {
  await page.locator(`[data-testid=sim-result][data-state=ready] [data-testid=sim-figures][data-workers="${workers}"]`).waitFor({ timeout: 30_000 });
}

// ---- The program -----------------------------------------------------------------------------------

/** The operator creates the Pasuruan program through the form; returns its id. */
async function createPasuruan(page, shot) {
  await page.getByTestId('program-new').click();
  const form = page.getByTestId('program-form');
  await form.waitFor({ timeout: 10_000 });
  // The list opens the form, then moves the focus into it (setTimeout 0): wait for it there.
  await page.waitForFunction(() => document.activeElement?.id === 'program-name', undefined, { timeout: 10_000 });
  await page.getByTestId('program-name').fill('Perlindungan pekerja rentan 2025');
  assert.equal(await page.getByTestId('funding-source-0').inputValue(), 'DBHCHT');
  await chooseMonth(page, 'program-from', 2025, 9);
  await chooseMonth(page, 'program-to', 2025, 8);
  await page.getByTestId('program-quota').fill('28448');

  // An amount in words is refused here, next to the budget, before anything is sent.
  await page.getByTestId('program-budget').fill('2,8 miliar');
  await page.getByTestId('program-save').click();
  await page.getByTestId('program-budget-error').waitFor({ timeout: 10_000 });
  assert.match(await textOf(page.getByTestId('program-budget-error')), /rupiah penuh/);
  assert.equal(await page.getByTestId('program-budget').getAttribute('aria-invalid'), 'true');
  // The focus goes to the refused field after the error has drawn (setTimeout 0).
  await page.waitForFunction(() => document.activeElement?.id === 'program-budget', undefined, { timeout: 10_000 });

  // Written the Indonesian way, it is read; the server then refuses the period, next to it.
  await page.getByTestId('program-budget').fill('2.800.000.000');
  await page.getByTestId('program-save').click();
  await page.getByTestId('program-period-error').waitFor({ timeout: 30_000 });
  assert.equal(
    await textOf(page.getByTestId('program-period-error')),
    'Periode berakhir (Agustus 2025) sebelum dimulai (September 2025)',
  );
  assert.match(await textOf(page.getByTestId('program-form-summary')), /^Program tidak disimpan: Periode berakhir/);
  assert.equal(await page.getByTestId('program-budget-error').count(), 0, 'the budget is still marked after it was corrected');
  assert.equal(await page.getByTestId('program-quota').inputValue(), '28.448', 'the quota is not written back with thousands dots');
  assert.deepEqual(await seriousAxeViolations(page), []);
  await assertNoPageOverflow(page, 'program form');
  await page.screenshot({ path: shot('programs-form'), fullPage: true });

  await chooseMonth(page, 'program-to', 2025, 12);
  await page.getByTestId('program-save').click();
  await page.getByTestId('program-page').waitFor({ timeout: 30_000 });
  const id = Number(await page.getByTestId('program-page').getAttribute('data-program'));
  assert.ok(id > 0);
  assert.match(page.url(), new RegExp(`/program/${id}$`));
  return id;
}

/** The docs/programs.md table, September–December 2025, on the page and in the API alike. */
async function checkSimulator(page, server, id) {
  await simulated(page, 28448);
  assert.equal(await page.getByTestId('sim-workers').inputValue(), '28.448', 'the simulator does not start from the quota');
  const api = await (await page.request.get(`${server.url}/api/v1/regencies/${REGENCY}/programs/${id}/simulation`)).json();
  const expected = {
    monthly_cost: 477926400,
    whole_months: 5,
    covered_until: '2026-01',
    workers_until_end: 41666,
    shortfall: 0,
    shortfall_next_month: 67558400,
    surplus: 888294400,
    left: 410368000,
  };
  for (const [key, value] of Object.entries(expected)) assert.equal(api[key], value, `simulation ${key}`);

  const shown = {
    'monthly-cost': [477926400, rp(477926400)],
    'whole-months': [5, '5 bulan'],
    'covered-until': ['2026-01', 'Januari 2026'],
    'workers-until-end': [41666, '41.666 pekerja'],
    shortfall: [0, 'Tidak kurang'],
    surplus: [888294400, rp(888294400)],
    left: [410368000, rp(410368000)],
    'shortfall-next-month': [67558400, `Kurang ${rp(67558400)}`],
    'cost-until-end': [1911705600, rp(1911705600)],
  };
  for (const [name, [value, text]] of Object.entries(shown)) {
    const f = await figure(page, name);
    assert.equal(f.value, String(value), `${name}: raw value`);
    assert.equal(f.value_text, text, `${name}: as shown`);
  }
  // A shortfall is red and says so; the label says what the figure is.
  const next = await figure(page, 'shortfall-next-month');
  assert.match(await next.box.getAttribute('class'), /\bsim-short\b/);
  assert.equal(await next.box.locator('.sim-value').evaluate((e) => getComputedStyle(e).color), 'rgb(161, 38, 34)');
  assert.match(await textOf(next.box), /Kekurangan untuk satu bulan lagi.*biaya Februari 2026: Rp.477\.926\.400/);
  assert.match(await textOf(page.getByTestId('sim-covered-until')), /melewati akhir program \(Desember 2025\)/);
  assert.equal(
    await textOf(page.getByTestId('sim-summary')),
    `Anggaran ${rp(2800000000)} membiayai 28.448 pekerja selama 5 bulan penuh (September 2025 – Januari 2026). ` +
      `Sampai akhir program (Desember 2025) anggaran cukup dan bersisa ${rp(888294400)}.`,
  );

  // One worker more than the budget pays to the end: a shortfall, shown as one.
  await page.getByTestId('sim-workers').fill('41667');
  await page.getByTestId('sim-run').click();
  await simulated(page, 41667);
  const short = await figure(page, 'shortfall');
  assert.equal(short.value, '22400'); // 41.667 × Rp 16.800 × 4 months − Rp 2.800.000.000
  assert.equal(short.value_text, `Kurang ${rp(22400)}`);
  assert.match(await short.box.getAttribute('class'), /\bsim-short\b/);
  assert.equal(await page.getByTestId('sim-surplus').count(), 0, 'a surplus beside a shortfall');
  assert.match(await textOf(page.getByTestId('sim-summary')), /anggaran kurang Rp.22\.400\.$/);
  assert.equal(await page.getByTestId('sim-workers').inputValue(), '41.667');

  // One worker: the budget outlasts the calendar (the server then has no next month); the page
  // shows what it has and leaves out the figure it lacks.
  await page.getByTestId('sim-workers').fill('1');
  await page.getByTestId('sim-run').click();
  await simulated(page, 1);
  const one = await (await page.request.get(`${server.url}/api/v1/regencies/${REGENCY}/programs/${id}/simulation?workers=1`)).json();
  assert.equal((await figure(page, 'whole-months')).value, String(one.whole_months));
  assert.equal(await page.getByTestId('sim-shortfall-next-month').count(), one.next_month ? 1 : 0);

  // Back to the quota (an empty field is the quota), pricing a PAK: 6.250 more workers from
  // September (Probolinggo's 18.000 -> 24.250) cost 6.250 × Rp 16.800 × 4 months, and the
  // budget then lacks 1.911.705.600 + 420.000.000 - 2.800.000.000 = nothing.
  await page.getByTestId('sim-workers').fill('');
  await page.getByTestId('sim-add-workers').fill('6250');
  await page.getByTestId('sim-run').click();
  await page.getByTestId('sim-pak-cost').waitFor({ timeout: 30_000 });
  await simulated(page, 28448);
  assert.equal(await page.getByTestId('sim-workers').inputValue(), '28.448');
  assert.equal((await figure(page, 'pak-cost')).value, '420000000');
  assert.equal((await figure(page, 'pak-cost')).value_text, rp(420000000));
  assert.equal((await figure(page, 'pak-shortfall')).value, '0');
  await page.getByTestId('sim-add-workers').fill('20000');
  await page.getByTestId('sim-run').click();
  // 1.911.705.600 + 20.000 × Rp 16.800 × 4 = 3.255.705.600: Rp 455.705.600 short, in red.
  await page.locator('[data-testid=sim-pak-shortfall][data-value="455705600"]').waitFor({ timeout: 30_000 });
  assert.equal((await figure(page, 'pak-shortfall')).value_text, `Kurang ${rp(455705600)}`);
  await page.getByTestId('sim-add-workers').fill('');
  await page.getByTestId('sim-run').click();
  await page.locator('[data-testid=sim-result][data-state=ready]').waitFor({ timeout: 30_000 });
  await page.getByTestId('sim-pak').waitFor({ state: 'detached', timeout: 30_000 });
}

/** The budget by month: the chart and its table when the server has them, else the page says so. */
async function checkBudgetMonths(page, server, id, budget) {
  const response = await page.request.get(`${server.url}/api/v1/regencies/${REGENCY}/programs/${id}/budget-months`);
  const panel = page.getByTestId('budget-months');
  if (response.status() === 404) {
    // The route is missing (not the program): the server's router answers before any handler.
    assert.equal((await response.json()).detail, 'Alamat tidak ditemukan');
    await page.getByTestId('budget-months-unavailable').waitFor({ timeout: 30_000 });
    assert.match(await textOf(page.getByTestId('budget-months-unavailable')), /belum tersedia di server ini/);
    assert.equal(await page.getByTestId('budget-chart').count(), 0);
    return;
  }
  assert.equal(response.status(), 200, `budget-months: ${await response.text()}`);
  const data = await response.json();
  assert.equal(data.budget, budget);
  assert.deepEqual(
    data.months.map((m) => m.month),
    ['2025-09', '2025-10', '2025-11', '2025-12'],
    'one entry per month of the period',
  );
  await panel.locator('[data-testid=budget-chart] svg').waitFor({ timeout: 30_000 });
  const expected = data.months.map((m) => [m.month, data.billed_available ? [m.committed, m.billed, m.remaining] : [m.committed, m.remaining]]);
  // The table's rows; given the rows wanted, whether the table shows them.
  const budgetRows = (want) => {
    const rows = [...document.querySelectorAll('[data-testid=budget-month-row]')].map((tr) => [
      tr.getAttribute('data-month'),
      [...tr.querySelectorAll('td[data-value]')].map((td) => Number(td.getAttribute('data-value'))),
    ]);
    return want === undefined ? rows : JSON.stringify(rows) === JSON.stringify(want);
  };
  // After a PAK the panel reads the months again and keeps the old figures on screen meanwhile:
  // wait for the figures the API gives now (on a timeout the comparison below says what differs).
  await page.waitForFunction(budgetRows, expected, { timeout: 30_000 }).catch(() => undefined);
  assert.deepEqual(await page.evaluate(budgetRows), expected);
  let committed = 0;
  for (const m of data.months) {
    committed += m.committed;
    assert.equal(m.remaining, budget - committed, `${m.month}: remaining is the budget minus what is committed so far`);
  }
  if (!data.billed_available) {
    assert.equal(await textOf(page.getByTestId('no-bills')), 'Tagihan belum ada (menyusul dengan modul tagihan).');
    assert.doesNotMatch(await textOf(page.getByTestId('budget-months-table')), /Ditagih/);
  }
}

/** The PAK: Rp 3.200.000.000 by Perbup 88/2025 of 15 Oktober 2025. */
async function revise(page) {
  const form = page.getByTestId('revise-form');
  await form.scrollIntoViewIfNeeded();
  assert.match(await textOf(form), /anggaran sekarang Rp.2\.800\.000\.000/);
  await page.getByTestId('revise-budget').fill('Rp 3.200.000.000');
  await page.getByTestId('revise-save').click();
  await page.getByTestId('revise-decree-error').waitFor({ timeout: 10_000 });
  // The focus goes to the refused field after the error has drawn (setTimeout 0).
  await page.waitForFunction(() => document.activeElement?.id === 'revise-decree', undefined, { timeout: 10_000 });
  await page.getByTestId('revise-decree').fill('Perbup 88/2025');
  await chooseDate(page, 'revise-date', 2025, 10, 15);
  await page.getByTestId('revise-save').click();
  await page.locator('[data-testid=revise-status][data-ok=true]').waitFor({ timeout: 30_000 });
  // The quota field left empty: the PAK keeps the quota (28.448).
  assert.equal(
    await textOf(page.getByTestId('revise-status')),
    `Perubahan anggaran disimpan: anggaran sekarang ${rp(3200000000)}, kuota 28.448 pekerja.`,
  );
  assert.equal(await page.getByTestId('revise-budget').inputValue(), '', 'the form keeps the saved revision');

  assert.equal(await textOf(page.getByTestId('program-budget')), rp(3200000000));
  const lines = page.getByTestId('budget-line');
  assert.equal(await lines.count(), 2);
  const last = lines.nth(1);
  assert.equal(await last.getAttribute('data-kind'), 'revision');
  assert.equal(await last.getAttribute('data-amount'), '3200000000');
  assert.equal(await textOf(last.getByTestId('line-decree')), 'Perbup 88/2025');
  assert.equal(await textOf(last.getByTestId('line-date')), '15 Oktober 2025');
  assert.match(await textOf(last), /Perubahan \(PAK\) 1 berlaku/);
  assert.match(await textOf(last), /\+Rp.400\.000\.000/);
  assert.equal(await textOf(last.getByTestId('line-quota')), '–', 'a PAK without a quota leaves it as it was');
  assert.match(await textOf(lines.nth(0)), /^Anggaran awal Rp.2\.800\.000\.000 – 28\.448 – –/);

  // The simulator reads the new budget: Rp 3,2 miliar pays 6 whole months, until Februari 2026.
  await page.locator('[data-testid=sim-whole-months][data-value="6"]').waitFor({ timeout: 30_000 });
  assert.equal((await figure(page, 'covered-until')).value_text, 'Februari 2026');
  assert.equal((await figure(page, 'left')).value, String(3200000000 - 6 * 477926400));
}

// ---- Enrolment -------------------------------------------------------------------------------------

const SEPTEMBER = '2025-09';
const RUN_TIMEOUT_MS = 300_000;
/** "27.207" as the page writes counts. */
const count = (n) => n.toLocaleString('id-ID');
const regencyApi = `/api/v1/regencies/${REGENCY}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * September 2025 settled for the demo regency through the API, as the verifikator does it in
 * Verval (verval.test.mjs walks those pages): a run, every finding accepted, the month settled.
 * Returns the persons on the settled list.
 */
async function settleSeptember(server) {
  const vf = await apiSession(server, 'verifikator');
  try {
    const started = await vf.post(`${regencyApi}/verval/runs`, { period: SEPTEMBER });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    // The run is a job: the month's overview carries it until it is done (verval_routes.cpp).
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    for (;;) {
      const overview = await vf.get(`${regencyApi}/verval?period=${SEPTEMBER}`);
      assert.equal(overview.status, 200, JSON.stringify(overview.body));
      const job = overview.body.job;
      if (job?.state === 'done') break;
      assert.notEqual(job?.state, 'failed', `the run failed: ${JSON.stringify(job?.error)}`);
      assert.ok(Date.now() < deadline, `the run of ${SEPTEMBER} did not finish: ${JSON.stringify(job)}`);
      await sleep(1000);
    }
    const decided = await vf.post(`${regencyApi}/verval/decisions`, {
      period: SEPTEMBER,
      all: true,
      verdict: 'accept',
      reason: 'Uji e2e: semua temuan diterima',
    });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    const settled = await vf.post(`${regencyApi}/verval/settle`, { period: SEPTEMBER });
    assert.equal(settled.status, 201, JSON.stringify(settled.body));
    assert.ok(settled.body.persons > 20_000, `settled persons: ${settled.body.persons}`);
    return settled.body.persons;
  } finally {
    await vf.dispose();
  }
}

/** A batch card's figure `name` (sel-*, state-*) as its raw value. */
const figureValue = async (card, name) => Number(await card.getByTestId(name).getAttribute('data-value'));

/** A CSV field, quoted. */
const csvField = (value) => `"${String(value).replace(/"/g, '""')}"`;

/** A name spelt differently: its last word with one letter more (Fatima -> Fatimah) or less. */
function respelled(name) {
  const words = name.split(' ');
  const last = words.pop();
  words.push(last.endsWith('h') ? last.slice(0, -1) : `${last}h`);
  return words.join(' ');
}

/**
 * The branch's answer to a batch, with planted mismatches: every usable member accepted with a
 * KPJ, except three with their name spelt differently and two rejected with a reason; and one
 * NIK the registry does not hold. Returns the CSV and what was planted.
 */
function plantedAnswer(members, reference, strangerNik) {
  const differs = new Map([5, 6, 7].map((i) => [members[i].nik, respelled(members[i].name)]));
  const rejected = new Map([
    [members[10].nik, 'NIK tidak padu dengan data Dukcapil'],
    [members[11].nik, 'Terdaftar sebagai peserta penerima upah'],
  ]);
  const lines = ['No,NIK,Nama,No. KPJ,Tanggal Kepesertaan,Status,Keterangan,Referensi'];
  members.forEach((m, i) => {
    const kpj = rejected.has(m.nik) ? '' : `25${String(i + 1).padStart(9, '0')}`;
    const status = rejected.has(m.nik) ? 'Ditolak' : 'Diterima';
    lines.push([i + 1, m.nik, differs.get(m.nik) ?? m.name, kpj, '01/09/2025', status, rejected.get(m.nik) ?? '', reference].map(csvField).join(','));
  });
  lines.push([members.length + 1, strangerNik, 'Orang Tak Dikenal', '259999999999', '01/09/2025', 'Diterima', '', reference].map(csvField).join(','));
  return { csv: `${lines.join('\r\n')}\r\n`, differs, rejected, strangerLine: members.length + 2 };
}

/**
 * Enrolment (issue 13 item 5): September 2025 settled through the API; on the program's
 * "Kepesertaan" page the operator is refused October (not settled, with a link to Verval) and
 * creates the batch from September (its counts add up; no approve button for the operator); the
 * verifikator approves it; the operator downloads the BPJS file (an .xlsx whose rows carry the
 * batch's reference and the NIK as text), imports an answer with planted mismatches and sees its
 * counts exactly and the lines to follow up; a matched worker's coverage history, a rejected
 * worker's enrolment; the budget by month now committed; the ineligible list, empty for this
 * program and filled for a second one with a narrower age range and a small quota.
 */
async function enrolmentSteps(page, server, programId, shot) {
  const persons = await settleSeptember(server);
  const vf = await newPage();
  const stale = await newPage({ expectedFailures: [{ status: 409, url: /\/approval$/ }] });
  try {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('program-tab-enrolment').click();
    await page.getByTestId('enrolment').waitFor({ timeout: 30_000 });
    assert.match(page.url(), new RegExp(`/program/${programId}/kepesertaan$`));
    assert.equal(await page.getByTestId('program-tab-enrolment').getAttribute('aria-current'), 'page');
    await page.getByTestId('batches-none').waitFor({ timeout: 30_000 });
    await page.getByTestId('settled-months').filter({ hasText: 'September 2025' }).waitFor({ timeout: 30_000 });
    assert.equal(await textOf(page.getByTestId('settled-months')), 'Bulan yang sudah ditetapkan dalam periode program: September 2025.');
    assert.equal(await page.getByTestId('batch-month-month').inputValue(), '9', 'the form does not start on the settled month');

    // October is not settled: refused, with the way to Verval.
    await chooseMonth(page, 'batch-month', 2025, 10);
    await page.getByTestId('create-batch-submit').click();
    await page.locator('[data-testid=create-outcome][data-ok=false]').waitFor({ timeout: 30_000 });
    assert.equal(
      await textOf(page.getByTestId('create-outcome')),
      'Oktober 2025 belum ditetapkan, jadi belum ada daftar untuk dipilih. Tetapkan bulan itu lebih dulu di Verval. Buka Verval Oktober 2025',
    );
    assert.equal(await page.getByTestId('open-verval').getAttribute('href'), '/verval?periode=2025-10');
    assert.equal(await page.getByTestId('batch').count(), 0);

    // September: the batch, its counts as the server gives them, and they add up.
    await chooseMonth(page, 'batch-month', 2025, 9);
    await page.getByTestId('create-batch-submit').click();
    await page.locator('[data-testid=create-outcome][data-ok=true]').waitFor({ timeout: 120_000 });
    const card = page.getByTestId('batch');
    await card.waitFor({ timeout: 30_000 });
    assert.equal(await card.count(), 1);
    const batchId = Number(await card.getAttribute('data-batch'));
    const batch = await (await page.request.get(`${server.url}${regencyApi}/enrolment-batches/${batchId}`)).json();
    const c = batch.counts;
    assert.equal(c.settled, persons, 'the batch did not start from the settled list');
    assert.equal(c.settled, c.ineligible + c.already + c.eligible, `settled = ineligible + already + eligible: ${JSON.stringify(c)}`);
    assert.equal(c.selected + c.waiting, c.eligible, `selected + waiting = eligible: ${JSON.stringify(c)}`);
    assert.equal(c.already, 0);
    assert.equal(c.waiting, 0, 'the quota (28.448) exceeds the demo: nobody should wait');
    assert.equal(c.selected, batch.workers);
    for (const key of ['settled', 'ineligible', 'already', 'eligible', 'selected', 'waiting']) {
      assert.equal(await figureValue(card, `sel-${key}`), c[key], `selection ${key}`);
    }
    assert.equal(await textOf(card.getByTestId('sel-selected')), `Dipilih ke batch ini ${count(c.selected)}`);
    assert.equal(await textOf(page.locator('[data-testid=create-outcome]')), `Batch ${batchId} dibuat dari daftar September 2025: ${count(c.selected)} pekerja dipilih.`);
    assert.equal(await card.getAttribute('data-status'), 'created');
    assert.equal(await textOf(card.getByTestId('batch-status')), 'dibuat');
    const reference = `JRG-${REGENCY}-P${programId}-B${batchId}`;
    assert.equal(batch.reference, reference);
    assert.equal(await textOf(card.getByTestId('batch-reference')), reference);
    // The registry has no P3KE data: the page says the extreme-poor rule was not applied.
    assert.ok(c.priority_without_data.includes('extreme_poor'), JSON.stringify(c));
    assert.equal(
      await textOf(card.locator('[data-testid=priority-missing][data-code=extreme_poor]')),
      'Prioritas miskin ekstrem belum dapat diterapkan: registri belum memuat data P3KE.',
    );
    assert.equal(await card.getByTestId('approve').count(), 0, 'the operator may not approve');
    assert.equal(await textOf(card.getByTestId('batch-approved')), 'Belum disetujui verifikator.');
    assert.match(await textOf(card.getByTestId('batch-created')), /^Dibuat oleh operator, \d+ \w+ \d{4} \d{2}\.\d{2}\.$/);
    assert.equal(await card.getByTestId('state-sent').getAttribute('data-value'), String(c.selected));
    assert.deepEqual(await seriousAxeViolations(page), []);
    await assertNoPageOverflow(page, 'enrolment');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot('enrolment-batches'), fullPage: true });

    // ---- The verifikator approves (no form, no file, no upload for that role). A second window
    // of the same verifikator, opened before, is refused afterwards in the server's words.
    await signIn(vf.page, server, 'verifikator', `/program/${programId}/kepesertaan`, 'enrolment');
    await signIn(stale.page, server, 'verifikator', `/program/${programId}/kepesertaan`, 'enrolment');
    await stale.page.locator('[data-testid=batch][data-status=created]').waitFor({ timeout: 30_000 });
    const vcard = vf.page.getByTestId('batch');
    await vcard.waitFor({ timeout: 30_000 });
    assert.equal(await vf.page.getByTestId('create-batch').count(), 0);
    assert.equal(await vf.page.getByTestId('answer-upload').count(), 0);
    assert.equal(await vcard.getByTestId('batch-file').count(), 0);
    await vcard.getByTestId('approve').click();
    await vf.page.locator('[data-testid=batch][data-status=approved]').waitFor({ timeout: 30_000 });
    assert.equal(await textOf(vf.page.getByTestId('batches-notice')), `Batch ${batchId} disetujui.`);
    assert.equal(await textOf(vcard.getByTestId('batch-status')), 'disetujui');
    assert.match(await textOf(vcard.getByTestId('batch-approved')), /^Disetujui oleh verifikator, /);
    assert.equal(await vcard.getByTestId('approve').count(), 0);
    assert.deepEqual(await seriousAxeViolations(vf.page), []);
    await stale.page.getByTestId('approve').click();
    await stale.page.locator('[data-testid=batch][data-status=approved]').waitFor({ timeout: 30_000 });
    assert.equal(
      await textOf(stale.page.getByTestId('approve-refusal')),
      `Batch tidak disetujui: Batch ${batchId} sudah disetujui sebelumnya`,
    );
    assert.equal(await stale.page.getByTestId('approve').count(), 0, 'the refused window still offers approval');
    assert.deepEqual(stale.problems, []);
    await stale.context.close();

    // ---- The operator downloads the BPJS file.
    await page.reload();
    await page.locator('[data-testid=batch][data-status=approved]').waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('batch-file').click()]);
    assert.equal(download.suggestedFilename(), `pendaftaran-bpjs-${REGENCY}-batch-${batchId}.xlsx`);
    const xlsx = fs.readFileSync(await download.path());
    assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK', 'the batch file is not an .xlsx');
    const [header, first] = readXlsxRows(xlsx, 2);
    const members = (await (await page.request.get(`${server.url}${regencyApi}/enrolment-batches/${batchId}/members`)).json()).items;
    assert.equal(members.length, c.selected);
    assert.equal(first[header.indexOf('Referensi')], reference);
    assert.equal(first[header.indexOf('NIK')], members[0].nik);
    assert.equal(first.types[header.indexOf('NIK')], 'text', 'the NIK is not written as text');
    assert.equal(first[header.indexOf('Nama Lengkap')], members[0].name);

    // ---- The branch's answer, with planted mismatches.
    // Every member has a NIK the branch can read: persons whose NIK is not 16 digits, or is held
    // by someone else on the list, are left out of the batch as ineligible (nik_invalid,
    // nik_shared), not sent.
    const seen = new Map();
    for (const m of members) seen.set(m.nik, (seen.get(m.nik) ?? 0) + 1);
    const usable = members.filter((m) => /^\d{16}$/.test(m.nik) && seen.get(m.nik) === 1);
    assert.equal(usable.length, members.length, 'a member with a NIK BPJS cannot register was sent');
    const stranger = '3173012505900009';
    const unknown = await (await page.request.get(`${server.url}${regencyApi}/workers?q=${stranger}`)).json();
    assert.equal(unknown.total, 0, 'the stranger NIK is in the registry');
    const planted = plantedAnswer(usable, reference, stranger);
    await page.getByTestId('answer-file').setInputFiles({ name: 'jawaban-bpjs-september.csv', mimeType: 'text/csv', buffer: Buffer.from(planted.csv) });
    await page.getByTestId('answer-submit').click();
    await page.locator('[data-testid=answer-status][data-ok]').waitFor({ timeout: 180_000 });
    assert.equal(await page.getByTestId('answer-status').getAttribute('data-ok'), 'true', await textOf(page.getByTestId('answer-status')));
    const expected = { matched: usable.length - 5, name_differs: 3, rejected: 2, unknown: 1, coverage_started: usable.length - 2 };
    const result = page.getByTestId('answer-result');
    for (const [key, value] of Object.entries(expected)) assert.equal(await figureValue(result, `answer-${key}`), value, `answer ${key}`);
    assert.equal(
      await textOf(page.getByTestId('answer-status')),
      `Jawaban jawaban-bpjs-september.csv diimpor: ${count(expected.coverage_started)} kepesertaan baru dimulai.`,
    );
    const lines = await result.getByTestId('answer-line').evaluateAll((rows) =>
      rows.map((r) => ({
        kind: r.getAttribute('data-kind'),
        word: r.querySelector('[data-testid=line-kind]').textContent,
        nik: r.querySelector('[data-testid=line-nik]').textContent,
        sent: r.querySelector('[data-testid=line-name-sent]').textContent,
        answered: r.querySelector('[data-testid=line-name-answered]').textContent,
        reason: r.querySelector('[data-testid=line-reason]').textContent,
      })),
    );
    const want = [
      ...usable.filter((m) => planted.differs.has(m.nik)).map((m) => ({
        kind: 'name_differs', word: 'Nama berbeda', nik: m.nik, sent: m.name, answered: planted.differs.get(m.nik), reason: 'nama berbeda dengan yang dikirim',
      })),
      ...usable.filter((m) => planted.rejected.has(m.nik)).map((m) => ({
        kind: 'rejected', word: 'Ditolak BPJS', nik: m.nik, sent: m.name, answered: m.name, reason: planted.rejected.get(m.nik),
      })),
      { kind: 'unknown', word: 'NIK tidak dikenal', nik: stranger, sent: '–', answered: 'Orang Tak Dikenal', reason: 'NIK tidak ada dalam batch program ini' },
    ];
    assert.deepEqual(lines, want);
    // The batch: answered, its members by state.
    await page.locator('[data-testid=batch][data-status=answered]').waitFor({ timeout: 30_000 });
    assert.equal(await textOf(card.getByTestId('batch-status')), 'dijawab');
    assert.equal(await figureValue(card, 'state-matched'), expected.matched);
    assert.equal(await figureValue(card, 'state-name_differs'), 3);
    assert.equal(await figureValue(card, 'state-rejected'), 2);
    assert.equal(await figureValue(card, 'state-sent'), members.length - usable.length);
    // The answers imported so far, and their lines again.
    const answerRow = page.getByTestId('answer-row');
    await answerRow.waitFor({ timeout: 30_000 });
    assert.equal(await answerRow.count(), 1);
    assert.equal(await answerRow.locator('[data-key=matched]').getAttribute('data-value'), String(expected.matched));
    await answerRow.getByTestId('answer-show-lines').click();
    await page.getByTestId('history-lines').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('history-lines').getByTestId('answer-line').count(), 6);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await assertNoPageOverflow(page, 'enrolment answer');
    await page.getByTestId('answer-upload').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('enrolment-answer'), fullPage: true });
    // The same in English.
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Enrolment batches' }).waitFor({ timeout: 10_000 });
    assert.equal(await textOf(card.getByTestId('batch-status')), 'answered');
    assert.equal(await textOf(result.locator('[data-kind=unknown] [data-testid=line-kind]')), 'Unknown NIK');
    assert.equal(await textOf(page.getByTestId('program-tab-ineligible')), 'Not eligible');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Batch pendaftaran' }).waitFor({ timeout: 10_000 });

    // ---- A matched worker's coverage history; a rejected worker's enrolment.
    const matched = usable.find((m) => !planted.differs.has(m.nik) && !planted.rejected.has(m.nik));
    await page.goto(`${server.url}/pekerja/${matched.worker_id}`);
    await page.locator('[data-testid=coverage][data-state=ready]').waitFor({ timeout: 30_000 });
    const period = page.getByTestId('coverage-period');
    assert.equal(await period.count(), 1);
    assert.equal(await textOf(period.locator('th')), 'Perlindungan pekerja rentan 2025');
    assert.equal(await textOf(period.getByTestId('coverage-kpj')), `25${String(usable.indexOf(matched) + 1).padStart(9, '0')}`);
    assert.equal(await textOf(period.getByTestId('coverage-start')), '1 September 2025');
    assert.equal(await textOf(period.getByTestId('coverage-start-reason')), 'terdaftar');
    assert.equal(await textOf(period.getByTestId('coverage-end')), '31 Desember 2025');
    assert.equal(await textOf(period.getByTestId('coverage-end-reason')), 'akhir program');
    const enrolment = page.getByTestId('coverage-enrolment');
    assert.equal(await enrolment.getAttribute('data-batch'), String(batchId));
    assert.equal(await textOf(enrolment.getByTestId('enrolment-state')), 'Cocok');
    assert.match(await textOf(enrolment), /September 2025 dijawab Cocok/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await assertNoPageOverflow(page, 'worker');
    await page.getByTestId('coverage').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('worker-coverage'), fullPage: true });

    const refused = usable.find((m) => planted.rejected.has(m.nik));
    await page.goto(`${server.url}/pekerja/${refused.worker_id}`);
    await page.locator('[data-testid=coverage][data-state=ready]').waitFor({ timeout: 30_000 });
    await page.getByTestId('coverage-no-periods').waitFor({ timeout: 10_000 });
    assert.equal(await textOf(page.getByTestId('coverage-enrolment').getByTestId('enrolment-state')), 'Ditolak');
    assert.match(await textOf(page.getByTestId('coverage-enrolment')), new RegExp(planted.rejected.get(refused.nik)));

    // ---- The budget by month: the covered and the unanswered are committed September–December.
    await page.goto(`${server.url}/program/${programId}`);
    await page.getByTestId('budget-months').waitFor({ timeout: 30_000 });
    await checkBudgetMonths(page, server, programId, 3200000000);
    const months = await (await page.request.get(`${server.url}${regencyApi}/programs/${programId}/budget-months`)).json();
    const sim = await (await page.request.get(`${server.url}${regencyApi}/programs/${programId}/simulation`)).json();
    for (const m of months.months) {
      assert.equal(m.workers, c.selected - 2, `${m.month}: everyone but the two rejected is covered or waiting for an answer`);
      assert.equal(m.committed, m.workers * sim.per_worker, `${m.month}: committed`);
      assert.ok(m.committed > 0);
    }
    assert.equal(await page.getByTestId('nothing-committed').count(), 0);

    // ---- Nobody of the settled list is too old or young for this program: only NIKs BPJS cannot
    // register leave persons out of it.
    const left = (await (await page.request.get(`${server.url}${regencyApi}/programs/${programId}/ineligible`)).json()).items;
    assert.equal(left.length, c.ineligible);
    assert.ok(left.length > 0, 'the demo plants broken NIKs; none was left out');
    assert.ok(left.every((r) => r.reasons.every((x) => x.code === 'nik_invalid' || x.code === 'nik_shared')), JSON.stringify(left.slice(0, 3)));

    await checkIneligible(page, vf.page, server, programId, shot);
    assert.deepEqual(vf.problems, []);

    // Back to the program's overview for the steps that follow.
    await page.goto(`${server.url}/program/${programId}`);
    await simulated(page, 28448);
  } finally {
    await vf.context.close();
  }
}

/**
 * A second program, through the API, for ages 18–60 and 100 places: its batch leaves out the
 * settled list's youngest and oldest, with reasons, and makes the rest wait beyond the quota.
 * Its ineligible list by village, and the spreadsheet for the villages; a verifikator (no
 * export_personal_data) sees the list without the download.
 */
async function checkIneligible(page, vfPage, server, firstProgram, shot) {
  const op = await apiSession(server, 'operator');
  let id;
  let batch;
  try {
    const created = await op.post(`${regencyApi}/programs`, {
      name: 'Uji usia 18–60 tahun',
      funding: [{ source: 'APBD', share_bp: 10000 }],
      budget: 100_000_000,
      period_from: '2025-09',
      period_to: '2025-12',
      quota: 100,
      eligibility: { age_min: 18, age_max: 60 },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    id = created.body.id;
    const made = await op.post(`${regencyApi}/programs/${id}/batches`, { period: SEPTEMBER });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    batch = made.body;
  } finally {
    await op.dispose();
  }
  const c = batch.counts;
  assert.ok(c.ineligible > 0 && c.waiting > 0, JSON.stringify(c));
  assert.equal(c.selected, 100);
  assert.equal(c.settled, c.ineligible + c.already + c.eligible);
  assert.equal(c.selected + c.waiting, c.eligible);
  assert.notEqual(id, firstProgram);

  await page.goto(`${server.url}/program/${id}/kepesertaan`);
  const card = page.getByTestId('batch');
  await card.waitFor({ timeout: 30_000 });
  assert.equal(await figureValue(card, 'sel-waiting'), c.waiting);
  assert.equal(await figureValue(card, 'sel-ineligible'), c.ineligible);
  assert.match(await card.getByTestId('sel-waiting').getAttribute('class'), /enrol-figure-warn/);

  const items = (await (await page.request.get(`${server.url}${regencyApi}/programs/${id}/ineligible`)).json()).items;
  assert.equal(items.length, c.ineligible);
  await page.getByTestId('program-tab-ineligible').click();
  await page.locator('[data-testid=ineligible][data-state=ready]').waitFor({ timeout: 30_000 });
  const villages = [...new Set(items.map((w) => w.village_code))].sort();
  assert.equal(
    await textOf(page.getByTestId('ineligible-summary')),
    `${count(items.length)} pekerja di ${count(villages.length)} desa tidak memenuhi syarat pada pemilihan September 2025.`,
  );
  const labels = [...new Set(items.flatMap((w) => w.reasons.map((r) => r.label)))].sort();
  assert.deepEqual(labels, [
    'NIK sama dengan orang lain di daftar',
    'NIK tidak sah (bukan 16 angka)',
    'Usia di atas batas program',
    'Usia di bawah batas program',
  ]);
  assert.deepEqual(
    (await page.getByTestId('ineligible-reasons').locator('li').evaluateAll((lis) => lis.map((li) => li.textContent.split(':')[0]))).sort(),
    labels,
  );
  assert.equal(await page.getByTestId('ineligible-village').count(), villages.length);
  // The second village's persons, with their reasons as the server words them.
  await page.getByTestId('ineligible-village').nth(1).getByTestId('ineligible-show').click();
  const persons = page.locator(`[data-testid=ineligible-persons][data-village="${villages[1]}"]`);
  await persons.waitFor({ timeout: 10_000 });
  const ofVillage = items.filter((w) => w.village_code === villages[1]);
  const rows = await persons.getByTestId('ineligible-person').evaluateAll((trs) =>
    trs.map((tr) => [Number(tr.getAttribute('data-worker')), tr.querySelector('[data-testid=person-reasons]').textContent]),
  );
  assert.deepEqual(
    rows.sort((a, b) => a[0] - b[0]),
    ofVillage.map((w) => [w.worker_id, w.reasons.map((r) => r.label).join('; ')]).sort((a, b) => a[0] - b[0]),
  );
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ineligible-xlsx').click()]);
  assert.equal(download.suggestedFilename(), `tidak-memenuhi-syarat-program-${id}.xlsx`);
  const sheet = readXlsxRows(fs.readFileSync(await download.path()));
  assert.equal(sheet.length, items.length + 1, 'the spreadsheet has one row per person and a header');
  assert.deepEqual(await seriousAxeViolations(page), []);
  await assertNoPageOverflow(page, 'ineligible');
  await page.screenshot({ path: shot('program-ineligible'), fullPage: true });

  // The verifikator reads the list but may not download personal data.
  await vfPage.goto(`${server.url}/program/${id}/tidak-memenuhi-syarat`);
  await vfPage.locator('[data-testid=ineligible][data-state=ready]').waitFor({ timeout: 30_000 });
  assert.equal(await vfPage.getByTestId('ineligible-xlsx').count(), 0);
  assert.equal(Number(await vfPage.getByTestId('ineligible').getAttribute('data-count')), items.length);
}

async function checkList(page) {
  await page.getByTestId('back-to-programs').click();
  await page.getByTestId('programs-table').waitFor({ timeout: 30_000 });
  // The Pasuruan program and the second one of the enrolment steps.
  assert.equal(await page.getByTestId('program-row').count(), 2);
  const row = page.getByTestId('program-row').filter({ hasText: 'Perlindungan pekerja rentan 2025' });
  assert.equal(await row.count(), 1);
  assert.equal(await textOf(row.getByTestId('program-link')), 'Perlindungan pekerja rentan 2025');
  assert.equal(await textOf(row.getByTestId('program-period')), 'September 2025 – Desember 2025');
  assert.equal(await textOf(row.getByTestId('program-funding')), 'DBHCHT 100%');
  assert.equal(await textOf(row.getByTestId('program-budget')), `${rp(3200000000)} setelah 1 perubahan (PAK)`);
  assert.equal(await textOf(row.getByTestId('program-quota')), '28.448 pekerja');
}

// ---- Rule versions --------------------------------------------------------------------------------

async function checkPolicyReadOnly(page) {
  await page.locator('.site-nav a', { hasText: 'Versi aturan' }).click();
  await page.getByTestId('policy-versions').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('policy-versions').getAttribute('data-builtin'), 'true');
  assert.deepEqual(
    await page.getByTestId('policy-version').evaluateAll((els) => els.map((e) => e.getAttribute('data-family'))),
    ['contribution', 'payment_terms', 'benefits', 'eligibility'],
  );
  assert.equal(await page.getByTestId('builtin-tag').count(), 4);
  const contribution = page.locator('[data-testid=policy-version][data-family=contribution]');
  assert.equal(await textOf(contribution.getByTestId('version-range')), '1 Januari 2025 – seterusnya');
  assert.match(await textOf(contribution.getByTestId('version-facts')), /JKM \(kematian\): Rp.6\.800 per pekerja per bulan/);
  assert.match(await textOf(contribution), /bawaan/);
  assert.match(
    await textOf(page.locator('[data-testid=policy-version][data-family=eligibility]').getByTestId('version-certainty')),
    /belum pasti/,
  );
  assert.equal(await page.getByTestId('policy-add').count(), 0, 'the operator may not add rule versions');
  assert.equal(await page.getByTestId('policy-view-only').count(), 1);
  assert.deepEqual(await seriousAxeViolations(page), []);
}

async function addVersions(page, shot) {
  await page.getByTestId('policy-add').waitFor({ timeout: 30_000 });
  // The form opens on a contribution version from the first of next month, prefilled from the
  // version in force today.
  const rules = page.getByTestId('version-rules');
  assert.equal(await page.getByTestId('version-family').inputValue(), 'contribution');
  const prefilled = JSON.parse(await rules.inputValue());
  assert.equal(prefilled.jkm_amount, 6800);
  assert.match(await page.getByTestId('version-legal').inputValue(), /PP 44\/2015/);

  await chooseDate(page, 'version-from', 2026, 7, 1);
  await page.getByTestId('version-legal').fill('Permenaker 99/2026 (contoh uji)');
  await rules.fill(JSON.stringify({ ...prefilled, jkm_amount: 7000 }, null, 2));
  await page.getByTestId('version-save').click();
  await page.locator('[data-testid=policy-version-outcome][data-ok=true]').waitFor({ timeout: 30_000 });
  assert.equal(
    await textOf(page.getByTestId('policy-version-outcome')),
    '1 versi ditambahkan. Aturan bawaan (4 versi) disimpan lebih dahulu. Lihat versi yang berlaku pada 1 Juli 2026',
  );

  // The new version in force from its date, the built-in ones stored and no longer "bawaan".
  await page.getByTestId('policy-show-new').click();
  await page.locator('[data-testid=policy-page][data-date="2026-07-01"]').waitFor({ timeout: 10_000 });
  await page.locator('[data-testid=policy-versions][data-builtin=false]').waitFor({ timeout: 30_000 });
  await page.getByTestId('policy-in-force').filter({ hasText: '1 Juli 2026' }).waitFor({ timeout: 30_000 });
  const contribution = page.locator('[data-testid=policy-version][data-family=contribution]');
  assert.equal(await textOf(contribution.getByTestId('version-range')), '1 Juli 2026 – seterusnya');
  assert.match(await textOf(contribution.getByTestId('version-facts')), /JKM \(kematian\): Rp.7\.000 per pekerja per bulan/);
  assert.equal(await page.getByTestId('builtin-tag').count(), 0);

  // The same start again overlaps: refused, in Indonesian, nothing stored.
  await page.getByTestId('version-save').click();
  await page.locator('[data-testid=policy-version-outcome][data-ok=false]').waitFor({ timeout: 30_000 });
  assert.match(await textOf(page.getByTestId('policy-version-outcome')), /^Versi tidak ditambahkan: .*bertumpang tindih/);

  // A file with a payment-terms version from 1 Januari 2027: the open one before it now ends.
  const file = {
    jaring_policy: 1,
    versions: [
      {
        family: 'payment_terms',
        effective_from: '2027-01-01',
        legal_reference: 'Peraturan BPJS 9/2026 (contoh uji)',
        certainty: 'confirmed',
        rules: { due_day: 10, due_next_working_day: true, arrears_limit_months: 3 },
      },
    ],
  };
  await page.getByTestId('policy-file-upload').click();
  assert.match(await textOf(page.locator('#policy-file-hint')), /Pilih berkas kebijakan/);
  await page.getByTestId('policy-file').setInputFiles({ name: 'tempo-2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByTestId('policy-file-upload').click();
  await page.locator('[data-testid=policy-file-outcome][data-ok=true]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('policy-file-outcome')), '1 versi ditambahkan.');
  const terms = page.locator('[data-testid=policy-version][data-family=payment_terms]').getByTestId('version-range');
  await page.waitForFunction(() =>
    document.querySelector('[data-family=payment_terms] [data-testid=version-range]')?.textContent?.includes('31 Desember 2026'),
  );
  assert.equal(await textOf(terms), '1 Januari 2025 – 31 Desember 2026');

  // The day before, the built-in schedule (stored now) ends there.
  await chooseDate(page, 'policy-date', 2026, 6, 30);
  await page.locator('[data-testid=policy-in-force]').filter({ hasText: '30 Juni 2026' }).waitFor({ timeout: 30_000 });
  assert.equal(await textOf(contribution.getByTestId('version-range')), '1 Januari 2025 – 30 Juni 2026');
  assert.match(await textOf(contribution.getByTestId('version-facts')), /Rp.6\.800/);

  await chooseDate(page, 'policy-date', 2026, 7, 1);
  await page.locator('[data-testid=policy-in-force]').filter({ hasText: '1 Juli 2026' }).waitFor({ timeout: 30_000 });
  assert.deepEqual(await seriousAxeViolations(page), []);
  await assertNoPageOverflow(page, 'rule versions');
  await page.screenshot({ path: shot('policy-versions'), fullPage: true });
}

// ---- The scenario -------------------------------------------------------------------------------------

async function scenario(engine) {
  const db = freshDatabase(engine, tmp, 'programs');
  const server = await startServer(db.url, tmp);
  const shot = (name) => shotPath(engine, name);
  try {
    assert.ok(server.password, `the server printed no demo password\n${server.log()}`);
    // ---- The operator creates the program. The browser logs the refusals the page shows (400),
    // and the budget by month's 404 while the server has no such route (checkBudgetMonths).
    const op = await newPage({
      expectedFailures: [
        { status: 400, url: /\/programs$/ },
        { status: 404, url: /\/budget-months$/ },
        { status: 409, url: /\/batches$/ },
      ],
    });
    await signIn(op.page, server, 'operator', `/?kabupaten=${REGENCY}`, 'dashboard');
    await op.page.locator('.site-nav a', { hasText: 'Program' }).click();
    await op.page.getByTestId('programs-page').waitFor({ timeout: 30_000 });
    assert.equal(await op.page.locator('.site-nav a', { hasText: 'Program' }).getAttribute('aria-current'), 'page');
    assert.equal(await op.page.locator('.nav-soon', { hasText: 'Program' }).count(), 0, 'Program is still "segera"');
    await op.page.getByTestId('programs-empty').waitFor({ timeout: 30_000 });
    const id = await createPasuruan(op.page, shot);

    // ---- Its page: the facts and the simulator.
    assert.equal(await textOf(op.page.getByTestId('program-name')), 'Perlindungan pekerja rentan 2025');
    assert.equal(await textOf(op.page.getByTestId('program-budget')), rp(2800000000));
    assert.equal(await textOf(op.page.getByTestId('program-period')), 'September 2025 – Desember 2025');
    assert.equal(await textOf(op.page.getByTestId('program-quota')), '28.448');
    assert.equal(await textOf(op.page.getByTestId('program-quota-hint')), 'pekerja yang direncanakan');
    assert.equal(await textOf(op.page.getByTestId('program-funding')), 'DBHCHT 100%');
    assert.equal(await textOf(op.page.getByTestId('term-age')), 'Usia 15–64 tahun');
    assert.equal(await textOf(op.page.getByTestId('term-income')), `Penghasilan yang dilaporkan ${rp(1000000)}`);
    assert.deepEqual(
      await op.page.getByTestId('term-priority').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code'))),
      ['extreme_poor', 'tobacco_sector', 'longest_waiting'],
    );
    await checkSimulator(op.page, server, id);
    await checkBudgetMonths(op.page, server, id, 2800000000);
    assert.deepEqual(await seriousAxeViolations(op.page), []);
    await assertNoPageOverflow(op.page, 'program');
    await op.page.evaluate(() => window.scrollTo(0, 0));
    await op.page.screenshot({ path: shot('program-detail'), fullPage: true });

    // ---- The PAK.
    await revise(op.page);
    await checkBudgetMonths(op.page, server, id, 3200000000);
    assert.deepEqual(await seriousAxeViolations(op.page), []);
    await op.page.evaluate(() => window.scrollTo(0, 0));
    await op.page.screenshot({ path: shot('program-revised'), fullPage: true });

    await enrolmentSteps(op.page, server, id, shot);

    // English on the same page: the shortfall is still called one.
    await op.page.getByTestId('lang-switch').click();
    await op.page.getByRole('heading', { name: 'Budget simulator' }).waitFor({ timeout: 10_000 });
    // Rp 3.200.000.000 − 6 × Rp 477.926.400 leaves Rp 332.441.600, Rp 145.484.800 short of a 7th month.
    assert.equal((await figure(op.page, 'shortfall-next-month')).value_text, `Short ${rp(145484800)}`);
    await op.page.getByTestId('lang-switch').click();
    await op.page.getByRole('heading', { name: 'Simulasi anggaran' }).waitFor({ timeout: 10_000 });

    // ---- The list.
    await checkList(op.page);
    assert.deepEqual(await seriousAxeViolations(op.page), []);
    await assertNoPageOverflow(op.page, 'programs');
    await op.page.screenshot({ path: shot('programs-list'), fullPage: true });

    // ---- Rule versions: read-only for the operator, added by the province administrator.
    await checkPolicyReadOnly(op.page);
    const admin = await newPage({ expectedFailures: [{ status: 400, url: /\/api\/v1\/policy$/ }] });
    await signIn(admin.page, server, 'admin_provinsi', '/aturan', 'policy-page');
    await addVersions(admin.page, shot);

    assert.deepEqual(op.problems, []);
    assert.deepEqual(admin.problems, []);
    await op.context.close();
    await admin.context.close();
  } finally {
    await server.stop();
    db.drop();
  }
}

test('programs on SQLite: create, simulate, PAK, budget by month, rule versions', { timeout: 600_000 }, () => scenario('sqlite'));

test('programs on PostgreSQL: the same', { timeout: 600_000, skip: pgSkip }, () => scenario('postgresql'));
