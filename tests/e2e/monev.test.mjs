// Browser test of monitoring and evaluation (issue 16, the web pages): a regency's monev page, the
// province's ranking and overlap, and the targets and denominators page.
//
// Starts `jaring serve --demo` (Kabupaten Pasuruan, 35.14) on a fresh SQLite file, and again on a
// fresh PostgreSQL schema when JARING_TEST_PG is set (scripts/with-postgres.sh; JARING_REQUIRE_PG=1
// makes its absence a failure). The data is made through the real `jaring` command line on the
// same database, as tests/integration/cli/monev_cli_test.sh does: Probolinggo (35.13) from the demo
// generator with thirty Pasuruan persons planted on its list; the demo's death and membership
// extracts for Pasuruan; Pasuruan's August and September 2025 settled (keeping the persons
// Probolinggo also registers), Probolinggo's September settled (ten of them taken off, the rest
// kept); a Pasuruan program from September whose batch the branch answered (seven rejected) and
// whose September bill is paid; the province's 2025 target (33 %) and the two regencies'
// working-population denominators. Then, in Debian's Chromium:
//   - as the demo pimpinan, /monev for September 2025: coverage against the target with the
//     denominator named on the figure; the reported and cleaned figures with the difference by
//     cause adding up; change since last month; the trend; the districts ranked and one district's
//     villages opened from the table; programs, funding, claims, budget; every figure equal to
//     GET …/coverage and written as the UI writes numbers ("21,34 %", "28.448", "Rp 2.800.000.000",
//     "September 2025"); the district chart downloaded as a PNG; the monev PDF and .xlsx; the page
//     without a month (the newest settled, the months not settled since as open problems) and
//     before any settled month (said so, with a link to Verval); English; the province page shows
//     the pimpinan only Pasuruan;
//   - as the demo admin_provinsi, Monev opens /monev/provinsi: the regencies ranked as
//     GET /api/v1/provinces/35/coverage ranks them, actual beside planned, each with its
//     denominator and target, the unranked rest folded; the overlap pair, its total and the
//     coverage after removing it; Probolinggo's row opens Probolinggo's monev page; the targets
//     page starts on the province;
//   - as the demo admin_daerah, /monev/target: the province's 33 % shown as inherited; a target
//     typed wrongly refused on the page, then 35 % set for 2025 (stored as 0.35); the BPU universe
//     set through the form; every district's denominator imported from a .csv, and a file with a
//     bad row refused whole; the districts' boundaries uploaded (one feature fitting no district
//     listed back); the regency page then measures against 35 %, shows BPU coverage, ranks the
//     districts by coverage as the API does, and draws them on a map coloured by it.
// axe on every view, no console error, the page never wider than its 1366-pixel window.
// Screenshots: test-output/monev-regency.png, monev-villages.png, monev-province.png,
// monev-targets.png, monev-map.png (with -postgresql on PostgreSQL).

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
  replaceFirstPassword,
  repo,
  rp,
  seriousAxeViolations,
  shotPath,
  signIn,
  startServer,
  textOf,
} from './harness.mjs';

const PASURUAN = '35.14';
const PROBOLINGGO = '35.13';
const PERIOD = '2025-09';
const PLANTED = 30;
const TAKEN_OFF = 10;
const QUOTA = 1500;
const VERIFIER = 'verif.jatim';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-e2e-monev-'));

before(prepare);

after(async () => {
  await closeBrowser();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// ---- How the pages write figures -------------------------------------------------------------

const NBSP = '\u00a0';
const num = (n) => n.toLocaleString('id-ID');
const share = (v) => `${(v * 100).toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${NBSP}%`;
const shareEn = (v) => `${(v * 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${NBSP}%`;
const SHARE_TEXT = /^\d{1,3}(\.\d{3})*,\d{2}\u00a0%$/;
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const month = (period) => `${MONTHS[Number(period.slice(5)) - 1]} ${period.slice(0, 4)}`;

// ---- Data through the command line -----------------------------------------------------------

/** Runs `jaring` on the test's database; the last line of stdout as JSON when asked. */
function jaring(db, args, { json = false, input } = {}) {
  const out = execFileSync(jaringBin, [...args, '--db', db.url, ...(json ? ['--json'] : [])], {
    cwd: tmp,
    encoding: 'utf8',
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return json ? JSON.parse(out.trim().split('\n').pop()) : out;
}

/** A CSV file's rows as objects (the generator's and jaring's files: no quoted commas in ids). */
function readCsv(file) {
  const rows = [];
  const lines = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '').trim().split('\n');
  const split = (line) => {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    cells.push(cell.replace(/\r$/, ''));
    return cells;
  };
  const header = split(lines[0]);
  for (const line of lines.slice(1)) {
    const cells = split(line);
    rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  }
  return { header, rows };
}

const csvCell = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Settles `period` for `regency` as the province's verifier (`verifier`, an API session): a run,
 * the persons another regency also registers kept (all, or all but the first `takeOff`, which are
 * taken off), the rest accepted, the month settled.
 */
async function settle(db, verifier, regency, period, takeOff = 0) {
  jaring(db, ['verval', 'run', '--regency', regency, '--period', period], { json: true });
  const doubles = (await verifier.get(`/api/v1/regencies/${regency}/verval/findings?period=${period}&kind=other_regency&limit=500`)).body.items;
  assert.ok(doubles.length > takeOff, `${regency} ${period}: ${doubles.length} persons registered by another regency`);
  for (const f of doubles.slice(0, takeOff)) {
    jaring(db, ['verval', 'decide', '--regency', regency, '--period', period, '--finding', String(f.id), '--accept', '--reason', 'dicakup kabupaten lain', '--as', VERIFIER]);
  }
  jaring(db, ['verval', 'decide', '--regency', regency, '--period', period, '--kind', 'other_regency', '--reject', '--reason', 'tetap di daftar', '--as', VERIFIER]);
  jaring(db, ['verval', 'decide', '--regency', regency, '--period', period, '--all', '--accept', '--reason', 'Uji e2e monev: diperiksa bersama desa', '--as', VERIFIER]);
  return jaring(db, ['verval', 'settle', '--regency', regency, '--period', period, '--as', VERIFIER, '--minutes', path.join(tmp, `ba-${db.tag}-${regency}-${period}.pdf`)], { json: true });
}

async function seed(db, server) {
  // The province's verifier decides both regencies' months.
  const first = 'Sementara-Verif-2026!';
  jaring(db, ['user', 'add', VERIFIER, '--role', 'verifikator', '--scope', '35', '--password-stdin'], { input: `${first}\n` });
  await replaceFirstPassword(server, VERIFIER, first);
  const operator = await apiSession(server, 'operator');
  try {
    // Pasuruan's month extracts, as the demo offers them.
    for (const kind of ['deaths', 'members']) {
      const answer = await operator.get(`/api/v1/regencies/${PASURUAN}/demo-extracts/${kind}.csv`);
      assert.equal(answer.status, 200, `demo extract ${kind}`);
      const file = path.join(tmp, `pasuruan-${db.tag}-${kind}.csv`);
      fs.writeFileSync(file, answer.body);
      jaring(db, ['extract', 'import', kind, file, '--regency', PASURUAN, '--period', PERIOD], { json: true });
    }
    const troubled = new Set(
      ['deaths', 'members'].flatMap((kind) => readCsv(path.join(tmp, `pasuruan-${db.tag}-${kind}.csv`)).rows.map((r) => r.nik)),
    );
    // Probolinggo from the generator, with Pasuruan persons (aged 25-55, no issue, in no extract)
    // on its list too, living there now.
    const dir = path.join(tmp, `probolinggo-${db.tag}`);
    // The generator writes files and opens no database.
    execFileSync(jaringBin, ['demo', '--regency', PROBOLINGGO, '--workers', '1200', '--seed', '9', '--out', dir], { cwd: tmp, stdio: 'ignore' });
    const roster = readCsv(path.join(dir, 'roster.csv'));
    const villages = [...new Set(roster.rows.map((r) => r.village_code))].sort();
    const listed = (await operator.get(`/api/v1/regencies/${PASURUAN}/workers?status=aktif&has_issues=false&page_size=200&sort=name`)).body.items;
    const chosen = listed.filter((w) => w.age >= 25 && w.age <= 55 && !troubled.has(w.nik)).slice(0, PLANTED);
    assert.equal(chosen.length, PLANTED);
    let next = Math.max(...roster.rows.map((r) => Number(r.id))) + 1;
    const lines = [];
    for (const [k, w] of chosen.entries()) {
      const detail = (await operator.get(`/api/v1/regencies/${PASURUAN}/workers/${w.id}`)).body;
      const row = {
        id: String(next++),
        nik: detail.nik,
        kk: detail.kk,
        name: detail.name_original || detail.name,
        sex: detail.sex,
        birth_place: detail.birth_place,
        birth_date: detail.birth_date,
        address: detail.address,
        village_code: villages[k % villages.length],
        occupation: detail.occupation,
        phone: detail.phone,
      };
      lines.push(roster.header.map((h) => csvCell(row[h] ?? '')).join(','));
    }
    fs.appendFileSync(path.join(dir, 'roster.csv'), `${lines.join('\n')}\n`);
    jaring(db, ['import', path.join(dir, 'roster.csv'), '--regency', PROBOLINGGO, '--source', 'Demo', '--source-kind', 'village'], { json: true });
    for (const kind of ['deaths', 'members']) {
      jaring(db, ['extract', 'import', kind, path.join(dir, `${kind}.csv`), '--regency', PROBOLINGGO, '--period', PERIOD], { json: true });
    }
  } finally {
    await operator.dispose();
  }

  const verifier = await apiSession(server, VERIFIER);
  try {
    await settle(db, verifier, PASURUAN, '2025-08');
    await settle(db, verifier, PASURUAN, PERIOD);
    await settle(db, verifier, PROBOLINGGO, PERIOD, TAKEN_OFF);
  } finally {
    await verifier.dispose();
  }

  // Pasuruan's program: the batch of September answered by the branch, the month billed and paid.
  const program = jaring(
    db,
    ['program', 'add', '--regency', PASURUAN, '--name', 'Perlindungan pekerja rentan 2025', '--funding', 'DBHCHT=70,APBD=30',
      '--budget', '2800000000', '--from', PERIOD, '--to', '2025-12', '--quota', String(QUOTA), '--as', 'admin_daerah'],
    { json: true },
  );
  const batchFile = path.join(tmp, `batch-${db.tag}.xlsx`);
  const batch = jaring(db, ['enrol', 'batch', '--program', String(program.id), '--period', PERIOD, '--out', batchFile, '--as', 'operator'], { json: true });
  jaring(db, ['enrol', 'approve', String(batch.batch), '--as', 'verifikator']);
  const answerFile = path.join(tmp, `answer-${db.tag}.csv`);
  execFileSync('python3', [path.join(repo, 'tests/integration/cli/enrol_answer.py'), batchFile, answerFile, '--rejected', '7'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const answer = jaring(db, ['enrol', 'answer', answerFile, '--program', String(program.id), '--as', 'operator'], { json: true });
  assert.ok(answer.coverage_started > 0, JSON.stringify(answer));
  const bill = jaring(db, ['bill', '--program', String(program.id), '--period', PERIOD], { json: true });
  jaring(db, ['payment', 'add', '--program', String(program.id), '--period', PERIOD, '--amount', String(bill.total), '--date', '2025-09-20', '--reference', 'SP2D-1'], {
    json: true,
  });

  jaring(db, ['target', 'set', '--region', '35', '--year', '2025', '--value', '0.33', '--source', 'RPJMN 2025-2029'], { json: true });
  jaring(db, ['denominator', 'set', '--region', PASURUAN, '--year', '2024', '--name', 'working_population', '--value', '120000',
    '--source', 'BPS Sakernas Agustus 2024', '--source-date', '2024-11-05'], { json: true });
  jaring(db, ['denominator', 'set', '--region', PROBOLINGGO, '--year', '2025', '--name', 'working_population', '--value', '6000',
    '--source', 'BPS Sakernas Agustus 2025'], { json: true });
  jaring(db, ['denominator', 'set', '--region', '35', '--year', '2024', '--name', 'working_population', '--value', '21500000',
    '--source', 'BPS Sakernas Agustus 2024'], { json: true });
  return { program: program.id, paid: bill.total, participants: answer.coverage_started };
}

// ---- Views -----------------------------------------------------------------------------------

async function checkView(page, what, shot) {
  assert.deepEqual(await seriousAxeViolations(page), [], what);
  await assertNoPageOverflow(page, what);
  if (shot) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot, fullPage: true });
  }
}

const dataValue = async (locator) => locator.getAttribute('data-value');

/** The regency page of September as the pimpinan reads it, figure by figure against the API. */
async function regencySteps(page, api, seeded, shot) {
  const m = (await api.get(`/api/v1/regencies/${PASURUAN}/coverage?period=${PERIOD}`)).body;
  assert.equal(m.period, PERIOD);
  await page.locator(`[data-testid=monev-page][data-period="${PERIOD}"]`).waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('monev-title')), 'Monev Kabupaten Pasuruan');
  assert.match(await textOf(page.getByTestId('monev-settled')), /^Bulan September 2025 · ditetapkan versi \d+ pada \d{1,2} \w+ 20\d\d \d\d\.\d\d$/);

  // The headline: coverage against the target, the denominator named on the figure.
  assert.ok(m.coverage > 0 && m.denominator.value === 120000 && m.target === 0.33, JSON.stringify(m).slice(0, 400));
  assert.equal(await textOf(page.getByTestId('monev-coverage')), share(m.coverage));
  assert.match(await textOf(page.getByTestId('monev-coverage')), SHARE_TEXT);
  assert.equal(await textOf(page.getByTestId('monev-target')), `Target ${share(0.33)} (Jawa Timur, 2025) · RPJMN 2025-2029`);
  assert.equal(
    await textOf(page.getByTestId('monev-headline').getByTestId('monev-denominator')),
    `${num(m.participants)} peserta ÷ Penduduk bekerja 120.000 (2024; sumber: BPS Sakernas Agustus 2024, 5 November 2024)`,
  );
  const needed = Math.ceil(0.33 * 120000 - m.participants - 1e-9);
  assert.equal(await textOf(page.getByTestId('monev-to-target')), `Masih perlu ${num(needed)} peserta untuk mencapai target.`);
  assert.equal(await textOf(page.getByTestId('monev-participants')), num(m.participants));
  assert.equal(m.participants, seeded.participants);
  const august = m.trend.find((x) => x.period === '2025-08');
  assert.equal(m.change.month.delta, m.participants - august.participants);
  assert.equal(await dataValue(page.getByTestId('monev-change-month')), String(m.change.month.delta));
  assert.match(await textOf(page.getByTestId('monev-change-month')), new RegExp(`^Dibanding bulan lalu \\(Agustus 2025\\): \\+${num(m.change.month.delta).replace(/\./g, '\\.')}`));
  assert.equal(await textOf(page.getByTestId('monev-change-year')), 'Dibanding tahun lalu: bulan pembanding belum ditetapkan');
  assert.equal(await textOf(page.getByTestId('monev-planned-coverage')), share(QUOTA / 120000));
  assert.equal(await textOf(page.getByTestId('monev-planned-quota')), `kuota program yang berlaku bulan ini: ${num(QUOTA)} orang (termasuk perubahan PAK)`);
  assert.equal(await textOf(page.getByTestId('monev-bpjs-coverage')), share(m.bpjs_view.coverage));
  assert.ok(m.bpjs_view.participants > 0 && m.bpjs_view.participants < m.participants, 'one paid month counts a sixth');
  assert.equal(await page.getByTestId('monev-bpu-coverage').count(), 0, 'no BPU universe yet');
  await page.getByTestId('monev-map-missing').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('monev-map').count(), 0, 'no map before boundaries are uploaded');

  // Reported against cleaned: the clearest thing on the page.
  assert.equal(await textOf(page.getByTestId('monev-reported-coverage')), share(m.reported_coverage));
  assert.equal(await textOf(page.getByTestId('monev-cleaned-coverage')), share(m.cleaned_coverage));
  assert.equal(await textOf(page.getByTestId('monev-rows')), `${num(m.rows)} baris`);
  assert.equal(await textOf(page.getByTestId('monev-persons')), `${num(m.persons)} orang`);
  const causes = ['duplicates', 'other_regency', 'died', 'ineligible', 'other_removed'];
  let off = 0;
  for (const cause of causes) {
    const row = page.locator(`[data-testid=monev-cause][data-cause=${cause}]`);
    const n = m.difference[cause];
    off += n;
    assert.equal(await dataValue(row), String(n), cause);
    assert.equal(await textOf(row.getByTestId('monev-cause-count')), n > 0 ? `\u2212${num(n)}` : '0', cause);
  }
  assert.equal(off, m.rows - m.persons, 'the causes add up to the difference');
  assert.ok(m.difference.duplicates > 0 && m.difference.died > 0, JSON.stringify(m.difference));
  assert.equal(await dataValue(page.getByTestId('monev-difference-total')), String(off));
  assert.match(await textOf(page.getByTestId('monev-because')), new RegExp(`^Selisih ${num(off).replace(/\./g, '\\.')} baris karena: ${num(m.difference.duplicates).replace(/\./g, '\\.')} duplikat, `));
  assert.equal(await page.getByTestId('monev-causes').locator('caption').textContent(), 'Dari baris daftar ke orang setelah verval, September 2025');

  // The trend: both settled months, September the current one (its table one click away).
  await page.getByTestId('monev-trend-details').locator('summary').click();
  const trend = page.getByTestId('monev-trend-row');
  assert.deepEqual(await trend.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period'))), m.trend.map((x) => x.period));
  const sept = page.locator(`[data-testid=monev-trend-row][data-period="${PERIOD}"]`);
  assert.equal(await sept.getAttribute('aria-current'), 'true');
  assert.equal(await sept.locator('th').textContent(), 'September 2025');
  assert.equal(await textOf(sept.getByTestId('monev-trend-coverage')), share(m.trend.at(-1).coverage));

  // The districts, in the API's order and ranks; their table is one click away.
  await page.getByTestId('monev-districts-details').locator('summary').click();
  const districts = page.getByTestId('monev-district');
  assert.deepEqual(await districts.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code'))), m.districts.map((d) => d.code));
  for (const d of m.districts.slice(0, 3)) {
    const row = page.locator(`[data-testid=monev-district][data-code="${d.code}"]`);
    assert.equal(await row.getAttribute('data-rank'), String(d.rank));
    assert.equal(await textOf(row.getByTestId('monev-area-persons')), num(d.persons));
    assert.equal(await textOf(row.getByTestId('monev-area-participants')), num(d.participants));
    assert.equal(await textOf(row.getByTestId('monev-area-share')), d.share_covered === null ? '–' : share(d.share_covered));
  }
  assert.equal(await textOf(page.getByTestId('panel-monev-districts').locator('.panel-note')), 'Menurut bagian orang terverifikasi yang terlindungi (tidak semua kecamatan memiliki penyebut). Pilih kecamatan untuk melihat desanya.');
  const gaps = page.getByTestId('monev-gap');
  assert.deepEqual(await gaps.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code'))), m.gaps.map((g) => g.code));

  // Programs and funding, claims, budget.
  const program = page.locator(`[data-testid=monev-program][data-program="${seeded.program}"]`);
  assert.equal(await textOf(program.getByTestId('monev-program-quota')), num(QUOTA));
  assert.equal(await textOf(program.getByTestId('monev-program-participants')), num(m.participants));
  const funding = Object.fromEntries(m.funding.map((f) => [f.source, f.participants]));
  assert.equal(funding.DBHCHT + funding.APBD, m.participants);
  assert.equal(await dataValue(page.locator('[data-testid=monev-funding][data-source=DBHCHT]')), String(funding.DBHCHT));
  assert.equal(await textOf(page.getByTestId('monev-budget-budget').locator('dd')), rp(2_800_000_000));
  assert.equal(await textOf(page.getByTestId('monev-budget-paid').locator('dd')), rp(seeded.paid));
  assert.equal(await textOf(page.getByTestId('monev-budget-absorption').locator('dd')), share(seeded.paid / 2_800_000_000));
  assert.equal(await textOf(page.getByTestId('monev-claims-deaths').locator('dd')), num(m.claims.deaths));
  assert.equal(await textOf(page.getByTestId('monev-claims-amount').locator('dd')), rp(m.claims.amount_paid));
  assert.equal(await page.getByTestId('monev-problems-none').count(), m.unsettled_months.length === 0 ? 1 : 0);

  // The documents of the month.
  assert.equal(await page.getByTestId('monev-pdf').getAttribute('href'), `/api/v1/regencies/${PASURUAN}/monev.pdf?period=${PERIOD}`);
  assert.equal(await textOf(page.getByTestId('monev-pdf')), 'Unduh laporan monev (PDF)');
  assert.equal(await page.getByTestId('monev-xlsx').getAttribute('href'), `/api/v1/regencies/${PASURUAN}/monev.xlsx?period=${PERIOD}`);
  assert.equal(await page.getByTestId('monev-districts-xlsx').getAttribute('href'), `/api/v1/regencies/${PASURUAN}/monev.xlsx?period=${PERIOD}`);

  for (const [testid, magic] of [['monev-pdf', '%PDF'], ['monev-xlsx', 'PK']]) {
    const answer = await page.request.get(new URL(await page.getByTestId(testid).getAttribute('href'), page.url()).href);
    assert.equal(answer.status(), 200, testid);
    assert.equal((await answer.body()).subarray(0, magic.length).toString('latin1'), magic, testid);
  }

  // The district chart as a PNG, made in the browser.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('monev-districts-png').click()]);
  assert.equal(download.suggestedFilename(), `monev-${PASURUAN}-${PERIOD}-kecamatan.png`);
  const png = fs.readFileSync(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  assert.ok(png.readUInt32BE(16) > 1000 && png.readUInt32BE(20) > 300, `PNG of ${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`);

  await checkView(page, 'regency page', shot('monev-regency'));
  return m;
}

/** One district's villages, opened from the districts table, as GET …/coverage/districts/{d}. */
async function villageSteps(page, api, m, shot) {
  const district = m.districts[0];
  const villages = (await api.get(`/api/v1/regencies/${PASURUAN}/coverage/districts/${district.code}?period=${PERIOD}`)).body.items;
  await page.locator(`[data-testid=monev-district][data-code="${district.code}"] [data-testid=monev-district-open]`).click();
  await page.locator(`[data-testid=monev-villages][data-district="${district.code}"][data-state=ready]`).waitFor({ timeout: 30_000 });
  assert.match(page.url(), new RegExp(`[?&]kecamatan=${district.code.replace(/\./g, '\\.')}`));
  assert.equal(await textOf(page.getByTestId('panel-monev-villages').locator('h2')), `Desa di Kecamatan ${district.name}`);
  const rows = page.getByTestId('monev-village');
  assert.deepEqual(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-code'))), villages.map((v) => v.code));
  assert.equal(villages.reduce((n, v) => n + v.persons, 0), district.persons, 'the villages add up to their district');
  for (const v of villages.slice(0, 3)) {
    const row = page.locator(`[data-testid=monev-village][data-code="${v.code}"]`);
    assert.equal(await textOf(row.getByTestId('monev-area-persons')), num(v.persons));
    assert.equal(await textOf(row.getByTestId('monev-area-share')), v.share_covered === null ? '–' : share(v.share_covered));
  }
  await checkView(page, 'villages', shot('monev-villages'));
  await page.getByTestId('monev-villages-close').click();
  await page.getByTestId('monev-villages').waitFor({ state: 'detached', timeout: 30_000 });
}

/** The newest month without ?period=, a month before any settled one, and English. */
async function monthSteps(page, api, server) {
  const newest = (await api.get(`/api/v1/regencies/${PASURUAN}/coverage`)).body;
  await page.goto(`${server.url}/monev?kabupaten=${PASURUAN}`);
  await page.locator(`[data-testid=monev-page][data-period="${newest.period}"]`).waitFor({ timeout: 30_000 });
  assert.equal(newest.period, PERIOD);
  assert.ok(newest.unsettled_months.length > 0 && newest.unsettled_months[0] === '2025-10', JSON.stringify(newest.unsettled_months));
  const unsettled = page.getByTestId('monev-problem-unsettled');
  assert.equal(await dataValue(unsettled), String(newest.unsettled_months.length));
  const first = page.getByTestId('monev-unsettled-month').first();
  assert.equal(await first.textContent(), 'Oktober 2025');
  assert.equal(await first.getAttribute('href'), '/verval?periode=2025-10');
  assert.equal(await page.getByTestId('monev-period-month').inputValue(), '9');
  assert.equal(await page.getByTestId('monev-period-year').inputValue(), '2025');

  // The picker: July 2025, before the first settled month.
  await page.getByTestId('monev-period-month').selectOption('7');
  await page.getByTestId('monev-none').waitFor({ timeout: 30_000 });
  assert.match(page.url(), /[?&]period=2025-07/);
  assert.equal(await textOf(page.locator('#monev-none-title')), 'Belum ada bulan yang ditetapkan sampai Juli 2025');
  assert.equal(await page.getByTestId('monev-to-verval').getAttribute('href'), '/verval?periode=2025-07');
  assert.equal(await page.getByTestId('monev-pdf').count(), 0);
  await checkView(page, 'no settled month');

  // English on September: the same figures in English words.
  await page.goto(`${server.url}/monev?kabupaten=${PASURUAN}&period=${PERIOD}`);
  await page.locator(`[data-testid=monev-page][data-period="${PERIOD}"]`).waitFor({ timeout: 30_000 });
  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: 'Kabupaten Pasuruan monitoring' }).waitFor({ timeout: 10_000 });
  assert.equal(await textOf(page.getByTestId('monev-coverage')), shareEn(newest.coverage));
  assert.equal(await textOf(page.getByTestId('monev-rows')), `${newest.rows.toLocaleString('en-GB')} rows`);
  assert.equal(await textOf(page.getByTestId('monev-budget-budget').locator('dd')), rp(2_800_000_000));
  assert.equal(await page.getByTestId('panel-monev-difference').locator('h2').textContent(), 'Reported and cleaned figures');
  await checkView(page, 'regency page in English');
  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: 'Monev Kabupaten Pasuruan' }).waitFor({ timeout: 10_000 });

  // A regency's session sees only its own regency on the province page.
  await page.getByTestId('monev-tab-province').click();
  await page.locator('[data-testid=monev-province][data-period]').waitFor({ timeout: 30_000 });
  await page.getByTestId('monev-ranking-table').waitFor({ timeout: 30_000 });
  assert.deepEqual(await page.getByTestId('monev-regency').evaluateAll((r) => r.map((x) => x.getAttribute('data-code'))), [PASURUAN]);
  assert.equal(await page.getByTestId('monev-tab-targets').count(), 0, 'the pimpinan sets no target');
}

/** The province page as the province's administrator reads it. */
async function provinceSteps(page, api, shot) {
  const p = (await api.get(`/api/v1/provinces/35/coverage?period=${PERIOD}`)).body;
  assert.equal(await page.getByTestId('nav-monev').getAttribute('href'), '/monev/provinsi');
  await page.getByTestId('monev-ranking-table').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('monev-title')), `Monev ${p.province.name}`);
  const ranked = p.regencies.filter((r) => r.rank > 0 || r.planned_rank > 0);
  assert.deepEqual(ranked.map((r) => r.code), [PASURUAN, PROBOLINGGO]);
  const rows = page.getByTestId('monev-ranking-table').getByTestId('monev-regency');
  assert.deepEqual(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-code'))), ranked.map((r) => r.code));
  for (const r of ranked) {
    const row = page.locator(`[data-testid=monev-ranking-table] [data-testid=monev-regency][data-code="${r.code}"]`);
    assert.equal(await row.getAttribute('data-rank'), String(r.rank));
    assert.equal(await row.getAttribute('data-planned-rank'), String(r.planned_rank));
    assert.equal(await textOf(row.getByTestId('monev-regency-participants')), num(r.participants));
    assert.equal(await textOf(row.getByTestId('monev-regency-coverage')), share(r.coverage));
    assert.equal(await textOf(row.getByTestId('monev-regency-planned')), r.planned_coverage === null ? '–' : share(r.planned_coverage));
    assert.equal(await textOf(row.getByTestId('monev-regency-target')), share(0.33));
    const d = r.denominator;
    assert.equal(await textOf(row.getByTestId('monev-regency-denominator')), `Penduduk bekerja ${num(d.value)} (${d.year}; ${d.source}${d.source_date ? ', 5 November 2024' : ''})`);
  }
  assert.equal(await textOf(page.getByTestId('panel-monev-unranked').locator('h2')), `${p.regencies.length - 2} kabupaten/kota belum memiliki angka`);

  // The overlap: one pair, its total, the coverage after removing it.
  const pairs = page.getByTestId('monev-overlap-pair');
  assert.equal(await pairs.count(), p.overlap.pairs.length);
  assert.equal(p.overlap.pairs.length, 1);
  const pair = p.overlap.pairs[0];
  assert.ok(pair.persons > 0 && pair.persons <= PLANTED - TAKEN_OFF, JSON.stringify(p.overlap));
  assert.equal(await textOf(pairs.first()), `Kabupaten Probolinggo · Kabupaten Pasuruan ${num(pair.persons)}`);
  assert.equal(await textOf(page.getByTestId('monev-overlap-total')), num(p.overlap.persons));
  assert.equal(await textOf(page.getByTestId('monev-overlap-persons')), num(p.overlap.persons));
  assert.equal(p.overlap.denominator.value, 21_500_000);
  assert.equal(p.overlap.coverage, p.overlap.participants_total / 21_500_000);
  assert.equal(p.overlap.coverage_after_overlap, (p.overlap.participants_total - p.overlap.persons) / 21_500_000);
  assert.equal(await textOf(page.getByTestId('monev-province-coverage')), share(p.overlap.coverage));
  assert.equal(await textOf(page.getByTestId('monev-coverage-after-overlap')), share(p.overlap.coverage_after_overlap));
  assert.equal(
    await textOf(page.getByTestId('monev-overlap-summary')),
    `${num(pair.persons)} orang terhitung dua kali. Cakupan provinsi ${share(p.overlap.coverage)}; setelah tumpang tindih dihapus ${share(p.overlap.coverage_after_overlap)}.`,
  );
  assert.equal(
    await textOf(page.getByTestId('monev-province-headline').getByTestId('monev-denominator')),
    `${num(p.overlap.participants_total)} peserta ÷ Penduduk bekerja 21.500.000 (2024; sumber: BPS Sakernas Agustus 2024)`,
  );
  assert.equal(await page.getByTestId('monev-province-xlsx').getAttribute('href'), `/api/v1/provinces/35/monev.xlsx?period=${PERIOD}`);
  const workbook = await page.request.get(new URL(`/api/v1/provinces/35/monev.xlsx?period=${PERIOD}`, page.url()).href);
  assert.equal(workbook.status(), 200);
  assert.equal((await workbook.body()).subarray(0, 2).toString('latin1'), 'PK');
  await checkView(page, 'province page', shot('monev-province'));

  // Probolinggo's own page from its row.
  const probolinggo = (await api.get(`/api/v1/regencies/${PROBOLINGGO}/coverage?period=${PERIOD}`)).body;
  await page.locator(`[data-testid=monev-regency][data-code="${PROBOLINGGO}"] [data-testid=monev-regency-open]`).click();
  await page.locator(`[data-testid=monev-page][data-regency="${PROBOLINGGO}"][data-period="${PERIOD}"]`).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('regency-select').inputValue(), PROBOLINGGO);
  assert.equal(await textOf(page.getByTestId('monev-title')), 'Monev Kabupaten Probolinggo');
  assert.equal(probolinggo.difference.other_regency, TAKEN_OFF);
  assert.equal(await dataValue(page.locator('[data-testid=monev-cause][data-cause=other_regency]')), String(TAKEN_OFF));
  assert.equal(await textOf(page.getByTestId('monev-coverage')), share(0));
  assert.equal(await page.getByTestId('monev-programs-none').count(), 1);
  await checkView(page, 'Probolinggo');
}

/** Targets and denominators as the regency's administrator sets them. */
async function targetSteps(page, api, m, shot) {
  await page.getByTestId('nav-monev').click();
  await page.locator('[data-testid=monev-page][data-period]').waitFor({ timeout: 30_000 });
  await page.getByTestId('monev-tab-targets').click();
  await page.locator(`[data-testid=monev-targets][data-region="${PASURUAN}"]`).waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=monev-inherited-table] [data-testid=monev-target-row][data-region="35"][data-year="2025"]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.locator('[data-testid=monev-inherited-table] [data-testid=monev-target-row][data-region="35"] [data-testid=monev-target-value]')), share(0.33));

  // A target typed wrongly never leaves the page; 35 % for 2025 is stored as 0.35.
  await page.locator('[data-testid=monev-target-form][data-ready=true]').waitFor({ timeout: 30_000 });
  await page.getByTestId('monev-target-year').selectOption('2025');
  await page.getByTestId('monev-target-input').fill('135');
  await page.getByTestId('monev-target-submit').click();
  assert.equal(await textOf(page.getByTestId('monev-target-status')), 'Target harus persen lebih dari 0 dan paling banyak 100, mis. 33 atau 33,5.');
  assert.equal(await page.getByTestId('monev-target-input').getAttribute('aria-invalid'), 'true');
  await page.getByTestId('monev-target-input').fill('35');
  await page.getByTestId('monev-target-source').fill('RPJMD Kabupaten Pasuruan 2025-2029');
  await page.getByTestId('monev-target-submit').click();
  await page.locator('[data-testid=monev-target-status][data-ok=true]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('monev-target-status')), `Target 2025 Kabupaten Pasuruan disimpan: ${share(0.35)}.`);
  await page.locator('[data-testid=monev-targets-table] [data-testid=monev-target-row][data-year="2025"]').waitFor({ timeout: 30_000 });
  const targets = (await api.get(`/api/v1/regions/${PASURUAN}/targets`)).body.items;
  assert.deepEqual(targets.map((x) => [x.year, x.value, x.source]), [[2025, 0.35, 'RPJMD Kabupaten Pasuruan 2025-2029']]);

  // The BPU universe through the form (2024, the year of the working population it sits beside).
  await page.locator('[data-testid=monev-denominator-form][data-ready=true]').waitFor({ timeout: 30_000 });
  await page.getByTestId('monev-denominator-year').selectOption('2024');
  await page.getByTestId('monev-denominator-name').selectOption('bpu_universe');
  await page.getByTestId('monev-denominator-input').fill('40.000');
  await page.getByTestId('monev-denominator-source').fill('Survei Disnaker 2025');
  await page.getByTestId('monev-denominator-submit').click();
  await page.locator('[data-testid=monev-denominator-status][data-ok=true]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('monev-denominator-status')), 'Semesta pekerja BPU 2024 Kabupaten Pasuruan disimpan: 40.000.');
  const item = page.locator('[data-testid=monev-denominator-item][data-year="2024"][data-name=bpu_universe]');
  await item.waitFor({ timeout: 30_000 });
  assert.equal(await textOf(item.getByTestId('monev-denominator-value')), '40.000');

  // Every district's working population from a file; then a file with a bad row, refused whole.
  const districtValue = (d) => d.persons * 4 + 1000;
  const good = ['kode_wilayah,tahun,nama,nilai,sumber,tanggal_sumber', ...m.districts.map((d) => `${d.code},2024,working_population,${districtValue(d)},BPS Kecamatan Dalam Angka 2024,2024-09-26`)].join('\n');
  await page.getByTestId('monev-import-file').setInputFiles({ name: 'penyebut-kecamatan.csv', mimeType: 'text/csv', buffer: Buffer.from(`${good}\n`) });
  await page.getByTestId('monev-import-submit').click();
  await page.locator('[data-testid=monev-import-status][data-ok=true]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('monev-import-status')), `penyebut-kecamatan.csv: ${num(m.districts.length)} dari ${num(m.districts.length)} baris disimpan.`);
  await page.locator('[data-testid=monev-denominator-item][data-name=bpu_universe]').waitFor({ timeout: 30_000 });
  await checkView(page, 'targets page', shot('monev-targets'));
  const bad = ['kode_wilayah,tahun,nama,nilai,sumber', `${m.districts[0].code},2024,working_population,1,x`, `${m.districts[1].code},2024,working_population,banyak,x`].join('\n');
  await page.getByTestId('monev-import-file').setInputFiles({ name: 'salah.csv', mimeType: 'text/csv', buffer: Buffer.from(`${bad}\n`) });
  await page.getByTestId('monev-import-submit').click();
  await page.locator('[data-testid=monev-import-status][data-ok=false]').waitFor({ timeout: 30_000 });
  assert.match(await textOf(page.getByTestId('monev-import-status')), /^Berkas ditolak, tidak ada yang disimpan: Baris 3: /);
  const first = (await api.get(`/api/v1/regions/${m.districts[0].code}/denominators`)).body.items;
  assert.deepEqual(first.map((d) => d.value), [districtValue(m.districts[0])], 'the refused file stored nothing');

  // The districts' boundaries for the map: a square each, and one feature that fits no district.
  const square = (i) => {
    const [lon, lat] = [112.6 + (i % 6) * 0.05, -7.6 - Math.floor(i / 6) * 0.05];
    return [[[lon, lat], [lon + 0.05, lat], [lon + 0.05, lat - 0.05], [lon, lat - 0.05], [lon, lat]]];
  };
  const geojson = {
    type: 'FeatureCollection',
    features: [
      ...m.districts.map((d, i) => ({ type: 'Feature', properties: { kode_kecamatan: d.code }, geometry: { type: 'Polygon', coordinates: square(i) } })),
      { type: 'Feature', properties: { nama: 'Atlantis' }, geometry: { type: 'Polygon', coordinates: square(40) } },
    ],
  };
  await page.getByTestId('monev-boundaries-file').setInputFiles({ name: 'kecamatan.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) });
  await page.getByTestId('monev-boundaries-submit').click();
  await page.locator('[data-testid=monev-boundaries-status][data-ok=true]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('monev-boundaries-status')), `kecamatan.geojson: ${num(m.districts.length)} dari ${num(m.districts.length + 1)} wilayah dipasang pada kecamatan.`);
  assert.match(await textOf(page.getByTestId('monev-boundaries-unmatched')), /Atlantis/);

  // A district as the region: its imported denominator listed.
  await page.getByTestId('monev-region').selectOption(m.districts[0].code);
  await page.locator(`[data-testid=monev-targets][data-region="${m.districts[0].code}"]`).waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=monev-denominator-item][data-year="2024"][data-name=working_population]').waitFor({ timeout: 30_000 });
  await page.getByTestId('monev-region').selectOption(PASURUAN);
  await page.locator('[data-testid=monev-denominator-item][data-name=bpu_universe]').waitFor({ timeout: 30_000 });
  await checkView(page, 'targets page after a district');

  // The regency page now measures against 35 %, shows BPU coverage and ranks by coverage.
  const after = (await api.get(`/api/v1/regencies/${PASURUAN}/coverage?period=${PERIOD}`)).body;
  assert.equal(after.target, 0.35);
  assert.equal(after.target_detail.region_code, PASURUAN);
  await page.getByTestId('monev-tab-regency').click();
  await page.locator(`[data-testid=monev-page][data-period="${PERIOD}"]`).waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('monev-target')), `Target ${share(0.35)} (Kabupaten Pasuruan, 2025) · RPJMD Kabupaten Pasuruan 2025-2029`);
  assert.equal(await textOf(page.getByTestId('monev-bpu-coverage')), `Cakupan BPU: ${share(after.bpu_coverage)}`);
  assert.equal(after.bpu_coverage, after.participants / 40000);
  assert.equal(await textOf(page.getByTestId('panel-monev-districts').locator('.panel-note')), 'Menurut cakupan (setiap kecamatan memiliki penyebut). Pilih kecamatan untuk melihat desanya.');
  await page.getByTestId('monev-districts-details').locator('summary').click();
  assert.deepEqual(await page.getByTestId('monev-district').evaluateAll((r) => r.map((x) => x.getAttribute('data-code'))), after.districts.map((d) => d.code));
  for (const d of after.districts.slice(0, 3)) {
    assert.equal(d.coverage, d.participants / districtValue(m.districts.find((x) => x.code === d.code)));
    assert.equal(await textOf(page.locator(`[data-testid=monev-district][data-code="${d.code}"] [data-testid=monev-area-coverage]`)), share(d.coverage));
  }
  // The map: every district coloured by its coverage; a click opens its villages.
  const paths = page.getByTestId('monev-map-district');
  // The map comes by its own request (the boundaries), after the page's figures.
  await page.getByTestId('monev-map').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('monev-map-missing').count(), 0, 'the hint goes once the map is drawn');
  assert.equal(await paths.count(), m.districts.length);
  for (const d of after.districts.slice(0, 3)) {
    const path = page.locator(`[data-testid=monev-map-district][data-code="${d.code}"]`);
    assert.equal(Number(await path.getAttribute('data-value')), d.coverage);
    assert.equal(await path.locator('title').textContent(), `${d.name}: ${share(d.coverage)}`);
  }
  const top = after.districts[0];
  const fills = await paths.evaluateAll((ps) => new Set(ps.map((p) => p.getAttribute('fill'))).size);
  assert.ok(fills > 1, 'districts of different coverage are coloured differently');
  await checkView(page, 'regency page after the targets', shot('monev-map'));
  await page.locator(`[data-testid=monev-map-district][data-code="${top.code}"]`).click();
  await page.locator(`[data-testid=monev-villages][data-district="${top.code}"][data-state=ready]`).waitFor({ timeout: 30_000 });
}

async function scenario(engine) {
  const db = { ...freshDatabase(engine, tmp, 'monev'), tag: engine };
  const server = await startServer(db.url, tmp);
  const shot = (name) => shotPath(engine, name);
  try {
    assert.ok(server.password, `the server printed no demo password\n${server.log()}`);
    const seeded = await seed(db, server);
    const failures = [{ status: 400, url: /\/api\/v1\/denominators$/ }];

    const lead = await newPage({ expectedFailures: failures });
    const leadApi = await apiSession(server, 'pimpinan');
    let m;
    try {
      await signIn(lead.page, server, 'pimpinan', `/monev?kabupaten=${PASURUAN}&period=${PERIOD}`, 'monev-headline');
      assert.equal(await textOf(lead.page.getByTestId('nav-monev')), 'Monev');
      m = await regencySteps(lead.page, leadApi, seeded, shot);
      await villageSteps(lead.page, leadApi, m, shot);
      await monthSteps(lead.page, leadApi, server);
      assert.deepEqual(lead.problems, []);
    } finally {
      await leadApi.dispose();
      await lead.context.close();
    }

    const province = await newPage({ expectedFailures: failures });
    const provinceApi = await apiSession(server, 'admin_provinsi');
    try {
      // No month in the address: the page opens on the newest month a regency settled (PERIOD),
      // not on this month, whose targets and quotas would not be the settled month's.
      await signIn(province.page, server, 'admin_provinsi', '/monev/provinsi', 'monev-province');
      await province.page.locator(`[data-testid=monev-province][data-period="${PERIOD}"]`).waitFor({ timeout: 30_000 });
      await provinceSteps(province.page, provinceApi, shot);
      // The province's administrator sets the province's target: the targets page starts there.
      await province.page.goto(`${server.url}/monev/target`);
      await province.page.locator('[data-testid=monev-targets][data-region="35"]').waitFor({ timeout: 30_000 });
      assert.equal(await province.page.getByTestId('monev-region').inputValue(), '35');
      assert.deepEqual(province.problems, []);
    } finally {
      await provinceApi.dispose();
      await province.context.close();
    }

    const admin = await newPage({ expectedFailures: failures });
    const adminApi = await apiSession(server, 'admin_daerah');
    try {
      await signIn(admin.page, server, 'admin_daerah', `/?kabupaten=${PASURUAN}`, 'nav-monev');
      await targetSteps(admin.page, adminApi, m, shot);
      assert.deepEqual(admin.problems, []);
    } finally {
      await adminApi.dispose();
      await admin.context.close();
    }
  } finally {
    await server.stop();
    db.drop();
  }
}

test('monev on SQLite: the regency page, a district’s villages, the province, targets and denominators', { timeout: 1_500_000 }, () => scenario('sqlite'));

test('monev on PostgreSQL: the same', { timeout: 1_500_000, skip: pgSkip }, () => scenario('postgresql'));
