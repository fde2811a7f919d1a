// Browser test of claims for heirs (issue 15, the web pages): the regency's cases, the dossier
// screen, and how benefits are computed, walking the "Done when".
//
// Starts `jaring serve --demo` on a fresh SQLite file, and again on a fresh PostgreSQL schema
// when JARING_TEST_PG is set (scripts/with-postgres.sh; JARING_REQUIRE_PG=1 makes its absence a
// failure). The data is made through the real `jaring` command line on the same database, as
// tests/integration/cli/claim_cli_test.sh does: September 2025 settled, a program from September
// to December 2025, its batch approved and answered by the branch (everyone accepted, cover from
// 1 September), a death extract for October saying the first accepted worker died on 5 October
// (the second month), and October settled: verval opens the JKM case by itself. A BPJS officer's
// account is added with `jaring user add --role bpjs`. Then, in Debian's Chromium:
//   - as the demo operator, Klaim: the verval case listed (JKM, 5 Oktober 2025, Rp 10.000.000,
//     Dilaporkan); a case for the second accepted worker opened through the form (found by the
//     worker search; died 2 November 2025, reported the next day by the family, a member since
//     1 June 2021 with 52 paid months by the branch's figures): Rp 42.000.000; it waits past
//     its dossier target, so it is overdue, highlighted, and alone under "terlambat saja";
//   - its dossier screen: a sibling beside a spouse refused in the server's words naming the
//     spouse; the spouse (bank account) and two children in school (TK/SD, SMP) saved: the
//     breakdown shows Rp 42.000.000 plus the scholarship of each child (Rp 1.500.000 and
//     Rp 2.000.000: Rp 45.500.000 in all), each item linking to its rule's explanation; the
//     death certificate uploaded (a small PDF the test writes, downloadable again), the other
//     papers seen (completion refused while one is missing); dossier complete, sent back with a
//     reason, complete again; submitted; the operator is offered no decision;
//   - the rules page at the event's date, opened from an item of the breakdown at its anchor;
//   - as the BPJS officer: approved with the amount, paid on 20 November 2025 with the branch's
//     reference: the clock shows 18 days from the death to payment, every stage with its days;
//   - the verval case's heir and papers recorded and the case submitted through the command line;
//     as the operator again: "Laporan klaim" agrees with GET …/claims-report (one case waiting with
//     its heir and figure, median 18 days); "Pertukaran dengan BPJS": the submitted cases
//     downloaded (an xlsx with the verval case and its heir), the branch's decisions uploaded (the
//     verval case paid straight from submitted, a case number jaring does not know): 1 applied,
//     the unknown_claim line listed, the list shows the case paid; a file with an unreadable
//     decision refused in the server's words, nothing moved; the report again (both paid, median
//     34,5 days, by kind and state, district and month as the API says), its PDF and xlsx, English.
// axe on every view, no console error, the page never wider than its 1366-pixel window.
// Screenshots: test-output/claims-list.png, claim-dossier.png, claim-paid.png,
// benefit-rules.png, claims-exchange.png, claims-report.png (with -postgresql on PostgreSQL).

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
  repo,
  readXlsxRows,
  replaceFirstPassword,
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
const BPJS_USER = 'bpjs.pasuruan';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-e2e-claims-'));

before(prepare);

after(async () => {
  await closeBrowser();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs the `jaring` command line on the test's database; the last line of its stdout as JSON when asked. */
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

function settle(db, period) {
  jaring(db, ['verval', 'run', '--regency', REGENCY, '--period', period]);
  jaring(db, ['verval', 'decide', '--regency', REGENCY, '--period', period, '--all', '--accept', '--reason', 'Uji e2e klaim: diperiksa bersama desa', '--as', 'verifikator']);
  return jaring(db, ['verval', 'settle', '--regency', REGENCY, '--period', period, '--as', 'verifikator', '--minutes', path.join(tmp, `ba-${db.tag}-${period}.pdf`)], { json: true });
}

/**
 * September settled, the program and its batch answered (cover from 1 September 2025), October's
 * deaths extract with the first accepted worker dead on 5 October, October settled. Answers the
 * two workers: the one verval found dead and the one whose case the operator opens.
 */
async function seed(db, api) {
  settle(db, '2025-09');
  const program = jaring(
    db,
    ['program', 'add', '--regency', REGENCY, '--name', 'Perlindungan pekerja rentan (uji klaim)', '--funding', 'DBHCHT', '--budget', '2800000000',
      '--from', '2025-09', '--to', '2025-12', '--quota', String(WORKERS), '--as', 'operator'],
    { json: true },
  );
  const batchFile = path.join(tmp, `batch-${db.tag}.xlsx`);
  const batch = jaring(db, ['enrol', 'batch', '--program', String(program.id), '--period', '2025-09', '--out', batchFile, '--as', 'operator'], { json: true });
  jaring(db, ['enrol', 'approve', String(batch.batch), '--as', 'verifikator']);
  const answerFile = path.join(tmp, `answer-${db.tag}.csv`);
  execFileSync('python3', [path.join(repo, 'tests/integration/cli/enrol_answer.py'), batchFile, answerFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  const answer = jaring(db, ['enrol', 'answer', answerFile, '--program', String(program.id), '--as', 'operator'], { json: true });
  assert.equal(answer.coverage_started, WORKERS, `the answer: ${JSON.stringify(answer)}`);
  const accepted = fs
    .readFileSync(answerFile, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .filter((line) => line.includes('Diterima'))
    .map((line) => line.split(',')[1]);
  const ids = accepted.slice(0, 2).map((nik) => jaring(db, ['enrol', 'coverage', '--regency', REGENCY, '--nik', nik], { json: true }).worker_id);
  const [dead, longMember] = await Promise.all(ids.map(async (id) => (await api.get(`${regencyApi}/workers/${id}`)).body));
  assert.equal(dead.nik_masked, false, 'the operator sees NIKs in full');
  const deaths = path.join(tmp, `deaths-${db.tag}.csv`);
  fs.writeFileSync(
    deaths,
    ['id,nik,name,sex,birth_date,death_date,village_code', `1,${dead.nik},"${dead.name}",${dead.sex},${dead.birth_date},2025-10-05,${dead.village_code}`].join('\n') + '\n',
  );
  jaring(db, ['extract', 'import', 'deaths', deaths, '--regency', REGENCY, '--period', '2025-10'], { json: true });
  const october = settle(db, '2025-10');
  assert.equal(october.claims_opened, 1, `settling October: ${JSON.stringify(october)}`);
  // The branch's officer, with the demo's password (changed once, as a new account must).
  const first = 'Sementara-BPJS-2026!';
  jaring(db, ['user', 'add', BPJS_USER, '--role', 'bpjs', '--scope', REGENCY, '--password-stdin'], { input: `${first}\n` });
  return { dead, longMember, first };
}

async function checkView(page, what, shot) {
  assert.deepEqual(await seriousAxeViolations(page), [], what);
  await assertNoPageOverflow(page, what);
  if (shot) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot, fullPage: true });
  }
}

async function chooseDate(page, id, date) {
  await page.getByTestId(`${id}-year`).selectOption(date.slice(0, 4));
  await page.getByTestId(`${id}-month`).selectOption(String(Number(date.slice(5, 7))));
  await page.getByTestId(`${id}-day`).selectOption(String(Number(date.slice(8))));
}

// ---- Klaim: the list and the form ----------------------------------------------------------------

async function listSteps(page, api, seeded, shot) {
  await page.getByTestId('nav-claims').click();
  await page.getByTestId('claims-page').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('nav-claims')), 'Klaim');
  await page.getByTestId('claim-list').waitFor({ timeout: 30_000 });
  const rows = page.getByTestId('claim-row');
  assert.equal(await rows.count(), 1);
  const early = rows.first();
  assert.equal(await textOf(early.getByTestId('claim-open')), seeded.dead.name);
  assert.equal(await textOf(early.getByTestId('claim-row-kind')), 'JKM');
  assert.equal(await textOf(early.getByTestId('claim-row-event')), '5 Oktober 2025');
  assert.equal(await textOf(early.getByTestId('claim-row-state')), 'Dilaporkan');
  assert.equal(await textOf(early.getByTestId('claim-row-benefit')), rp(10_000_000));
  const listed = (await api.get(`${regencyApi}/claims`)).body.items;
  assert.equal(await textOf(early.getByTestId('claim-row-nik')), listed[0].nik);
  assert.equal(listed[0].source, 'verval');

  // The form: an event before membership is refused in the server's words.
  await page.getByTestId('worker-search-q').fill(seeded.longMember.nik);
  await page.getByTestId('worker-search-submit').click();
  await page.locator(`[data-testid=worker-pick][data-worker="${seeded.longMember.id}"]`).click();
  assert.equal(await page.getByTestId('open-worker').inputValue(), String(seeded.longMember.id));
  await chooseDate(page, 'open-event', '2025-08-20');
  await chooseDate(page, 'open-reported-on', '2025-08-21');
  await page.getByTestId('open-submit').click();
  await page.locator('[data-testid=open-error]:not(:empty)').waitFor({ timeout: 30_000 });
  assert.match(await textOf(page.getByTestId('open-error')), /^Klaim tidak dibuka: .*sebelum kepesertaan dimulai/);

  // A member for over three years by the branch's figures, died on 2 November 2025.
  await chooseDate(page, 'open-event', '2025-11-02');
  await chooseDate(page, 'open-reported-on', '2025-11-03');
  await page.getByTestId('open-reporter').fill('Keluarga (istri)');
  await page.getByTestId('open-branch').check();
  await chooseDate(page, 'open-member-since', '2021-06-01');
  await page.getByTestId('open-paid-months').fill('52');
  await page.getByTestId('open-submit').click();
  await page.getByTestId('claim').waitFor({ timeout: 30_000 });
  const id = Number(await page.getByTestId('claim').getAttribute('data-claim'));
  const opened = (await api.get(`${regencyApi}/claims/${id}`)).body;
  assert.equal(opened.expected_total, 42_000_000);
  assert.equal(opened.source, 'operator');
  assert.equal(opened.reporter, 'Keluarga (istri)');

  // Back to the list: two cases; the new one waits past its dossier target.
  await page.getByTestId('claim-back').click();
  await page.locator(`[data-testid=claim-row][data-claim="${id}"]`).waitFor({ timeout: 30_000 });
  const late = page.locator(`[data-testid=claim-row][data-claim="${id}"]`);
  assert.equal(await late.getAttribute('data-overdue'), 'true');
  assert.match(await textOf(late.getByTestId('claim-row-stage')), /^Berkas: \d+ hari Terlambat$/);
  assert.equal(await textOf(late.getByTestId('claim-row-benefit')), rp(42_000_000));
  assert.equal(await textOf(late.getByTestId('claim-row-event')), '2 November 2025');
  assert.equal(await late.evaluate((row) => getComputedStyle(row.querySelector('td')).backgroundColor), 'rgb(253, 243, 242)', 'the overdue case is not highlighted');
  await checkView(page, 'claims list', shot('claims-list'));
  // English on the same page; rupiah and the NIK as before.
  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: "Heirs' claims" }).waitFor({ timeout: 10_000 });
  assert.equal(await textOf(late.getByTestId('claim-row-state')), 'Reported');
  assert.equal(await textOf(late.getByTestId('claim-row-event')), '2 November 2025');
  assert.equal(await textOf(late.getByTestId('claim-row-benefit')), rp(42_000_000));
  assert.match(await textOf(late.getByTestId('claim-row-stage')), /^Dossier: \d+ days Overdue$/);
  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: 'Klaim ahli waris' }).waitFor({ timeout: 10_000 });
  await page.getByTestId('claim-overdue-filter').check();
  await page.locator('[data-testid=claim-list][data-filter="|1"]').waitFor({ timeout: 30_000 });
  assert.match(page.url(), /\/klaim\?terlambat=1$/);
  assert.deepEqual(
    await page.getByTestId('claim-row').evaluateAll((r) => r.map((x) => Number(x.getAttribute('data-claim')))),
    [id],
    JSON.stringify((await api.get(`${regencyApi}/claims?overdue=1`)).body),
  );
  await page.getByTestId('claim-overdue-filter').uncheck();
  await page.getByTestId('claim-state-filter').selectOption('paid');
  await page.locator('[data-testid=claims-none][data-filter="paid|0"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('claim-state-filter').selectOption('');
  await page.locator(`[data-testid=claim-row][data-claim="${id}"] [data-testid=claim-open]`).click();
  await page.getByTestId('claim').waitFor({ timeout: 30_000 });
  return id;
}

// ---- The dossier screen ----------------------------------------------------------------------------

async function heir(page, index) {
  return page.locator(`[data-testid=heir][data-index="${index}"]`);
}

async function dossierSteps(page, api, id, shot) {
  const claimApi = `${regencyApi}/claims/${id}`;
  assert.equal(await textOf(page.getByTestId('claim-event')), '2 November 2025');
  assert.equal(await textOf(page.getByTestId('claim-state')), 'Dilaporkan');
  assert.match(await textOf(page.getByTestId('claim-eligible')), /^Berhak/);
  assert.equal(await textOf(page.getByTestId('benefit-total')), rp(42_000_000));
  assert.equal(await page.getByTestId('move-approved').count(), 0, 'the operator is offered a decision');

  // Proposed heirs of the household, when the registry knows any: one click adds one.
  const proposals = await page.getByTestId('heir-propose').count();
  if (proposals > 0) {
    await page.getByTestId('heir-propose').first().click();
    assert.equal(await page.getByTestId('heir').count(), 1);
    assert.notEqual(await (await heir(page, 0)).getByTestId('heir-name').inputValue(), '');
    await (await heir(page, 0)).getByTestId('heir-remove').click();
  }

  // A sibling beside a spouse: refused, naming the closer heir.
  await page.getByTestId('heir-add').click();
  let h = await heir(page, 0);
  assert.equal(await h.getByTestId('heir-relation').inputValue(), 'spouse');
  await h.getByTestId('heir-name').fill('Siti Aminah');
  await h.getByTestId('heir-nik').fill('3514014506850001');
  await page.getByTestId('heir-add').click();
  h = await heir(page, 1);
  await h.getByTestId('heir-relation').selectOption('sibling');
  await h.getByTestId('heir-name').fill('Slamet');
  await page.getByTestId('heirs-save').click();
  await page.locator('[data-testid=heirs-outcome][data-ok=false]').waitFor({ timeout: 30_000 });
  assert.match(
    await textOf(page.getByTestId('heirs-outcome')),
    /^Ahli waris tidak disimpan: Slamet \(Saudara kandung\) bukan ahli waris selama ada ahli waris yang lebih dekat: Siti Aminah \(Suami\/istri\)/,
  );
  assert.equal((await api.get(claimApi)).body.heirs.length, 0, 'a refused list was stored');

  // The spouse receives the money in her BRI account; two children in school.
  h = await heir(page, 0);
  await h.getByTestId('heir-share').fill('50');
  await h.getByTestId('heir-payout').selectOption('bank');
  await h.getByTestId('heir-bank').fill('BRI');
  await h.getByTestId('heir-account_no').fill('012301000123567');
  await h.getByTestId('heir-account_name').fill('Siti Aminah');
  h = await heir(page, 1);
  await h.getByTestId('heir-relation').selectOption('child');
  await h.getByTestId('heir-name').fill('Ahmad Fauzi');
  await h.getByTestId('heir-share').fill('25');
  await h.getByTestId('heir-school').selectOption('tk_sd');
  await page.getByTestId('heir-add').click();
  h = await heir(page, 2);
  await h.getByTestId('heir-relation').selectOption('child');
  await h.getByTestId('heir-name').fill('Nur Laila');
  await h.getByTestId('heir-share').fill('24');
  await h.getByTestId('heir-school').selectOption('smp');
  assert.equal(await page.getByTestId('heir-shares').getAttribute('data-state'), 'off');
  assert.equal(await textOf(page.getByTestId('heir-shares')), 'Bagian berjumlah 99%, harus 100%.');
  await h.getByTestId('heir-share').fill('25');
  assert.equal(await page.getByTestId('heir-shares').getAttribute('data-state'), 'complete');
  await page.getByTestId('heirs-save').click();
  await page.locator('[data-testid=heirs-outcome][data-ok=true]').waitFor({ timeout: 30_000 });

  // The benefit: Rp 42.000.000 and the scholarship of each child, each item linked to its rule.
  await page.locator('[data-testid=benefit-total][data-value="45500000"]').waitFor({ timeout: 30_000 });
  const claim = (await api.get(claimApi)).body;
  const items = claim.assessment.quote.items;
  assert.deepEqual(
    await page.getByTestId('benefit-item').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-rule'), Number(r.querySelector('[data-testid=benefit-amount]').getAttribute('data-value'))])),
    items.map((i) => [i.rule, i.amount]),
  );
  assert.deepEqual(items.filter((i) => i.rule === 'scholarship.child').map((i) => i.amount), [1_500_000, 2_000_000]);
  assert.equal(items.filter((i) => i.rule !== 'scholarship.child').reduce((a, i) => a + i.amount, 0), 42_000_000);
  assert.equal(await textOf(page.getByTestId('benefit-total')), rp(45_500_000));
  const lump = page.locator('[data-testid=benefit-item][data-rule="jkm.lump_sum"]');
  assert.equal(await lump.getByTestId('benefit-rule').getAttribute('href'), '/klaim/cara-menghitung?tanggal=2025-11-02#rule-jkm.lump_sum');
  assert.equal(await textOf(lump.getByTestId('benefit-detail')), items.find((i) => i.rule === 'jkm.lump_sum').detail);
  assert.equal(claim.heirs.find((x) => x.recipient).account_no, '012301000123567');

  // The papers: the death certificate uploaded, the rest seen; one missing blocks completion first.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const kinds = claim.documents.map((d) => d.kind);
  for (const kind of ['akta_kematian', 'surat_ahli_waris', 'buku_nikah', 'buku_tabungan']) assert.ok(kinds.includes(kind), `${kind} not on ${kinds}`);
  const doc = (kind) => page.locator(`[data-testid=doc][data-kind="${kind}"]`);
  await doc('akta_kematian').getByTestId('doc-file').setInputFiles({ name: 'akta-kematian.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.locator('[data-testid=doc][data-kind=akta_kematian][data-state=uploaded]').waitFor({ timeout: 30_000 });
  assert.match(await textOf(doc('akta_kematian').getByTestId('doc-checked')), /^operator, \d+ \S+ \d{4} \d\d\.\d\d$/);
  const link = doc('akta_kematian').getByTestId('doc-download');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), link.click()]);
  const saved = path.join(tmp, `download-${Date.now()}.pdf`);
  await download.saveAs(saved);
  assert.deepEqual(fs.readFileSync(saved), pdf);

  const required = claim.documents.filter((d) => d.required && d.kind !== 'akta_kematian').map((d) => d.kind);
  for (const kind of required.slice(0, -1)) {
    await doc(kind).getByTestId('doc-seen').click();
    await page.locator(`[data-testid=doc][data-kind="${kind}"][data-state=seen_on_paper]`).waitFor({ timeout: 30_000 });
  }
  const last = required[required.length - 1];
  await page.getByTestId('move-dossier_complete').click();
  await page.locator('[data-testid=flow-outcome][data-ok=false]').waitFor({ timeout: 30_000 });
  assert.match(await textOf(page.getByTestId('flow-outcome')), /^Status tidak berubah: Berkas belum lengkap: /);
  await doc(last).getByTestId('doc-seen').click();
  await page.locator(`[data-testid=doc][data-kind="${last}"][data-state=seen_on_paper]`).waitFor({ timeout: 30_000 });
  // The workflow drops a refusal once the case has changed, in an effect the frame after.
  await page.locator('[data-testid=flow-outcome]:not([data-ok])').waitFor({ state: 'attached', timeout: 10_000 }).catch(() => undefined);
  assert.equal(await textOf(page.getByTestId('flow-outcome')), '', 'the refusal stays after the paper was added');
  assert.equal(await page.getByTestId('docs-missing').getAttribute('data-count'), '0');
  assert.equal(await textOf(doc(last).getByTestId('doc-state')), 'Dilihat (kertas)');
  await checkView(page, 'dossier', shot('claim-dossier'));

  await page.getByTestId('move-dossier_complete').click();
  await page.locator('[data-testid=claim][data-state=dossier_complete]').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('heirs-form').count(), 0, 'heirs still editable once complete');

  // Sent back with a reason (too short first: refused before sending), then complete again.
  await page.getByTestId('move-reported').click();
  await page.getByTestId('move-note').fill('oke');
  await page.getByTestId('move-confirm').click();
  assert.equal(await textOf(page.getByTestId('move-error')), 'Paling sedikit 5 huruf.');
  await page.getByTestId('move-note').fill('KTP ahli waris perlu dilihat ulang');
  await page.getByTestId('move-confirm').click();
  await page.locator('[data-testid=claim][data-state=reported]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.locator('[data-testid=event][data-to=reported]').last().locator('td').nth(2)), 'KTP ahli waris perlu dilihat ulang');
  await page.getByTestId('move-dossier_complete').click();
  await page.locator('[data-testid=claim][data-state=dossier_complete]').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('doc-seen').count(), 0, 'papers still editable once complete');
  await page.getByTestId('move-submitted').click();
  await page.locator('[data-testid=claim][data-state=submitted]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('claim-state')), 'Diajukan ke BPJS');
  assert.equal(await page.locator('[data-testid^=move-]').count(), 0, 'the operator is offered a move on a submitted case');
  await checkView(page, 'submitted');
}

// ---- How benefits are computed -----------------------------------------------------------------------

async function rulesSteps(page, api, shot) {
  await page.locator('[data-testid=benefit-item][data-rule="jkm.lump_sum"] [data-testid=benefit-rule]').click();
  await page.locator('[data-testid=benefit-rules][data-date="2025-11-02"]').waitFor({ timeout: 30_000 });
  assert.match(page.url(), /\/klaim\/cara-menghitung\?tanggal=2025-11-02#rule-jkm\.lump_sum$/);
  const rules = (await api.get('/api/v1/policy/benefit-rules?date=2025-11-02')).body;
  assert.deepEqual(await page.getByTestId('rule').evaluateAll((s) => s.map((x) => x.getAttribute('data-code'))), rules.rules.map((r) => r.code));
  const lump = page.locator('[id="rule-jkm.lump_sum"]');
  const rule = rules.rules.find((r) => r.code === 'jkm.lump_sum');
  assert.equal(await textOf(lump.locator('h2')), rule.title_id);
  assert.ok((await textOf(lump)).includes(rule.text_id.replace(/\s+/g, ' ').trim()));
  assert.equal(await page.getByTestId('rule-uncertain').count(), rules.rules.filter((r) => r.uncertain).length);
  assert.equal(await textOf(page.getByTestId('rules-date-day').locator('option:checked')), '2');
  await checkView(page, 'benefit rules', shot('benefit-rules'));
  await page.goBack();
  await page.getByTestId('claim').waitFor({ timeout: 30_000 });
}

// ---- The branch decides and pays ------------------------------------------------------------------------

async function branchSteps(page, api, id, shot) {
  await page.getByTestId('claim').waitFor({ timeout: 30_000 });
  await page.getByTestId('move-approved').click();
  assert.equal(await page.getByTestId('move-amount').inputValue(), 'Rp 45.500.000');
  await page.getByTestId('move-confirm').click();
  await page.locator('[data-testid=claim][data-state=approved]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('claim-decision')), `Disetujui ${rp(45_500_000)}`);

  await page.getByTestId('move-paid').click();
  await chooseDate(page, 'move-paid-on', '2025-11-20');
  await page.getByTestId('move-confirm').click();
  await page.locator('[data-testid=flow-outcome][data-ok=false]').waitFor({ timeout: 30_000 });
  assert.match(await textOf(page.getByTestId('flow-outcome')), /^Status tidak berubah: Nomor referensi pembayaran wajib diisi/);
  await page.getByTestId('move-reference').fill('BPJS-JKM-2025-0042');
  await page.getByTestId('move-confirm').click();
  await page.locator('[data-testid=claim][data-state=paid]').waitFor({ timeout: 30_000 });
  const paid = (await api.get(`${regencyApi}/claims/${id}`)).body;
  assert.equal(paid.clock.days_to_payment, 18);
  assert.equal(await textOf(page.getByTestId('days-to-payment')), 'Dari kejadian sampai dibayar: 18 hari');
  assert.equal(await textOf(page.getByTestId('claim-decision')), `Dibayar ${rp(45_500_000)} pada 20 November 2025, referensi BPJS-JKM-2025-0042`);
  for (const s of paid.clock.stages) {
    const stage = page.locator(`[data-testid=clock-stage][data-stage="${s.stage}"]`);
    assert.equal(Number(await stage.getByTestId('clock-days').getAttribute('data-value')), s.days, s.stage);
    assert.equal(await stage.getAttribute('data-status'), s.overdue ? 'overdue' : 'done', s.stage);
  }
  assert.match(await textOf(page.locator('[data-testid=clock-stage][data-stage=pay] [data-testid=clock-days]')), /hari kerja/);
  assert.equal(await textOf(page.locator('[data-testid=clock-stage][data-stage=detect] [data-testid=clock-days]')), '1 hari / Target 30 hari');
  assert.deepEqual(
    await page.getByTestId('event').evaluateAll((r) => r.map((x) => x.getAttribute('data-to'))),
    ['reported', 'dossier_complete', 'reported', 'dossier_complete', 'submitted', 'approved', 'paid'],
  );
  assert.equal(await textOf(page.getByTestId('claim-state')), 'Dibayar');
  await checkView(page, 'paid', shot('claim-paid'));
}

// ---- Exchange with the branch and the report ----------------------------------------------------------

/**
 * The verval case (the first worker's death) prepared and submitted through the command line, as
 * the operator would on its dossier screen: the spouse as the heir paid in cash, every required
 * paper seen. Answers the submitted case.
 */
async function submitVervalCase(db, api, seeded) {
  const items = (await api.get(`${regencyApi}/claims`)).body.items;
  const early = items.find((c) => c.worker_id === seeded.dead.id);
  assert.ok(early, `no case for the verval death: ${JSON.stringify(items)}`);
  const heirs = path.join(tmp, `heirs-early-${db.tag}.json`);
  fs.writeFileSync(heirs, JSON.stringify([{ name: 'Sulastri', relation: 'spouse', recipient: true, payout: 'cash' }]));
  jaring(db, ['claim', 'heirs', String(early.id), '--file', heirs, '--as', 'operator'], { json: true });
  const claim = (await api.get(`${regencyApi}/claims/${early.id}`)).body;
  for (const d of claim.documents.filter((x) => x.required)) {
    jaring(db, ['claim', 'document', String(early.id), '--kind', d.kind, '--seen', '--as', 'operator'], { json: true });
  }
  jaring(db, ['claim', 'move', String(early.id), '--to', 'dossier_complete', '--as', 'operator'], { json: true });
  const submitted = jaring(db, ['claim', 'move', String(early.id), '--to', 'submitted', '--as', 'operator'], { json: true });
  assert.equal(submitted.state, 'submitted');
  return submitted;
}

async function download(page, testid, suffix) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId(testid).click()]);
  const saved = path.join(tmp, `${testid}-${Date.now()}${suffix}`);
  await file.saveAs(saved);
  return fs.readFileSync(saved);
}

async function exchangeSteps(page, api, early, longId, shot) {
  const row = page.locator(`[data-testid=claim-row][data-claim="${early.id}"]`);
  await row.waitFor({ timeout: 30_000 });
  assert.equal(await row.getAttribute('data-state'), 'submitted');
  assert.equal(await textOf(page.getByTestId('claims-export')), 'Unduh klaim yang diajukan (.xlsx)');

  // The submitted cases for the branch: the verval case alone (the other one is paid), with its heir.
  const xlsx = await download(page, 'claims-export', '.xlsx');
  assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK', 'the export is no xlsx (zip)');
  const rows = readXlsxRows(xlsx);
  assert.equal(rows[0][0], 'No. Klaim');
  assert.equal(rows.length, 2, JSON.stringify(rows));
  assert.equal(rows[1][0], String(early.id));
  assert.ok(rows[1].includes('Sulastri'), JSON.stringify(rows[1]));

  // The branch's decisions: the verval case paid straight from submitted, and a case jaring does not know.
  const decisions = [
    'No. Klaim,NIK,Keputusan,Jumlah,Tanggal Bayar,No. Referensi,Keterangan',
    `${early.id},${early.nik},Dibayar,${early.expected_total},25/11/2025,BPJS-JKM-2025-0050,`,
    '999999,,Disetujui,1000000,,,',
  ].join('\n');
  await page.getByTestId('decisions-file').setInputFiles({ name: 'keputusan-bpjs.csv', mimeType: 'text/csv', buffer: Buffer.from(`${decisions}\n`) });
  await page.getByTestId('decisions-submit').click();
  await page.getByTestId('decisions-result').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('decisions-status').getAttribute('data-ok'), 'true');
  assert.equal(await textOf(page.getByTestId('decisions-status')), 'Berkas keputusan-bpjs.csv dibaca: 1 keputusan diterapkan.');
  for (const [key, value] of [['lines', 2], ['applied', 1], ['repeated', 0], ['mismatches', 1]]) {
    assert.equal(await page.getByTestId(`decisions-${key}`).getAttribute('data-value'), String(value), key);
  }
  const mismatch = page.getByTestId('mismatch');
  assert.equal(await mismatch.count(), 1);
  assert.equal(await mismatch.getAttribute('data-line'), '3');
  assert.equal(await mismatch.getAttribute('data-kind'), 'unknown_claim');
  assert.equal(await textOf(mismatch.getByTestId('mismatch-kind')), 'Klaim tidak dikenal');
  assert.equal(await textOf(mismatch.getByTestId('mismatch-claim')), '999999');
  assert.notEqual(await textOf(mismatch.getByTestId('mismatch-message')), '');
  // The list read again: the verval case paid through approved, from the branch's file.
  await page.locator(`[data-testid=claim-row][data-claim="${early.id}"][data-state=paid]`).waitFor({ timeout: 30_000 });
  assert.equal(await textOf(row.getByTestId('claim-row-state')), 'Dibayar');
  const paid = (await api.get(`${regencyApi}/claims/${early.id}`)).body;
  assert.equal(paid.paid_amount, early.expected_total);
  assert.equal(paid.paid_on, '2025-11-25');
  assert.deepEqual(paid.events.slice(-2).map((e) => e.to), ['approved', 'paid']);
  await checkView(page, 'exchange', shot('claims-exchange'));

  // A file with a decision that cannot be read: refused whole, in the server's words, nothing applied.
  const before = (await api.get(`${regencyApi}/claims/${longId}`)).body.events.length;
  const bad = `No. Klaim,Keputusan,Jumlah,Tanggal Bayar,No. Referensi\n${longId},mungkin,10000000,25/11/2025,X\n`;
  await page.getByTestId('decisions-file').setInputFiles({ name: 'keputusan-salah.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/claim-decisions'), { timeout: 30_000 }),
    page.getByTestId('decisions-submit').click(),
  ]);
  assert.equal(answer.status(), 400);
  const problem = await answer.json();
  await page.locator('[data-testid=decisions-status][data-ok=false]').waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page.getByTestId('decisions-status')), `Berkas ditolak, tidak ada keputusan yang diterapkan: ${problem.detail}`.replace(/\s+/g, ' ').trim());
  assert.equal(await page.getByTestId('decisions-result').count(), 0, 'a refused file still shows a result');
  assert.equal((await api.get(`${regencyApi}/claims/${longId}`)).body.events.length, before, 'the refused file moved a case');
  await checkView(page, 'exchange refused');
}

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** The report page's figures and tables against GET …/claims-report; answers the report. */
async function reportMatchesApi(page, api) {
  const r = (await api.get(`${regencyApi}/claims-report`)).body;
  await page.locator(`[data-testid=report-cases][data-value="${r.cases}"]`).waitFor({ timeout: 30_000 });
  const figure = (key) => page.getByTestId(`report-${key}`);
  const shown = async (key) => textOf(figure(key).locator('dd'));
  for (const [key, field] of [['cases', 'cases'], ['paid', 'paid_cases'], ['waiting', 'cases_waiting'], ['heirs-waiting', 'heirs_waiting'], ['overdue', 'overdue'], ['failures', 'program_failures']]) {
    assert.equal(await figure(key).getAttribute('data-value'), String(r[field]), key);
    assert.equal(await shown(key), r[field].toLocaleString('id-ID'), key);
  }
  assert.equal(await shown('amount-paid'), rp(r.amount_paid));
  assert.equal(await shown('expected-open'), rp(r.expected_open));
  assert.equal(await shown('median'), r.median_days_to_payment === null ? 'belum ada' : `${String(Math.round(r.median_days_to_payment * 10) / 10).replace('.', ',')} hari`);
  const kinds = await page.getByTestId('report-kind').evaluateAll((rows) =>
    Object.fromEntries(rows.map((row) => [row.getAttribute('data-kind'), Object.fromEntries([...row.querySelectorAll('td[data-state]')].filter((c) => c.getAttribute('data-value') !== '0').map((c) => [c.getAttribute('data-state'), Number(c.getAttribute('data-value'))]))])),
  );
  assert.deepEqual(kinds, r.by_kind_state);
  const table = async (testid) =>
    page.locator(`[data-testid=${testid}] [data-testid=report-row]`).evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('[data-testid=report-row-label]').textContent.trim(), ...['cases', 'paid', 'amount'].map((k) => Number(row.querySelector(`[data-testid=report-row-${k}]`).getAttribute('data-value')))]),
    );
  assert.deepEqual(await table('report-districts'), r.districts.map((d) => [d.name, d.cases, d.paid, d.amount_paid]));
  assert.deepEqual(
    await table('report-months'),
    r.months.map((m) => [`${MONTHS_ID[Number(m.month.slice(5)) - 1]} ${m.month.slice(0, 4)}`, m.cases, m.paid, m.amount_paid]),
  );
  return r;
}

/** Before the branch's file: the verval case waits with its one heir and jaring's figure. */
async function reportBeforeSteps(page, api, early) {
  await page.getByTestId('report-link').click();
  await page.getByTestId('report-summary').waitFor({ timeout: 30_000 });
  assert.match(page.url(), /\/klaim\/laporan$/);
  const r = await reportMatchesApi(page, api);
  assert.deepEqual([r.cases, r.paid_cases, r.cases_waiting, r.heirs_waiting, r.expected_open], [2, 1, 1, 1, early.expected_total]);
  assert.equal(r.median_days_to_payment, 18);
  assert.equal(await textOf(page.locator('[data-testid=report-median] dd')), '18 hari');
  assert.deepEqual(r.by_kind_state, { jkm: { paid: 1, submitted: 1 } });
  assert.equal(await textOf(page.locator('[data-testid=report-kind-state] th[data-state=submitted]')), 'Diajukan ke BPJS');
  await page.getByTestId('report-back').click();
  await page.getByTestId('claim-list').waitFor({ timeout: 30_000 });
}

/** After it: both cases paid, the median of 18 and 51 days; the downloads; English. */
async function reportSteps(page, api, early, shot) {
  await page.getByTestId('report-link').click();
  await page.getByTestId('report-summary').waitFor({ timeout: 30_000 });
  const r = await reportMatchesApi(page, api);
  assert.deepEqual([r.cases, r.paid_cases, r.cases_waiting, r.heirs_waiting, r.expected_open], [2, 2, 0, 0, 0]);
  assert.equal(r.amount_paid, 45_500_000 + early.expected_total);
  assert.equal(r.median_days_to_payment, (18 + 51) / 2, 'paid 18 and 51 days after the deaths');
  assert.equal(await textOf(page.locator('[data-testid=report-median] dd')), '34,5 hari');
  assert.deepEqual(r.months.map((m) => m.month), ['2025-10', '2025-11']);
  assert.equal(await textOf(page.locator('[data-testid=report-months] [data-testid=report-row-label]').first()), 'Oktober 2025');
  await checkView(page, 'claims report', shot('claims-report'));

  const pdf = await download(page, 'report-pdf', '.pdf');
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const xlsx = await download(page, 'report-xlsx', '.xlsx');
  assert.ok(readXlsxRows(xlsx).length > 1, 'the report as xlsx has no rows');

  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: 'Claims report' }).waitFor({ timeout: 10_000 });
  assert.equal(await textOf(page.locator('[data-testid=report-median] dd')), '34.5 days');
  assert.equal(await textOf(page.locator('[data-testid=report-months] [data-testid=report-row-label]').first()), 'October 2025');
  assert.equal(await textOf(page.locator('[data-testid=report-amount-paid] dd')), rp(r.amount_paid));
  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: 'Laporan klaim' }).waitFor({ timeout: 10_000 });
}

// ---- The scenario ---------------------------------------------------------------------------------------

async function scenario(engine) {
  const db = { ...freshDatabase(engine, tmp, 'claims'), tag: engine };
  const server = await startServer(db.url, tmp);
  const shot = (name) => shotPath(engine, name);
  try {
    assert.ok(server.password, `the server printed no demo password\n${server.log()}`);
    const api = await apiSession(server, 'operator');
    const failures = [
      { status: 400, url: /\/claims$/ },
      { status: 400, url: /\/heirs$/ },
      { status: 409, url: /\/transitions$/ },
      { status: 400, url: /\/transitions$/ },
      { status: 400, url: /\/claim-decisions$/ },
    ];
    try {
      const seeded = await seed(db, api);
      await replaceFirstPassword(server, BPJS_USER, seeded.first);
      const op = await newPage({ expectedFailures: failures });
      let id;
      try {
        await signIn(op.page, server, 'operator', `/?kabupaten=${REGENCY}`, 'nav-claims');
        id = await listSteps(op.page, api, seeded, shot);
        await dossierSteps(op.page, api, id, shot);
        await rulesSteps(op.page, api, shot);
        assert.deepEqual(op.problems, []);
      } finally {
        await op.context.close();
      }
      const officer = await newPage({ expectedFailures: failures });
      try {
        await signIn(officer.page, server, BPJS_USER, `/klaim/${id}?kabupaten=${REGENCY}`, 'claim');
        await branchSteps(officer.page, api, id, shot);
        assert.deepEqual(officer.problems, []);
      } finally {
        await officer.context.close();
      }
      const early = await submitVervalCase(db, api, seeded);
      const back = await newPage({ expectedFailures: failures });
      try {
        await signIn(back.page, server, 'operator', `/klaim?kabupaten=${REGENCY}`, 'claim-list');
        await reportBeforeSteps(back.page, api, early);
        await exchangeSteps(back.page, api, early, id, shot);
        await reportSteps(back.page, api, early, shot);
        assert.deepEqual(back.problems, []);
      } finally {
        await back.context.close();
      }
    } finally {
      await api.dispose();
    }
  } finally {
    await server.stop();
    db.drop();
  }
}

test('claims on SQLite: verval case, form, heirs, dossier, workflow, payment and the clock', { timeout: 900_000 }, () => scenario('sqlite'));

test('claims on PostgreSQL: the same', { timeout: 900_000, skip: pgSkip }, () => scenario('postgresql'));
