// Browser test of a program's money after enrolment (issue 14, the UI of item 5): the monthly
// bill, its reconciliation with the BPJS invoice, payments and arrears, and membership cards, end
// to end: bill -> reconciliation -> card check.
//
// Starts `jaring serve --demo` on a fresh SQLite file, and again on a fresh PostgreSQL schema
// when JARING_TEST_PG is set (scripts/with-postgres.sh; JARING_REQUIRE_PG=1 makes its absence a
// failure). The data is made through the real `jaring` command line on the same database, as
// tests/integration/cli/enrol_cli_test.sh does: the three months before this one (in Jakarta)
// verified and settled, a program from the first of them to this month (DBHCHT 60 %, APBD 40 %,
// quota 20), a batch from the first month approved by the verifikator and answered by the branch
// (enrol_answer.py: everyone accepted), so that 20 workers are covered from the first month to
// the end of this month (their cards hold today), and the first two months billed with
// `jaring bill`. Then, in Debian's Chromium, as the demo operator:
//   - Tagihan: the two bills listed; this month refused (not settled) in the server's words; the
//     third month issued through the form: its page shows the API's figures (workers, total, the
//     split by source adding up, terbilang, due date in Indonesian, version), its 20 lines and the
//     .xlsx;
//   - Rekonsiliasi: an invoice the test writes from the bill's lines (one line's amount changed,
//     one line dropped) uploaded for the third month: exactly one "Jumlah berbeda" and one "Di
//     daftar, tidak ditagih", nothing else; the lines filtered by kind; a reason too short refused
//     before sending; one difference settled with a reason (state and counts follow); the same
//     file again opens the earlier result as repeated; the CSV of the lines;
//   - Pembayaran & tunggakan: three months overdue; the arrears list with its warnings (20
//     workers three months behind) highlighted, and its .xlsx; an overpayment refused (409, the
//     server's words), the first month paid in full ("Rp …" as written) and shown paid;
//   - Kartu peserta: the cards issued (a PDF), printed again (GET …/cards.pdf), one reprinted
//     (its earlier card revoked as "diterbitkan ulang"), another revoked by hand with a reason,
//     and /cek/<token> of a card showing "Kartu berlaku", the reprinted one's old card "Kartu
//     dicabut".
// axe on every view, no console error, the page never wider than its 1366-pixel window.
// Screenshots: test-output/bills-list.png, bill-detail.png, reconciliation-invoice.png,
// reconciliation-list.png, payments-arrears.png, cards.png, card-check.png (with -postgresql on
// PostgreSQL).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  apiSession,
  assertNoPageOverflow,
  closeBrowser,
  freshDatabase,
  jaringBin,
  newPage,
  pgSkip,
  prepare,
  readXlsxRows,
  repo,
  rp,
  seriousAxeViolations,
  shotPath,
  signIn,
  startServer,
  textOf,
} from './harness.mjs';

const REGENCY = '35.14';
const regencyApi = `/api/v1/regencies/${REGENCY}`;
const WORKERS = 20;
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-e2e-bills-'));

before(prepare);

after(async () => {
  await closeBrowser();
  fs.rmSync(tmp, { recursive: true, force: true });
});


/** This month in Jakarta, "YYYY-MM". */
const thisMonth = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
function shift(period, months) {
  const [y, m] = period.split('-').map(Number);
  const index = y * 12 + m - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
/** "2025-10" -> "Oktober 2025". */
const monthText = (period) => `${MONTHS[Number(period.slice(5)) - 1]} ${period.slice(0, 4)}`;
/** "2025-10-15" -> "15 Oktober 2025". */
const dateText = (date) => `${Number(date.slice(8))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

async function chooseMonth(page, id, period) {
  await page.getByTestId(`${id}-year`).selectOption(period.slice(0, 4));
  await page.getByTestId(`${id}-month`).selectOption(String(Number(period.slice(5))));
}

/** Runs the `jaring` command line on the test's database; the last line of its stdout as JSON when asked. */
function jaring(db, args, { json = false } = {}) {
  const out = execFileSync(jaringBin, [...args, '--db', db.url, ...(json ? ['--json'] : [])], {
    cwd: tmp,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return json ? JSON.parse(out.trim().split('\n').pop()) : out;
}

/**
 * The months settled, the program, its batch approved and answered, two months billed, all
 * through the command line (the server is running on the same database: the demo accounts).
 */
function seed(db, months) {
  for (const period of months) {
    jaring(db, ['verval', 'run', '--regency', REGENCY, '--period', period]);
    jaring(db, ['verval', 'decide', '--regency', REGENCY, '--period', period, '--all', '--accept', '--reason', 'Uji e2e tagihan: diterima', '--as', 'verifikator']);
    jaring(db, ['verval', 'settle', '--regency', REGENCY, '--period', period, '--as', 'verifikator', '--minutes', path.join(tmp, `ba-${db.tag}-${period}.pdf`)]);
  }
  const program = jaring(
    db,
    ['program', 'add', '--regency', REGENCY, '--name', 'Perlindungan pekerja rentan (uji tagihan)', '--funding', 'DBHCHT=60,APBD=40',
      '--budget', '2800000000', '--from', months[0], '--to', shift(months[months.length - 1], 1), '--quota', String(WORKERS), '--age-max', '60', '--as', 'operator'],
    { json: true },
  );
  const batchFile = path.join(tmp, `batch-${db.tag}.xlsx`);
  const batch = jaring(db, ['enrol', 'batch', '--program', String(program.id), '--period', months[0], '--out', batchFile, '--as', 'operator'], { json: true });
  assert.equal(batch.workers, WORKERS, `the batch: ${JSON.stringify(batch)}`);
  jaring(db, ['enrol', 'approve', String(batch.batch), '--as', 'verifikator']);
  const answerFile = path.join(tmp, `answer-${db.tag}.csv`);
  execFileSync('python3', [path.join(repo, 'tests/integration/cli/enrol_answer.py'), batchFile, answerFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The helper writes the branch's start date for September 2025; the cover here starts on the
  // first day of the batch's month.
  const start = `01/${months[0].slice(5)}/${months[0].slice(0, 4)}`;
  fs.writeFileSync(answerFile, fs.readFileSync(answerFile, 'utf8').replaceAll('01/09/2025', start));
  const answer = jaring(db, ['enrol', 'answer', answerFile, '--program', String(program.id), '--as', 'operator'], { json: true });
  assert.equal(answer.coverage_started, WORKERS, `the answer: ${JSON.stringify(answer)}`);
  for (const period of months.slice(0, 2)) {
    const bill = jaring(db, ['bill', '--program', String(program.id), '--period', period, '--as', 'operator'], { json: true });
    assert.equal(bill.workers, WORKERS, `the bill of ${period}: ${JSON.stringify(bill)}`);
  }
  return program.id;
}

/** Waits for a download started by `click` and returns its bytes and suggested name. */
async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const saved = path.join(tmp, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(saved);
  return { bytes: fs.readFileSync(saved), name: file.suggestedFilename() };
}

async function checkView(page, what, shot) {
  assert.deepEqual(await seriousAxeViolations(page), [], what);
  await assertNoPageOverflow(page, what);
  if (shot) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot, fullPage: true });
  }
}

// ---- Tagihan ---------------------------------------------------------------------------------------

async function billSteps(page, api, programId, months, shot) {
  const [first, second, third] = months;
  await page.getByTestId('program-tab-bills').click();
  await page.getByTestId('bills').waitFor({ timeout: 30_000 });
  assert.match(page.url(), new RegExp(`/program/${programId}/tagihan$`));
  assert.equal(await textOf(page.getByTestId('program-tab-bills')), 'Tagihan');
  await page.getByTestId('bill-list').waitFor({ timeout: 30_000 });
  assert.deepEqual(await page.getByTestId('bill-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period'))), [second, first]);

  // This month is not settled: refused in the server's words.
  const now = shift(third, 1);
  await chooseMonth(page, 'bill-month', now);
  await page.getByTestId('issue-bill-submit').click();
  await page.locator('[data-testid=issue-bill-outcome][data-ok=false]').waitFor({ timeout: 30_000 });
  const refusal = await textOf(page.getByTestId('issue-bill-outcome'));
  assert.match(refusal, /^Tagihan tidak diterbitkan: \S/);
  assert.doesNotMatch(refusal, /HTTP \d/, 'the server gave no words of its own');
  await checkView(page, 'bills', shot('bills-list'));

  // The third month, through the form: its page.
  await chooseMonth(page, 'bill-month', third);
  await page.getByTestId('issue-bill-submit').click();
  await page.locator(`[data-testid=bill-detail][data-period="${third}"] [data-testid=bill]`).waitFor({ timeout: 60_000 });
  assert.match(page.url(), new RegExp(`/program/${programId}/tagihan\\?bulan=${third}$`));
  const bill = (await api.get(`${regencyApi}/programs/${programId}/bills/${third}`)).body;
  assert.equal(bill.workers, WORKERS);
  assert.equal(await textOf(page.locator('#bill-title')), `Tagihan ${monthText(third)}`);
  assert.equal(await textOf(page.getByTestId('bill-total')), rp(bill.total));
  assert.equal(await textOf(page.getByTestId('bill-workers')), String(WORKERS));
  assert.equal(await textOf(page.getByTestId('bill-due')), dateText(bill.due_date));
  assert.equal(await textOf(page.getByTestId('bill-version')), String(bill.version));
  assert.equal(await textOf(page.getByTestId('bill-terbilang')), `Terbilang: ${bill.terbilang}`);
  assert.match(bill.terbilang, /rupiah$/);
  const sources = await page.getByTestId('bill-source').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-source'), Number(r.getAttribute('data-value'))]));
  assert.deepEqual(Object.fromEntries(sources), bill.by_source);
  assert.deepEqual(Object.keys(bill.by_source).sort(), ['APBD', 'DBHCHT']);
  assert.equal(sources.reduce((sum, [, v]) => sum + v, 0), bill.total, 'the sources do not add up to the total');
  assert.equal(await textOf(page.locator('[data-testid=bill-source][data-source=DBHCHT] td')), rp(bill.by_source.DBHCHT));

  // Its lines: 20, their amounts adding up to the total.
  await page.getByTestId('bill-lines').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('bill-line').count(), WORKERS);
  const amounts = await page.getByTestId('bill-line-amount').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
  assert.equal(amounts.reduce((a, b) => a + b, 0), bill.total);
  const xlsx = await download(page, () => page.getByTestId('bill-file').click());
  assert.match(xlsx.name, /\.xlsx$/);
  // Its first sheet is the summary for the finance office (the lines are on the second).
  const summary = Object.fromEntries(readXlsxRows(xlsx.bytes).map((r) => [r[0], r[1]]));
  assert.equal(summary.Terbilang, bill.terbilang);
  assert.equal(summary['Jumlah peserta'], String(WORKERS));
  assert.equal(summary['Jatuh tempo'], dateText(bill.due_date));
  await checkView(page, 'bill', shot('bill-detail'));

  // English on the same page.
  await page.getByTestId('lang-switch').click();
  const english = new Date(`${third}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  await page.getByRole('heading', { name: `Bill of ${english}` }).waitFor({ timeout: 10_000 });
  assert.equal(await textOf(page.getByTestId('bill-total')), rp(bill.total), 'rupiah are written the Indonesian way in English too');
  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: `Tagihan ${monthText(third)}` }).waitFor({ timeout: 10_000 });
  return bill;
}

// ---- Rekonsiliasi ------------------------------------------------------------------------------------

/** The BPJS invoice of `period` written from the bill's lines: the first line's amount raised by Rp 1.000, the last dropped. */
async function writeInvoice(api, programId, period) {
  const { body } = await api.get(`${regencyApi}/programs/${programId}/bills/${period}/lines`);
  const lines = body.items;
  assert.equal(lines.length, WORKERS);
  const changed = lines[0];
  const dropped = lines[lines.length - 1];
  const kept = lines.slice(0, -1).map((l, i) => ({ ...l, amount: i === 0 ? l.amount + 1000 : l.amount }));
  const csv = ['NIK,KPJ,Nama,Iuran', ...kept.map((l) => `${l.nik},${l.kpj ?? ''},"${l.name}",${l.amount}`)].join('\n');
  return { csv: Buffer.from(`${csv}\n`), changed, dropped };
}

async function reconciliationSteps(page, api, programId, period, shot) {
  const invoice = await writeInvoice(api, programId, period);
  await page.getByTestId('program-tab-reconciliation').click();
  await page.getByTestId('reconciliation').waitFor({ timeout: 30_000 });
  await page.getByTestId('invoices-none').waitFor({ timeout: 30_000 });
  // The form starts on the newest month billed.
  await page.waitForFunction(
    ([year, month]) =>
      document.querySelector('[data-testid=invoice-month-year]')?.value === year && document.querySelector('[data-testid=invoice-month-month]')?.value === month,
    [period.slice(0, 4), String(Number(period.slice(5)))],
    { timeout: 30_000 },
  );
  const upload = async () => {
    await page.getByTestId('invoice-file').setInputFiles({ name: `tagihan-bpjs-${period}.csv`, mimeType: 'text/csv', buffer: invoice.csv });
    await page.getByTestId('invoice-submit').click();
    await page.getByTestId('invoice').waitFor({ timeout: 60_000 });
  };
  await upload();
  const id = Number(await page.getByTestId('invoice-detail').getAttribute('data-invoice'));
  const stored = (await api.get(`${regencyApi}/invoices/${id}`)).body;
  assert.deepEqual(stored.lines, { billed_not_listed: 0, listed_not_billed: 1, amount_differs: 1, dead_but_billed: 0, duplicate_billed: 0 });
  for (const [kind, count] of Object.entries(stored.lines)) {
    assert.equal(Number(await page.getByTestId(`invoice-kinds-${kind}`).getAttribute('data-value')), count, kind);
  }
  assert.equal(await textOf(page.getByTestId('invoice-kinds-amount_differs')), 'Jumlah berbeda 1');
  assert.equal(await textOf(page.getByTestId('invoice-kinds-listed_not_billed')), 'Di daftar, tidak ditagih 1');
  assert.equal(await textOf(page.getByTestId('invoice-kinds-billed_not_listed')), 'Ditagih, tidak ada di daftar 0');
  assert.equal(Number(await page.getByTestId('invoice-difference').getAttribute('data-value')), stored.invoice_total - stored.bill_total);
  assert.equal(stored.invoice_total - stored.bill_total, 1000 - invoice.dropped.amount);
  // The lines arrive by their own request after the invoice: wait for their table before counting.
  await page.getByTestId('invoice-lines').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('invoice-line').count(), 2);

  // Filtered by kind: the changed line, billed and expected side by side.
  await page.getByTestId('line-kind-filter').selectOption('amount_differs');
  await page.locator('[data-testid=invoice-lines][data-kind=amount_differs]').waitFor({ timeout: 30_000 });
  const line = page.getByTestId('invoice-line');
  assert.equal(await line.count(), 1);
  assert.equal(await textOf(line.getByTestId('invoice-line-kind')), 'Jumlah berbeda');
  assert.equal(await textOf(line.getByTestId('invoice-line-billed')), rp(invoice.changed.amount + 1000));
  assert.equal(await textOf(line.getByTestId('invoice-line-expected')), rp(invoice.changed.amount));
  assert.ok((await textOf(line)).includes(invoice.changed.nik), 'the line does not show the NIK');
  await checkView(page, 'invoice', shot('reconciliation-invoice'));

  // Settled with a reason: too short first (refused here), then accepted.
  await line.getByTestId('resolve-open').click();
  // The reason box takes the focus in an effect, the frame after it has drawn.
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'resolve-reason', undefined, { timeout: 10_000 });
  await page.getByTestId('resolve-reason').fill('oke');
  await page.getByTestId('resolve-submit').click();
  assert.equal(await textOf(page.getByTestId('resolve-error')), 'Alasan terlalu pendek: tulis paling sedikit 5 huruf.');
  await page.getByTestId('resolve-reason').fill('Dikonfirmasi kantor cabang: dikoreksi di tagihan berikutnya');
  await page.getByTestId('resolve-submit').click();
  await page.locator('[data-testid=invoice-line][data-state=resolved]').waitFor({ timeout: 30_000 });
  assert.match(await textOf(page.getByTestId('invoice-line-state')), /^Selesai: Dikonfirmasi kantor cabang: dikoreksi di tagihan berikutnya \(operator, /);
  await page.locator('[data-testid=invoice][data-open="1"][data-resolved="1"]').waitFor({ timeout: 30_000 });
  assert.match(await textOf(page.getByTestId('resolve-notice')), /^Perbedaan nomor \d+ diselesaikan\.$/);
  const after = (await api.get(`${regencyApi}/invoices/${id}/lines?state=resolved`)).body.items;
  assert.equal(after.length, 1);
  assert.equal(after[0].kind, 'amount_differs');

  // Open ones only: the dropped worker.
  await page.getByTestId('line-kind-filter').selectOption('');
  await page.getByTestId('line-state-filter').selectOption('open');
  await page.locator('[data-testid=invoice-lines][data-kind=""][data-state=open]').waitFor({ timeout: 30_000 });
  assert.deepEqual(await page.getByTestId('invoice-line').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind'))), ['listed_not_billed']);

  const csv = await download(page, () => page.getByTestId('invoice-csv').click());
  const csvText = csv.bytes.toString('utf8');
  assert.ok(csvText.includes(invoice.dropped.nik) && csvText.includes(invoice.changed.nik), 'the CSV lacks a difference');

  // The same file again: the earlier result, marked repeated.
  await page.getByTestId('invoice-back').click();
  await page.getByTestId('invoice-list').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('invoice-row').count(), 1);
  assert.equal(Number(await page.getByTestId('invoice-row-open').getAttribute('data-value')), 1);
  await checkView(page, 'reconciliation list', shot('reconciliation-list'));
  await chooseMonth(page, 'invoice-month', period);
  await upload();
  await page.getByTestId('invoice-repeated').waitFor({ timeout: 30_000 });
  assert.equal(Number(await page.getByTestId('invoice-detail').getAttribute('data-invoice')), id);
  assert.equal(await page.getByTestId('invoice').getAttribute('data-resolved'), '1', 'the repeated file lost the settled line');
}

// ---- Pembayaran & tunggakan -----------------------------------------------------------------------------

async function paymentSteps(page, api, programId, months, shot) {
  await page.getByTestId('program-tab-payments').click();
  await page.getByTestId('payments').waitFor({ timeout: 30_000 });
  await page.getByTestId('pay-months').waitFor({ timeout: 30_000 });
  const accounts = (await api.get(`${regencyApi}/programs/${programId}/payments`)).body;
  assert.deepEqual(accounts.months.map((m) => m.period).sort(), months);
  for (const m of accounts.months) {
    const row = page.locator(`[data-testid=pay-month][data-period="${m.period}"]`);
    assert.equal(await row.getAttribute('data-state'), m.state);
    assert.equal(await textOf(row.getByTestId('pay-month-outstanding')), rp(m.outstanding));
  }
  // Every month's due date (the 15th) is behind us: all overdue.
  assert.deepEqual(accounts.months.map((m) => m.state), ['overdue', 'overdue', 'overdue']);
  assert.equal(await textOf(page.locator(`[data-testid=pay-month][data-period="${months[0]}"] [data-testid=pay-month-state]`)), 'Lewat jatuh tempo');

  // The arrears: 20 workers three months behind, warned, highlighted, first.
  await page.locator('[data-testid=arrears-list], [data-testid=arrears-none]').first().waitFor({ timeout: 30_000 });
  const arrears = (await api.get(`${regencyApi}/programs/${programId}/arrears?as_of=${await page.getByTestId('arrears').getAttribute('data-as-of')}`)).body;
  assert.equal(arrears.workers_in_arrears, WORKERS, JSON.stringify({ ...arrears, workers: undefined }));
  assert.ok(arrears.warnings > 0, `no warning for workers ${arrears.limit_months} months behind: ${JSON.stringify({ ...arrears, workers: undefined })}`);
  assert.equal(Number(await page.getByTestId('arrears-workers').getAttribute('data-value')), arrears.workers_in_arrears);
  assert.equal(Number(await page.getByTestId('arrears-warnings').getAttribute('data-value')), arrears.warnings);
  assert.equal(await textOf(page.getByTestId('arrears-outstanding')), rp(arrears.outstanding));
  const levels = await page.getByTestId('arrears-worker').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level')));
  assert.equal(levels.filter((l) => l === 'warning').length, arrears.workers.filter((w) => w.level === 'warning').length);
  assert.equal(levels[0], 'warning', 'the warnings are not first');
  const warned = page.locator('[data-testid=arrears-worker][data-level=warning]').first();
  assert.match(await textOf(warned), /^Peringatan /);
  assert.equal(await warned.getByTestId('arrears-months').getAttribute('data-value'), '3');
  const xlsx = await download(page, () => page.getByTestId('arrears-xlsx').click());
  const summary = Object.fromEntries(readXlsxRows(xlsx.bytes).map((r) => [r[0], r[1]]));
  assert.equal(summary['Pekerja menunggak'], String(arrears.workers_in_arrears));
  assert.equal(summary['Peringatan (kepesertaan akan berakhir)'], String(arrears.warnings));
  await checkView(page, 'payments and arrears', shot('payments-arrears'));

  // More than is owed: refused in the server's words. The first month in full, as written.
  const firstMonth = accounts.months.find((m) => m.period === months[0]);
  await chooseMonth(page, 'pay-month', months[0]);
  await page.getByTestId('pay-amount').fill(`Rp ${(firstMonth.outstanding + 1).toLocaleString('id-ID')}`);
  await page.getByTestId('pay-reference').fill('SP2D 900/BPJS/2025');
  await page.getByTestId('pay-submit').click();
  await page.locator('[data-testid=pay-outcome][data-ok=false]').waitFor({ timeout: 30_000 });
  assert.match(await textOf(page.getByTestId('pay-outcome')), /^Pembayaran tidak dicatat: \S/);
  assert.equal((await api.get(`${regencyApi}/programs/${programId}/payments`)).body.payments.length, 0, 'a refused payment was stored');

  await page.getByTestId('pay-amount').fill(`Rp ${firstMonth.outstanding.toLocaleString('id-ID')}`);
  await page.getByTestId('pay-submit').click();
  await page.locator('[data-testid=pay-outcome][data-ok=true]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('pay-outcome')), `Pembayaran ${rp(firstMonth.outstanding)} untuk ${monthText(months[0])} dicatat.`);
  await page.locator(`[data-testid=pay-month][data-period="${months[0]}"][data-state=paid]`).waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.locator(`[data-testid=pay-month][data-period="${months[0]}"] [data-testid=pay-month-state]`)), 'Lunas');
  assert.equal(await page.getByTestId('payment').count(), 1);
  assert.equal(await textOf(page.getByTestId('payment-amount')), rp(firstMonth.outstanding));
  const paid = (await api.get(`${regencyApi}/programs/${programId}/payments`)).body;
  assert.equal(paid.payments[0].amount, firstMonth.outstanding);
  assert.equal(paid.payments[0].reference, 'SP2D 900/BPJS/2025');
}

// ---- Kartu peserta -----------------------------------------------------------------------------------

async function cardSteps(page, server, api, programId, months, shot) {
  await page.getByTestId('program-tab-cards').click();
  await page.getByTestId('cards').waitFor({ timeout: 30_000 });
  await page.getByTestId('cards-none').waitFor({ timeout: 30_000 });
  await page.getByTestId('cards-issue').click();
  await page.locator('[data-testid=cards-outcome][data-ok=true]').waitFor({ timeout: 120_000 });
  assert.match(await textOf(page.getByTestId('cards-outcome')), new RegExp(`^${WORKERS} kartu diterbitkan\\.`));
  const issued = await download(page, () => page.getByTestId('cards-new-pdf').click());
  assert.equal(issued.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  await page.getByTestId('card-list').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('card').count(), WORKERS);

  // Printing again issues nothing.
  const printed = await download(page, () => page.getByTestId('cards-pdf').click());
  assert.equal(printed.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal((await api.get(`${regencyApi}/programs/${programId}/cards`)).body.items.length, WORKERS);

  // One card reprinted: the earlier one revoked.
  const first = page.locator('[data-testid=card][data-state=valid]').last();
  const worker = Number(await first.getAttribute('data-worker'));
  const oldCard = Number(await first.getAttribute('data-card'));
  await first.getByTestId('card-reprint').click();
  await page.locator(`[data-testid=card][data-card="${oldCard}"][data-state=revoked]`).waitFor({ timeout: 60_000 });
  assert.match(await textOf(page.getByTestId('cards-outcome')), new RegExp(`^Kartu baru untuk pekerja ${worker} diterbitkan; kartu lama dicabut\\.`));
  const reprinted = await download(page, () => page.getByTestId('cards-new-pdf').click());
  assert.equal(reprinted.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const cards = (await api.get(`${regencyApi}/programs/${programId}/cards`)).body.items;
  assert.equal(cards.length, WORKERS + 1);
  const revoked = cards.find((c) => c.id === oldCard);
  const valid = cards.find((c) => c.worker_id === worker && !c.revoked_at);
  assert.ok(revoked.revoked_at && valid, JSON.stringify(cards.filter((c) => c.worker_id === worker)));
  assert.equal(
    await page.locator(`[data-testid=card][data-card="${valid.id}"] [data-testid=card-check]`).getAttribute('href'),
    `/cek/${valid.token}`,
  );
  assert.equal(await textOf(page.locator(`[data-testid=card][data-card="${oldCard}"] [data-testid=card-state]`)), 'Dicabut: diterbitkan ulang');

  // Another worker's card revoked by hand, with a reason: it no longer checks as valid.
  const other = page.locator(`[data-testid=card][data-state=valid]:not([data-worker="${worker}"])`).first();
  const otherCard = Number(await other.getAttribute('data-card'));
  const otherWorker = await other.getAttribute('data-worker');
  await other.getByTestId('card-revoke').click();
  await page.getByTestId('revoke-reason').fill('Kartu hilang, dilaporkan desa');
  await page.getByTestId('revoke-submit').click();
  await page.locator(`[data-testid=card][data-card="${otherCard}"][data-state=revoked]`).waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.locator(`[data-testid=card][data-card="${otherCard}"] [data-testid=card-state]`)), 'Dicabut: Kartu hilang, dilaporkan desa');
  assert.equal(await textOf(page.getByTestId('cards-outcome')), `Kartu pekerja ${otherWorker} dicabut.`);
  assert.equal(await page.getByTestId('cards-new-pdf').count(), 0, 'a revocation offers the PDF of an earlier issue');
  const lost = (await api.get(`${regencyApi}/programs/${programId}/cards`)).body.items.find((c) => c.id === otherCard);
  const lostStatus = (await api.get(`/api/v1/cards/${lost.token}/status`)).body;
  assert.equal(lostStatus.valid, false, JSON.stringify(lostStatus));
  assert.equal(lostStatus.status, 'revoked');
  await checkView(page, 'cards', shot('cards'));

  // The public check of the new card: valid; of the old one: revoked.
  // The check page is the server's own small page (no script, no icon): the browser's request
  // for /favicon.ico meets a 404 there, which is not the page's doing.
  const check = await newPage({ expectedFailures: [{ status: 404, url: /\/favicon\.ico$/ }] });
  try {
    await check.page.goto(`${server.url}/cek/${valid.token}`);
    assert.equal(await textOf(check.page.locator('h1')), 'Kartu berlaku');
    assert.match(await textOf(check.page.locator('body')), new RegExp(`Masa kepesertaan ${monthText(months[0])} – ${monthText(shift(months[2], 1))}`));
    await check.page.screenshot({ path: shot('card-check'), fullPage: true });
    await check.page.goto(`${server.url}/cek/${revoked.token}`);
    assert.equal(await textOf(check.page.locator('h1')), 'Kartu dicabut');
    assert.deepEqual(check.problems, []);
  } finally {
    await check.context.close();
  }
}

// ---- The scenario ---------------------------------------------------------------------------------------

async function scenario(engine) {
  const db = { ...freshDatabase(engine, tmp, 'bills'), tag: engine };
  const server = await startServer(db.url, tmp);
  const shot = (name) => shotPath(engine, name);
  const months = [shift(thisMonth(), -3), shift(thisMonth(), -2), shift(thisMonth(), -1)];
  try {
    assert.ok(server.password, `the server printed no demo password\n${server.log()}`);
    const programId = seed(db, months);
    const api = await apiSession(server, 'operator');
    const op = await newPage({
      expectedFailures: [
        { status: 409, url: /\/bills$/ },
        { status: 409, url: /\/payments$/ },
      ],
    });
    try {
      await signIn(op.page, server, 'operator', `/program/${programId}?kabupaten=${REGENCY}`, 'program-page');
      await billSteps(op.page, api, programId, months, shot);
      await reconciliationSteps(op.page, api, programId, months[2], shot);
      await paymentSteps(op.page, api, programId, months, shot);
      await cardSteps(op.page, server, api, programId, months, shot);
      assert.deepEqual(op.problems, []);
    } finally {
      await op.context.close();
      await api.dispose();
    }
  } finally {
    await server.stop();
    db.drop();
  }
}

test('bills on SQLite: bill, reconciliation, payment, arrears, cards and their check', { timeout: 900_000 }, () => scenario('sqlite'));

test('bills on PostgreSQL: the same', { timeout: 900_000, skip: pgSkip }, () => scenario('postgresql'));
