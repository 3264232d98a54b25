// End-to-end: the real Kvorum window (debug binary) driven through tauri-driver and
// WebKitWebDriver under Xvfb. Screenshots go to artifacts/e2e/ — look at them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session, startDriver } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '..');
const app = process.env.KVORUM_APP ?? join(root, 'target/debug/kvorum-app');
const artifacts = join(root, 'artifacts/e2e');
const work = mkdtempSync(join(tmpdir(), 'kvorum-e2e-'));
const saveDir = join(work, 'gemt');
const pickDir = join(work, 'valgt');
execFileSync('mkdir', ['-p', saveDir, pickDir]);
// Presses the window's close button as a window manager does (WM_DELETE_WINDOW): a small
// Xlib program, built here (libX11 comes with the Tauri build dependencies).
const xclose = join(work, 'xclose');
execFileSync('cc', ['-O2', '-o', xclose, join(import.meta.dirname, 'xclose.c'), '-lX11']);

let driver;
let s;

before(async () => {
  assert.ok(existsSync(app), `the app binary is missing: ${app} (build it first)`);
  driver = await startDriver(4444 + (process.pid % 500), {
    KVORUM_DB: join(work, 'forening.sqlite'),
    KVORUM_CONFIG_DIR: join(work, 'config'),
    KVORUM_SAVE_DIR: saveDir,
    KVORUM_PICK_DIR: pickDir,
    KVORUM_TODAY: '2026-11-22',
  });
  s = await Session.open(4444 + (process.pid % 500), app, artifacts);
});

after(async () => {
  await s?.close();
  // The app's log (with KVORUM_LOG=kvorum::startup=debug: the startup and projector trace).
  if (driver) writeFileSync(join(artifacts, 'driver-stderr.log'), driver.log());
  driver?.stop();
});

/**
 * Chooses a file as the user would in the system's dialog: the app asks the backend, which
 * (in these tests) takes the path from KVORUM_PICK_DIR/next instead of showing the dialog,
 * and reads the file itself — no bytes cross from the webview.
 */
async function chooseFile(path, testid = 'import-file') {
  writeFileSync(join(pickDir, 'next'), path);
  await s.click(`[data-testid=${testid}]`);
}

const rowCount = async () => (await s.findAll('[data-testid=member-row]')).length;

test('a secretary creates the association', async () => {
  await s.find('[data-testid=create-association]');
  await s.screenshot('ny-database');
  // First your own name, for the log of who changed what.
  await s.click('[data-testid=assoc-submit]');
  assert.match(await s.until('your name', () => s.text('[data-testid=user-name-error]')), /Skriv dit navn/);
  await s.type('[data-testid=user-name]', 'Karin Hansen');
  await s.click('[data-testid=assoc-submit]');
  const err = await s.until('the name error', () => s.text('.field-error'));
  assert.match(err, /Skriv foreningens navn/);
  await s.type('[data-testid=assoc-name]', 'Foreningen Perronen');
  await s.type('[data-testid=assoc-municipality]', 'Guldborgsund Kommune');
  await s.click('[data-testid=assoc-submit]');
  const name = await s.until('the association in the header', () => s.text('[data-testid=association-name]'));
  assert.equal(name, 'Foreningen Perronen');
  // The first steps are asked for: the bylaws (the template is not adopted silently), the fee.
  const start = await s.until('getting started', () => s.text('[data-testid=getting-started]'));
  assert.match(start, /Kom i gang[\s\S]*Foreningen er oprettet[\s\S]*Vedtægterne[\s\S]*Vedtag skabelonen[\s\S]*Kontingentet for 2026/);
  await s.screenshot('forening-oprettet');
  await s.type('[data-testid=start-fee-amount]', '150');
  await s.click('[data-testid=start-fee-set]');
  await s.until('the fee set', async () => /Kontingentet for 2026 er sat \(150,00 kr\. for et ordinært medlem\)/.test(await s.text('[data-testid=start-fee]')));
  await s.screenshot('kom-i-gang');
});

test('adds a member, with errors shown next to the fields', async () => {
  await s.click('[data-testid=member-new]');
  await s.type('[data-testid=f-name]', 'Søren Ærø Åberg');
  await s.type('[data-testid=f-postal]', '48');
  await s.type('[data-testid=f-email]', 'soren@');
  await s.click('[data-testid=f-save]');
  const postal = await s.until('postal code error', () => s.text('[data-testid=err-postalCode]'));
  assert.match(postal, /fire cifre/);
  assert.match(await s.text('[data-testid=err-email]'), /ikke en gyldig e-mailadresse/);
  await s.screenshot('medlem-fejl');
  await s.type('[data-testid=f-postal]', '4800');
  await s.type('[data-testid=f-email]', 'soren@example.dk');
  await s.type('[data-testid=f-city]', 'Nykøbing F');
  await s.type('[data-testid=f-phone]', '12 34 56 78');
  await s.click('[data-testid=f-save]');
  await s.until('the list with one member', async () => (await rowCount()) === 1);
  assert.match(await s.text('[data-testid=member-row]'), /Søren Ærø Åberg/);
});

test('finds a member by typing', async () => {
  await s.click('[data-testid=member-new]');
  await s.type('[data-testid=f-name]', 'Karin Hansen');
  await s.type('[data-testid=f-joinedOn]', '1.2.2024');
  await s.click('[data-testid=f-save]');
  await s.until('two members', async () => (await rowCount()) === 2);
  assert.match(await s.exec(`return document.body.innerText`), /Karin Hansen[\s\S]*01\.02\.2024/);
  await s.type('[data-testid=member-search]', 'ærø');
  await s.until('one hit', async () => (await rowCount()) === 1);
  assert.match(await s.text('[data-testid=member-row]'), /Søren/);
  await s.screenshot('soegning');
  await s.type('[data-testid=member-search]', '5678');
  await s.until('phone hit', async () => (await rowCount()) === 1);
  await s.type('[data-testid=member-search]', '');
  await s.until('both again', async () => (await rowCount()) === 2);
});

test('imports a CSV: one bad row blocks everything, fixing it imports all', async () => {
  const bad = join(work, 'medlemmer.csv');
  writeFileSync(
    bad,
    'Medlemsnr;Navn;Adresse;Postnr;By;E-mail;Indmeldt\n' +
      ';Bo Østergaard;Torvet 1;4800;Nykøbing F;bo@example.dk;01-03-2024\n' +
      ';Ulla Fejl;Vejen 2;48;Maribo;ulla@;01.03.2024\n' +
      ';Åge Andersen;Havnegade 3;4930;Maribo;aage@example.dk;2024-03-01\n',
  );
  await s.click('[data-testid=member-import]');
  await chooseFile(bad);
  const summary = await s.until('the preview', () => s.text('[data-testid=import-summary]'));
  assert.match(summary, /1 række har fejl/);
  const problems = await s.exec(`return document.querySelector('tr.bad .problems')?.textContent ?? ''`);
  assert.match(problems, /Postnr: Postnummeret »48« skal være fire cifre/);
  const disabled = await s.exec(`return document.querySelector('[data-testid=import-apply]').disabled`);
  assert.equal(disabled, true, 'apply is refused while a row has errors');
  await s.screenshot('import-fejl');
  // Leaving the bad line out makes the rest importable
  await s.click('[data-testid=import-exclude-3]');
  await s.until('ready', async () => /2 medlemmer er klar/.test(await s.text('[data-testid=import-summary]')));
  // …but the secretary fixes the file instead and chooses it again
  writeFileSync(bad, readFileSync(bad, 'utf8').replace(';48;Maribo;ulla@;', ';4930;Maribo;ulla@example.dk;'));
  await chooseFile(bad);
  await s.until('fixed', async () => /3 medlemmer er klar/.test(await s.text('[data-testid=import-summary]')));
  await s.screenshot('import-klar');
  await s.click('[data-testid=import-apply]');
  const outcome = await s.until('outcome', () => s.text('[data-testid=import-outcome]'));
  assert.equal(outcome, '3 medlemmer er importeret.');
  await s.click('[data-testid=import-close]');
  await s.until('five members', async () => /5 af 5 medlemmer/.test(await s.text('[data-testid=member-count]')));
  await s.screenshot('medlemsliste');
});

test('prints the member list as PDF', async () => {
  await s.click('[data-testid=member-print]');
  const notice = await s.until('saved notice', () => s.text('[data-testid=notice]'));
  assert.match(notice, /medlemsliste-2026-11-22\.pdf/);
  const pdf = join(saveDir, 'medlemsliste-2026-11-22.pdf');
  assert.ok(readFileSync(pdf).subarray(0, 5).toString() === '%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  assert.match(text, /Foreningen Perronen/);
  assert.match(text, /Søren Ærø Åberg/);
  assert.match(text, /Side 1 af 1/);
  execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(artifacts, 'medlemsliste-pdf')]);
  assert.ok(readdirSync(artifacts).some((f) => f.startsWith('medlemsliste-pdf')));
});

test('the treasurer sets the fee and records a payment', async () => {
  await s.click('[data-testid=nav-fees]');
  await s.type('[data-testid=rate-amount]', '150');
  await s.click('[data-testid=rate-save]');
  await s.until('the rate in the table', async () => /150,00 kr\./.test(await s.text('[data-testid=fee-rates]')));
  await s.screenshot('kontingentsatser');
  await s.click('[data-testid=nav-members]');
  await s.cmd('POST', `/element/${await s.find('[data-testid=filter-fee]')}/click`, {});
  await s.exec(`const el = document.querySelector('[data-testid=filter-fee]'); el.value = 'unpaid'; el.dispatchEvent(new Event('change', { bubbles: true }));`);
  await s.until('all five unpaid', async () => /5 af 5 medlemmer/.test(await s.text('[data-testid=member-count]')));
  await s.type('[data-testid=member-search]', 'ærø');
  await s.until('one hit', async () => (await rowCount()) === 1);
  await s.click('[data-testid=member-row]');
  await s.until('unpaid', async () => /ikke betalt/.test(await s.text('[data-testid=fee-status]')));
  await s.type('[data-testid=pay-amount]', '150,00');
  await s.click('[data-testid=pay-submit]');
  await s.until('paid', async () => /Kontingent for 2026 er betalt/.test(await s.text('[data-testid=fee-status]')));
  assert.match(await s.text('[data-testid=history-entry]'), /Kontingent betalt: 150,00 kr\. for 2026[\s\S]*Karin Hansen/);
  await s.screenshot('medlem-betalt');
  // A second payment for 2026 asks first; registered by mistake, it is reversed with a reason.
  await s.type('[data-testid=pay-amount]', '150,00');
  await s.click('[data-testid=pay-submit]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /allerede en betaling for 2026: 150,00 kr\. den 22\.11\.2026/);
  await s.click('[data-testid=confirm-ok]');
  await s.until('two payments', async () => (await s.findAll('[data-testid=payment-row]')).length === 2);
  await s.click('[data-testid=payment-reverse]');
  await s.until('the question', () => s.exec(`return document.querySelector('[data-testid=confirm-dialog]').open`));
  await s.click('[data-testid=confirm-ok]');
  assert.match(await s.until('the reason is asked for', () => s.text('[data-testid=confirm-input-error]')), /Skriv, hvorfor/);
  await s.type('[data-testid=confirm-input]', 'Registreret to gange');
  await s.screenshot('bekraeft-tilbagefoer');
  await s.click('[data-testid=confirm-ok]');
  await s.until('one payment', async () => (await s.findAll('[data-testid=payment-row]')).length === 1);
  assert.match(await s.text('[data-testid=fee-status]'), /Kontingent for 2026 er betalt/);
  assert.match(await s.exec(`return document.querySelector('.history').innerText`), /Betaling tilbageført: 150,00 kr\. for 2026 \(Registreret to gange\)/);
  // The member asks what the association holds about her: one zip, a PDF and a JSON file.
  await s.click('[data-testid=member-subject-access]');
  assert.match(await s.until('saved', () => s.text('[data-testid=subject-access-saved]')), /indsigt-nr-\d+-soeren-aeroe-aaberg\.zip/);
  await s.exec(`document.querySelector('[data-testid=subject-access-saved]').scrollIntoView()`);
  await new Promise((r) => setTimeout(r, 300));
  await s.screenshot('medlem-indsigt');
  const zipName = readdirSync(saveDir).find((f) => /^indsigt-nr-\d+-soeren-aeroe-aaberg\.zip$/.test(f));
  const unpacked = join(work, 'indsigt');
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', join(saveDir, zipName), unpacked]);
  const pdfName = readdirSync(unpacked).find((f) => f.endsWith('.pdf'));
  const accessText = execFileSync('pdftotext', ['-layout', join(unpacked, pdfName), '-']).toString();
  assert.match(accessText, /Søren Ærø Åberg, medlem nr\. \d+/);
  assert.match(accessText, /Kontingentbetalinger/);
  assert.match(accessText, /Betaling tilbageført: 150,00 kr\. for 2026/);
  const data = JSON.parse(readFileSync(join(unpacked, pdfName.replace(/\.pdf$/, '.json'))).toString());
  assert.equal(data.tables.members[0].name, 'Søren Ærø Åberg');
  assert.equal(data.tables.fee_payments.length, 1);
  execFileSync('pdftoppm', ['-png', '-r', '70', join(unpacked, pdfName), join(artifacts, 'indsigt-pdf')]);
  await s.click('[data-testid=member-close]');
  await s.until('four unpaid left', async () => /0 af 5 medlemmer/.test(await s.text('[data-testid=member-count]')));
  await s.type('[data-testid=member-search]', '');
  await s.until('four unpaid left', async () => /4 af 5 medlemmer/.test(await s.text('[data-testid=member-count]')));
});

test('bylaws: change the notice period in its §, adopt, see the diff', async () => {
  await s.click('[data-testid=nav-bylaws]');
  await s.find('[data-testid=settings-generalforsamling]');
  const clause = () => s.exec(`return document.querySelector('[data-testid=clause-generalforsamling-1]').value`);
  assert.match(await clause(), /mindst 14 dages varsel/);
  await s.type('[data-testid=rule-noticeDays]', '21');
  await s.click('[data-testid=bylaws-save]');
  await s.until('the text follows the setting', async () => /mindst 21 dages varsel/.test(await clause()));
  await s.screenshot('vedtaegter-udkast');
  await s.click('[data-testid=bylaws-adopt]');
  await s.type('[data-testid=adopt-date]', '20.03.2026');
  await s.click('[data-testid=adopt-confirm]');
  const adopted = await s.until('adopted', async () => {
    const n = await s.text('[data-testid=bylaws-notice]');
    return n.startsWith('Vedtaget') && n;
  });
  assert.equal(adopted, 'Vedtaget på generalforsamlingen den 20.03.2026');
  await s.until('the adopted text shown', async () => /mindst 21 dages varsel/.test(await s.text('[data-testid=clause-generalforsamling-1]')));
  await s.exec(`document.querySelector('[data-testid=section-generalforsamling]').scrollIntoView()`);
  await s.until('scrolled to § 5', () => s.exec('return window.scrollY > 0'));
  assert.match(await s.text('[data-testid=clause-generalforsamling-1]'), /^Stk\. 2\. Den ordinære/);
  await s.screenshot('vedtaegter-vedtaget');
  await s.click('[data-testid=bylaws-edit]');
  await s.until('the new draft is editable', () =>
    s.exec(`const el = document.querySelector('[data-testid=rule-seats]'); return !!el && !el.disabled`));
  await s.type('[data-testid=rule-seats]', '7');
  await s.click('[data-testid=bylaws-save]');
  await s.until('saved', async () => /består af 7 medlemmer/.test(await s.exec(`return document.querySelector('[data-testid=clause-bestyrelse-0]').value`)));
  await s.click('[data-testid=bylaws-diff]');
  const diff = await s.until('the diff', () => s.text('[data-testid=diff-section]'));
  assert.match(diff, /§ 8 → § 8 Bestyrelsen/);
  const marks = await s.exec(`return [...document.querySelectorAll('[data-testid=diff-section] del, [data-testid=diff-section] ins')].map(e => e.tagName + ':' + e.textContent)`);
  assert.deepEqual(marks, ['DEL:5', 'INS:7']);
  await s.screenshot('vedtaegter-forskel');
  await s.click('[data-testid=bylaws-print]');
  await s.until('saved pdf', async () => /vedtaegter-2026-11-22\.pdf/.test(await s.text('[data-testid=bylaws-notice]')));
  const text = execFileSync('pdftotext', ['-layout', join(saveDir, 'vedtaegter-2026-11-22.pdf'), '-']).toString();
  assert.match(text, /§ 5\. Den ordinære generalforsamling/);
  assert.match(text, /mindst 21 dages varsel/, 'the version in force is printed');
  assert.match(text, /Vedtaget på generalforsamlingen den 20\.03\.2026/);
  assert.doesNotMatch(text, /UDKAST/);
  await s.click('[data-testid=nav-members]');
});

test('bylaws from a Word text file: the settings it states, each with its § and words, into the draft', async () => {
  await s.click('[data-testid=nav-bylaws]');
  // The bylaws in force open first; the draft from the previous test waits behind a banner.
  assert.match(await s.until('the waiting draft', () => s.text('[data-testid=bylaws-draft-waiting]')), /udkast til ændrede vedtægter \(version 2\)/);
  await s.screenshot('vedtaegter-i-kraft-udkast-venter');
  await s.click('[data-testid=bylaws-open-draft]');
  await s.click('[data-testid=bylaws-import]');
  await chooseFile(join(root, 'tests/fixtures/bylaws/vaerested.txt'), 'bylaws-import-file');
  const found = await s.until('the settings read', () => s.text('[data-testid=bylaws-import-settings]'));
  assert.match(found, /Varsel for indkaldelse\s+14 dage.*§ 7: »Generalforsamlingen indkaldes af bestyrelsen med mindst 14 dages varsel/s);
  assert.match(found, /Udpegede bestyrelsesmedlemmer\s+Guldborgsund Kommune \(1\)/);
  assert.match(await s.text('[data-testid=bylaws-import-preview]'), /§ 16\. Ikrafttræden/);
  assert.match(await s.text('[data-testid=bylaws-import-silent]'), /Revisorsuppleanter/);
  await s.screenshot('vedtaegter-import-indstillinger');
  await s.click('[data-testid=bylaws-import-apply]');
  const heading = () => s.exec(`const el = document.querySelector('[data-testid=section-generalforsamling] .subheading'); return el ? (el.value ?? el.textContent) : ''`);
  await s.until('the draft has the text and its sub-heading', async () => (await heading()) === 'Ordinær generalforsamling');
  await s.screenshot('vedtaegter-import-udkast');
  await s.click('[data-testid=nav-members]');
});

test('the secretary plans an assembly, sends the notice, checks in, decides and approves the minutes', async () => {
  // Karin paid her 2026 fee on 1 November, before the assembly.
  await s.type('[data-testid=member-search]', 'Karin');
  await s.until('Karin', async () => (await rowCount()) === 1);
  await s.click('[data-testid=member-row]');
  await s.type('[data-testid=pay-date]', '01.11.2026');
  await s.type('[data-testid=pay-amount]', '150');
  await s.click('[data-testid=pay-submit]');
  await s.until('paid', async () => /Kontingent for 2026 er betalt/.test(await s.text('[data-testid=fee-status]')));
  await s.click('[data-testid=member-close]');
  await s.type('[data-testid=member-search]', '');

  // The assembly was held last night; the secretary records it.
  await s.click('[data-testid=nav-meetings]');
  await s.click('[data-testid=meeting-new]');
  await s.type('[data-testid=meeting-date]', '21.11.2026');
  await s.type('[data-testid=meeting-time]', '19.00');
  await s.type('[data-testid=meeting-place]', 'Perronen, Jernbanegade 4');
  await s.click('[data-testid=meeting-create]');
  const title = await s.until('the new meeting', () => s.text('[data-testid=meeting-title]'));
  assert.equal(title, 'Ordinær generalforsamling 2026');
  assert.match(await s.text('[data-testid=checklist]'), /Indkaldelse sendt[\s\S]*31\.10\.2026[\s\S]*Fristen 31\.10\.2026 er overskredet/);
  await s.type('[data-testid=notice-sent]', '30.10.2026');
  await s.type('[data-testid=final-agenda-sent]', '13.11.2026');
  await s.type('[data-testid=dirigent]', 'Vibeke Dirigent');
  await s.type('[data-testid=referent]', 'Karin Hansen');
  await s.click('[data-testid=planner-save]');
  await s.until('saved', async () => /Mødet er gemt/.test(await s.text('[data-testid=planner-notice]')));
  assert.match(await s.text('[data-testid=notice-check]'), /22 dage før generalforsamlingen; vedtægterne kræver mindst 21 dages varsel\. Generalforsamlingen er lovligt indkaldt/);
  assert.match(await s.text('[data-testid=checklist]'), /Gjort 30\.10\.2026/);
  await s.screenshot('moede-planlaegning');
  await s.click('[data-testid=export-notice]');
  await s.until('notice saved', async () => /indkaldelse-generalforsamling-2026-11-21\.pdf/.test(await s.text('[data-testid=docs-notice]')));
  const notice = join(saveDir, 'indkaldelse-generalforsamling-2026-11-21.pdf');
  const text = execFileSync('pdftotext', ['-layout', notice, '-']).toString();
  assert.match(text, /Indkaldelse til ordinær generalforsamling/);
  assert.match(text, /lørdag den 21\. november 2026 kl\. 19\.00/);
  assert.match(text, /Udsendt:\s+30\.10\.2026/);
  assert.match(text, /Valg af dirigent, referent og stemmetællere/);
  execFileSync('pdftoppm', ['-png', '-r', '70', notice, join(artifacts, 'indkaldelse-pdf')]);
  // "Åbn" opens the file just saved (the test build writes what it would open).
  await s.click('[data-testid=docs-notice] [data-testid=saved-open]');
  await s.until('opened', async () => existsSync(join(saveDir, 'opened')) && readFileSync(join(saveDir, 'opened')).toString() === notice);
  await s.screenshot('moede-dokument-gemt');
  // Members without e-mail get the notice as a letter, the address in the envelope's window.
  await s.click('[data-testid=export-letters]');
  await s.until('letters saved', async () => /indkaldelse-generalforsamling-2026-11-21-breve\.pdf/.test(await s.text('[data-testid=docs-notice]')));
  const letters = join(saveDir, 'indkaldelse-generalforsamling-2026-11-21-breve.pdf');
  assert.match(execFileSync('pdftotext', ['-layout', letters, '-']).toString(), /Indkaldelse til ordinær generalforsamling[\s\S]*Side 1 af/);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', letters, join(artifacts, 'indkaldelse-breve-pdf')]);

  // A proposal came in and its submitter withdrew it: it stays on record, not put to the vote.
  await s.click('[data-testid=step-agenda]');
  await s.click('[data-testid=proposal-new]');
  await s.type('[data-testid=proposal-title]', 'Nyt navn til caféen');
  await s.type('[data-testid=proposal-text]', 'Caféen skal hedde Perronens Stue.');
  await s.click('[data-testid=proposal-save]');
  await s.until('the proposal', async () => /Forslag 1: Nyt navn til caféen/.test(await s.text('[data-testid=proposal]')));
  await s.click('[data-testid=proposal-withdraw]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /Træk forslag 1 tilbage\?[\s\S]*kan ikke sættes til afstemning/);
  await s.type('[data-testid=confirm-input]', 'Forslagsstilleren trak det på mødet');
  await s.exec(`document.querySelector('[data-testid=confirm-input]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))`);
  assert.match(await s.until('withdrawn', () => s.text('[data-testid=proposal-withdrawn]')), /Trukket tilbage 22\.11\.2026: Forslagsstilleren trak det på mødet/);
  await s.screenshot('forslag-trukket-tilbage');

  // Check-in at the door: Karin may vote; Bo has not paid for 2026.
  await s.click('[data-testid=step-checkin]');
  // Enter on a search that fits several checks nobody in: it asks to choose.
  await s.type('[data-testid=checkin-search]', 'e\uE007');
  assert.match(await s.until('choose', () => s.text('[data-testid=checkin-choose]')), /medlemmer passer på »e«\. Vælg i listen/);
  assert.equal((await s.findAll('[data-testid=checkin-last]')).length, 0, 'nobody was checked in');
  await s.until('the counts', async () => (await s.findAll('[data-testid=counts]')).length === 1);
  await s.screenshot('fremmoede-tvetydig');
  await s.type('[data-testid=checkin-search]', 'øster');
  await s.until('one match', async () => (await s.findAll('[data-testid=checkin-row]')).length === 1);
  await s.click('[data-testid=checkin-row]');
  await s.until('Bo in without a vote', async () => /Bo Østergaard er tjekket ind — Ingen stemmeret: Kontingent for 2026 er ikke betalt/.test(await s.text('[data-testid=checkin-last]')));
  await s.type('[data-testid=checkin-search]', 'Karin\uE007');
  await s.until('Karin in', async () => (await s.text('[data-testid=checkin-last]')) === 'Karin Hansen er tjekket ind');
  assert.match(await s.text('[data-testid=counts]'), /2\s*medlemmer til stede[\s\S]*1\s*med stemmeret/);
  assert.equal(await s.text('[data-testid=votes-in-room]'), '1');
  // Bo pays at the door; the bylaws count a payment made on the day, so he gets his vote.
  await s.click('[data-testid=pay-at-door-present]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /Registrér 150,00 kr\. i kontingent for 2026 fra Bo Østergaard, betalt med MobilePay ved døren/);
  await s.screenshot('betal-ved-doeren');
  await s.click('[data-testid=confirm-ok]');
  await s.until('Bo paid', async () => /Bo Østergaard har betalt 150,00 kr\. og er tjekket ind\. Medlemmet har nu stemmeret\./.test(await s.text('[data-testid=checkin-last]')));
  assert.equal(await s.text('[data-testid=votes-in-room]'), '2');
  assert.equal((await s.findAll('[data-testid=pay-at-door-present]')).length, 0);
  await s.screenshot('moede-fremmoede');

  // The meeting: the accounts are approved by the one vote in the room.
  await s.click('[data-testid=step-run]');
  await s.exec(`document.querySelectorAll('[data-testid=run-item]')[2].click()`);
  await s.until('item 3', async () => /3\. Fremlæggelse af revideret regnskab/.test(await s.exec('return document.body.innerText')));
  await s.type('[data-testid=run-notes]', 'Kassereren gennemgik regnskabet. Revisoren havde ingen bemærkninger.');
  await s.type('[data-testid=run-subject]', 'Årsregnskab 2025');
  await s.type('[data-testid=vote-for]', '1');
  // A slip: the vote against is typed in the wrong box, and the decision is recorded rejected.
  await s.type('[data-testid=vote-against]', '1');
  await s.click('[data-testid=run-record]');
  assert.match(await s.until('the decision', () => s.text('[data-testid=decision]')), /Forkastet/);
  // Corrected before the minutes are approved: taken out, the form refilled, recorded again.
  await s.click('[data-testid=decision-correct]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /Ret beslutningen\?[\s\S]*Årsregnskab 2025/);
  await s.click('[data-testid=confirm-ok]');
  await s.until('the form refilled', async () => (await s.findAll('[data-testid=run-correcting]')).length === 1);
  assert.equal((await s.findAll('[data-testid=decision]')).length, 0);
  assert.equal(await s.exec(`return document.querySelector('[data-testid=vote-against]').value`), '1');
  assert.equal(await s.exec(`return document.querySelector('[data-testid=run-subject]').value`), 'Årsregnskab 2025');
  await s.screenshot('moede-ret-beslutning');
  await s.type('[data-testid=vote-against]', '0');
  await s.click('[data-testid=run-record]');
  await s.until('one decision, adopted', async () => /Vedtaget/.test(await s.text('[data-testid=decision]')));
  assert.equal((await s.findAll('[data-testid=decision]')).length, 1);
  const decision = await s.text('[data-testid=decision]');
  assert.match(decision, /Årsregnskab 2025[\s\S]*Vedtaget: 1 for, 0 imod, 0 blanke\. Krævet simpelt flertal/);
  await s.screenshot('moede-beslutning');

  // Minutes: drafted from the record, approved and locked.
  await s.click('[data-testid=step-minutes]');
  await s.click('[data-testid=minutes-draft]');
  const draft = await s.until('the draft', () => s.exec(`return document.querySelector('[data-testid=minutes-text]')?.value`));
  assert.match(draft, /Fremmøde: 2 medlemmer til stede, heraf 2 med stemmeret\. Ingen fuldmagter, 2 stemmer i alt/);
  assert.match(draft, /Dirigenten konstaterede, at generalforsamlingen var lovligt indkaldt/);
  assert.match(draft, /Kassereren gennemgik regnskabet/);
  assert.match(draft, /Beslutning: Årsregnskab 2025: Vedtaget/);
  assert.match(draft, /Forslag 1: Nyt navn til caféen \(stillet af Bestyrelsen, modtaget 22\.11\.2026\)[\s\S]*Forslaget blev trukket tilbage 22\.11\.2026 \(Forslagsstilleren trak det på mødet\) og blev ikke behandlet\./);
  await s.screenshot('referat-udkast');
  assert.equal(await s.exec(`return document.querySelector('[data-testid=sig-name-0]').value`), 'Vibeke Dirigent');

  // Nothing typed is lost: leaving with unsaved minutes asks first; "Bliv her" keeps the text.
  const typed = ' Mødet blev afsluttet med kaffe.';
  await s.type('[data-testid=minutes-text]', typed);
  await s.click('[data-testid=step-plan]');
  const leave = await s.until('the question', () => s.text('[data-testid=confirm-dialog]'));
  assert.match(leave, /Det, du har skrevet, er ikke gemt[\s\S]*referatets tekst/);
  await s.screenshot('bekraeft-ikke-gemt');
  await s.click('[data-testid=confirm-cancel]');
  await s.until('the dialog closes', async () => !(await s.exec(`return document.querySelector('[data-testid=confirm-dialog]').open`)));
  assert.ok((await s.exec(`return document.querySelector('[data-testid=minutes-text]').value`)).includes(typed), 'the typed text is kept');
  // Writing the draft again asks; cancel keeps the text, Escape too; confirming replaces it.
  await s.click('[data-testid=minutes-regenerate]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /Skriv udkastet igen\?[\s\S]*Erstat teksten/);
  await s.screenshot('bekraeft-skriv-igen');
  await s.click('[data-testid=confirm-cancel]');
  assert.ok((await s.exec(`return document.querySelector('[data-testid=minutes-text]').value`)).includes(typed), 'cancel keeps the text');
  await s.click('[data-testid=minutes-regenerate]');
  await s.until('the question', () => s.exec(`return document.querySelector('[data-testid=confirm-dialog]').open`));
  await s.exec(`document.querySelector('[data-testid=confirm-dialog]').dispatchEvent(new Event('cancel', { cancelable: true }))`);
  await s.until('Escape closes', async () => !(await s.exec(`return document.querySelector('[data-testid=confirm-dialog]').open`)));
  assert.ok((await s.exec(`return document.querySelector('[data-testid=minutes-text]').value`)).includes(typed), 'Escape keeps the text');
  await s.click('[data-testid=minutes-regenerate]');
  await s.click('[data-testid=confirm-ok]');
  await s.until('the text is written again', async () => !(await s.exec(`return document.querySelector('[data-testid=minutes-text]').value`)).includes(typed));
  // Approval is irreversible: it says who signs and that the text is locked.
  await s.click('[data-testid=minutes-approve]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /Godkend og lås referatet\?[\s\S]*Vibeke Dirigent \(dirigent\)[\s\S]*låst/);
  await s.click('[data-testid=confirm-ok]');
  await s.until('approved', async () => /Referatet er godkendt og låst/.test(await s.text('[data-testid=minutes-notice]')));
  assert.match(await s.text('[data-testid=minutes-approved]'), /Version 1, godkendt 22\.11\.2026/);
  await s.screenshot('referat-godkendt');
  await s.click('[data-testid=minutes-pdf]');
  await s.until('minutes saved', async () => /referat-generalforsamling-2026-11-21-v1\.pdf/.test(await s.text('[data-testid=minutes-notice]')));
  const minutes = join(saveDir, 'referat-generalforsamling-2026-11-21-v1.pdf');
  assert.match(execFileSync('pdftotext', ['-layout', minutes, '-']).toString(), /Kontrolsum \(SHA-256\)/);
  execFileSync('pdftoppm', ['-png', '-r', '70', minutes, join(artifacts, 'referat-pdf')]);

  // The chair's view lists it.
  await s.click('[data-testid=nav-minutes]');
  assert.match(await s.until('the list', () => s.text('[data-testid=minutes-row]')), /Ordinær generalforsamling 2026[\s\S]*Godkendt 22\.11\.2026[\s\S]*Vibeke Dirigent/);
  await s.screenshot('referater');
  await s.click('[data-testid=nav-members]');
});

test('the counting desk: 20 ballots, one invalid, and the result', async () => {
  // Another laptop (the command line, on the same file) prepares the assembly: 20 paying
  // members, three sitting board members, four candidates for the two seats up.
  const env = { ...process.env, KVORUM_DB: join(work, 'forening.sqlite'), KVORUM_CONFIG_DIR: join(work, 'config'), KVORUM_TODAY: '2026-11-22' };
  const kv = (...args) => execFileSync(join(root, 'target/debug/kvorum'), args, { env }).toString();
  const names = ['Anna Østergaard', 'Bjørn Ågesen', 'Cecilie Lærke', 'Dan Søby'];
  for (let i = 5; i <= 20; i++) names.push(`Vælger ${String(i).padStart(2, '0')}`);
  const csv = join(work, 'vaelgere.csv');
  writeFileSync(csv, 'Navn;Indmeldt\n' + names.map((n) => `${n};01.01.2025`).join('\n') + '\n');
  kv('members', 'import', csv);
  for (let no = 6; no <= 25; no++) kv('fees', 'pay', String(no), '--year', '2026', '--amount', '150', '--date', '01.11.2026');
  for (const no of ['1', '2', '3']) kv('board', 'appoint', '--kind', 'board', '--no', no, '--from', '01.03.2025', '--until', '2027');
  kv('meetings', 'create', '--date', '20.11.2026', '--time', '19.00', '--place', 'Perronen');
  for (let no = 6; no <= 25; no++) kv('attendance', 'checkin', '20.11.2026', String(no));
  for (const no of ['6', '7', '8', '9']) kv('candidates', 'add', '20.11.2026', '--no', no);

  await s.click('[data-testid=nav-meetings]');
  await s.until('the list', async () => /20\.11\.2026/.test(await s.exec('return document.body.innerText')));
  await s.exec(`[...document.querySelectorAll('[data-testid=meeting-item]')].find((b) => b.innerText.includes('20.11.2026')).click()`);
  await s.until('the meeting', async () => /fredag den 20\. november 2026/.test(await s.text('.head')));
  await s.click('[data-testid=step-elections]');
  await s.until('the board election', async () => /Valg af bestyrelsesmedlemmer[\s\S]*2 pladser/.test(await s.text('[data-testid=election]')));
  assert.equal((await s.findAll('[data-testid=candidate]')).length, 4);
  await s.click('[data-testid=election-ballot]');
  await s.find('[data-testid=counting-desk]');
  assert.match(await s.text('[data-testid=ballots-entered]'), /0 af 20 stemmesedler/);
  // 8 × Anna+Bjørn, 6 × Anna+Cecilie, 3 × Cecilie+Dan, 2 × Bjørn, and one with three marks.
  const ballots = [...Array(8).fill('12'), ...Array(6).fill('13'), ...Array(3).fill('34'), '2', '2', '123'];
  for (const [i, b] of ballots.entries()) {
    await s.type('[data-testid=ballot-keys]', b + '\uE007');
    await s.until(`ballot ${i + 1}`, async () => new RegExp(`^${i + 1} af 20`).test(await s.text('[data-testid=ballots-entered]')));
  }
  assert.match(await s.text('[data-testid=count-last]'), /Stemmeseddel 20: for mange krydser – ugyldig/);
  await s.screenshot('optaelling');
  assert.match(await s.text('[data-testid=tally]'), /20 stemmesedler afgivet: 19 gyldige, 0 blanke, 1 ugyldig\./);
  const result = await s.text('[data-testid=result]');
  assert.match(result, /1\s+Anna Østergaard\s+14\s+valgt[\s\S]*2\s+Bjørn Ågesen\s+10\s+valgt[\s\S]*3\s+Cecilie Lærke\s+9[\s\S]*4\s+Dan Søby\s+3/);
  assert.match(await s.text('[data-testid=paragraph]'), /^Valgt til bestyrelsen for 2 år: Anna Østergaard og Bjørn Ågesen; Stemmer: Anna Østergaard 14, Bjørn Ågesen 10, Cecilie Lærke 9, Dan Søby 3/);
  await s.exec(`document.querySelector('[data-testid=result]').scrollIntoView()`);
  await s.screenshot('valgresultat');
  // Written into the register at once; the board screen shows the new board.
  await s.click('[data-testid=election-apply]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /Skriv resultatet i bestyrelsesregistret\?/);
  await s.click('[data-testid=confirm-ok]');
  await s.until('applied', async () => /skrevet i registret/.test(await s.text('[data-testid=election]')));
  await s.click('[data-testid=nav-board]');
  await s.until('five on the board', async () => (await s.findAll('[data-testid=board-row]')).length === 5);
  assert.match(await s.text('[data-testid=board-table]'), /Anna Østergaard[\s\S]*20\.11\.2026 – generalforsamlingen 2028/);
  await s.screenshot('bestyrelse');
  await s.click('[data-testid=nav-members]');
  // Bylaws adopted, the fee set and members registered: the first steps are gone.
  await s.until('the member list', async () => (await s.findAll('[data-testid=member-row]')).length > 0);
  assert.equal((await s.findAll('[data-testid=getting-started]')).length, 0);
});

test('the projector follows the assembly: the item, the decision as bars, the election result, a tie and its draw', async () => {
  const env = { ...process.env, KVORUM_DB: join(work, 'forening.sqlite'), KVORUM_CONFIG_DIR: join(work, 'config'), KVORUM_TODAY: '2026-11-22' };
  const kv = (...args) => execFileSync(join(root, 'target/debug/kvorum'), args, { env }).toString();
  // The alternates, counted on paper (another laptop): a tie for the order.
  for (const no of ['10', '11', '12']) kv('candidates', 'add', '20.11.2026', '--kind', 'alternates', '--no', no);
  kv('elections', 'totals', '20.11.2026', '--kind', 'alternates', '--votes', 'Vælger 05=9,Vælger 06=5,Vælger 07=5', '--valid', '12');
  // A proposal of some length with the board's recommendation, for the wall to show whole.
  const proposalText = Array.from({ length: 6 }, (_, i) =>
    `${i + 1}. Huset holder åbent hus den første lørdag i hver måned fra kl. 10 til 14, så naboer, kommunens medarbejdere og nye frivillige kan se stedet, få en kop kaffe og høre om arbejdet.`).join('\n');
  kv('proposals', 'add', '20.11.2026', '--title', 'Åbent hus en lørdag om måneden', '--text', proposalText,
    '--recommendation', 'Bestyrelsen anbefaler forslaget vedtaget.');
  await s.click('[data-testid=nav-meetings]');
  await s.until('the list', async () => /20\.11\.2026/.test(await s.exec('return document.body.innerText')));
  await s.exec(`[...document.querySelectorAll('[data-testid=meeting-item]')].find((b) => b.innerText.includes('20.11.2026')).click()`);
  await s.until('the meeting', async () => /fredag den 20\. november 2026/.test(await s.text('.head')));
  await s.click('[data-testid=step-run]');
  const main = await s.window();
  await s.click('[data-testid=projector-open]');
  const wall = await s.until('the projector window', async () => (await s.windows()).find((h) => h !== main));
  const onWall = async (what, fn) => {
    await s.switchTo(wall);
    try {
      return await s.until(what, fn);
    } finally {
      await s.switchTo(main);
    }
  };
  const slide = () => s.exec(`return document.querySelector('[data-testid=projector]')?.dataset.slide`);
  // The wall from an old 1024×768 projector to 4K: everything on one screen, the type scaled
  // with it (the size of `selector`'s type per size is returned). Called on the projector window.
  const atEverySize = async (name, selector) => {
    const sizes = {};
    for (const [w, h] of [[1024, 768], [1280, 720], [1920, 1080], [3840, 2160]]) {
      await s.resize(w, h);
      await s.until(`the wall at ${w}×${h}`, async () => (await s.exec(`return [innerWidth, innerHeight].join('x')`)) === `${w}x${h}`);
      await s.execAsync(`const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));`);
      const fits = await s.exec(`const p = document.querySelector('[data-testid=projector]');
        return p.scrollWidth <= innerWidth && p.scrollHeight <= innerHeight && [...p.querySelectorAll('*')].every((e) => { const r = e.getBoundingClientRect(); return r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1; })`);
      assert.ok(fits, `${name}: everything on the wall at ${w}×${h}`);
      sizes[`${w}x${h}`] = await s.exec(`return parseFloat(getComputedStyle(document.querySelector('${selector}')).fontSize)`);
      await s.screenshot(`${name}-${w}x${h}`);
    }
    await s.resize(1280, 720);
    return sizes;
  };
  await s.switchTo(wall);
  await s.resize(1280, 720);
  await s.switchTo(main);
  await onWall('the title slide', async () => (await slide()) === 'title' && /Foreningen Perronen[\s\S]*20\. november 2026/.test(await s.text('[data-testid=projector]')));
  await s.switchTo(wall);
  await s.screenshot('projektor-titel-1280x720');
  assert.match(await s.text('[data-testid=projector-footer]'), /Til stede: 20 · med stemmeret: 20 · fuldmagter: 0/);
  await s.switchTo(main);

  // The meeting moves to the second item: the projector follows, and the agenda marks it.
  const second = await s.exec(`const b = document.querySelectorAll('[data-testid=run-item]')[1]; b.click(); return b.innerText.trim()`);
  await onWall('the second item', async () => (await slide()) === 'item' && (await s.text('[data-testid=projector-item]')) === second);
  await s.click('[data-testid=projector-show-agenda]');
  await onWall('the agenda', async () => {
    const current = await s.exec(`return document.querySelector('[data-testid=projector-agenda] li.current')?.innerText`);
    return (await slide()) === 'agenda' && current === second;
  });
  await s.switchTo(wall);
  await s.screenshot('projektor-dagsorden');
  await s.switchTo(main);

  // A vote: 12 for, 3 against, 2 blank — the bars and the outcome as the minutes record them.
  await s.type('[data-testid=run-subject]', 'Beretningen godkendes');
  await s.type('[data-testid=vote-for]', '12');
  await s.type('[data-testid=vote-against]', '3');
  await s.type('[data-testid=vote-blank]', '2');
  await s.click('[data-testid=run-record]');
  await onWall('the decision', async () => (await slide()) === 'decision');
  await s.switchTo(wall);
  const bars = await s.exec(`return [...document.querySelectorAll('[data-testid=projector-bar]')].map((b) => b.dataset.kind + '=' + b.dataset.votes).join(' ')`);
  assert.equal(bars, 'for=12 against=3 blank=2');
  assert.equal(await s.exec(`return document.querySelector('[data-testid=projector-outcome]').dataset.result`), 'adopted');
  assert.match(await s.text('[data-testid=projector-outcome]'), /^Vedtaget$/);
  const outcome = await atEverySize('projektor-afstemning', '[data-testid=projector-outcome]');
  // Twice the screen, twice the type: read from the back of the hall on a 4K wall too.
  assert.ok(outcome['3840x2160'] >= 1.9 * outcome['1920x1080'], `the type scales to 4K: ${JSON.stringify(outcome)}`);
  assert.ok(outcome['1024x768'] >= 0.45 * outcome['1920x1080'], `and stays large at 1024×768: ${JSON.stringify(outcome)}`);
  await s.switchTo(main);
  const recorded = await s.text('[data-testid=decision]');
  assert.match(recorded, /Beretningen godkendes/);

  // Frozen, the wall keeps the vote while the meeting moves on.
  await s.click('[data-testid=projector-freeze]');
  await s.exec(`document.querySelectorAll('[data-testid=run-item]')[2].click()`);
  await onWall('still the decision, frozen', async () => (await slide()) === 'decision' && /❄/.test(await s.text('[data-testid=projector-footer]')));
  await s.click('[data-testid=projector-freeze]');

  // The proposals' item; the secretary picks the proposal to vote on, and the wall shows its
  // text and the board's recommendation: all of it, as large as the wall allows.
  await s.exec(`[...document.querySelectorAll('[data-testid=run-item]')].find((b) => /forslag/i.test(b.innerText)).click()`);
  await onWall('the proposals item', async () => (await slide()) === 'item' && /Forslag \d+: Åbent hus en lørdag om måneden/.test(await s.text('[data-testid=projector]')));
  await s.until('the proposal to pick', async () => (await s.findAll('[data-testid=run-proposal]')).length === 1);
  await s.exec(`const sel = document.querySelector('[data-testid=run-proposal]');
    sel.value = [...sel.options].find((o) => /Åbent hus/.test(o.text)).value; sel.dispatchEvent(new Event('change', { bubbles: true }));`);
  await onWall('the proposal', async () => (await slide()) === 'proposal' && (await s.text('[data-testid=projector-proposal]')) === 'Åbent hus en lørdag om måneden');
  await s.switchTo(wall);
  assert.match(await s.text('[data-testid=projector-recommendation]'), /Bestyrelsen anbefaler forslaget vedtaget\./);
  assert.match(await s.text('[data-testid=projector-proposal-text]'), /^1\. Huset holder åbent hus[\s\S]*6\. Huset holder/);
  const whole = `const e = document.querySelector('[data-testid=projector-proposal-text]');
    return e.scrollHeight <= e.clientHeight + 1 && !e.classList.contains('cut')`;
  assert.ok(await s.exec(whole), 'the whole proposal on the wall at 1280×720');
  const proposalType = await atEverySize('projektor-forslag', '[data-testid=projector-proposal-text]');
  assert.ok(await s.exec(whole), 'and back at 1280×720');
  assert.ok(proposalType['1920x1080'] > proposalType['1024x768'], `the text grows with the wall: ${JSON.stringify(proposalType)}`);
  await s.switchTo(main);

  // The board election, counted at the desk earlier: the result with bars, the elected named.
  await s.click('[data-testid=step-elections]');
  await s.until('the elections', async () => (await s.findAll('[data-testid=election-project]')).length >= 2);
  await s.exec(`document.querySelectorAll('[data-testid=election-project]')[0].click()`);
  await onWall('the candidates', async () => (await slide()) === 'election' && /Anna Østergaard[\s\S]*Dan Søby/.test(await s.text('[data-testid=projector-candidates]')));
  await s.switchTo(wall);
  await s.screenshot('projektor-kandidater');
  await s.switchTo(main);
  await s.exec(`document.querySelectorAll('[data-testid=election-project-result]')[0].click()`);
  await onWall('the board result', async () => (await slide()) === 'election' && (await s.findAll('[data-testid=projector-result]')).length === 4);
  await s.switchTo(wall);
  const rows = await s.exec(`return [...document.querySelectorAll('[data-testid=projector-result]')].map((r) => r.dataset.name + ':' + r.dataset.votes + ':' + r.dataset.elected).join(' | ')`);
  assert.equal(rows, 'Anna Østergaard:14:true | Bjørn Ågesen:10:true | Cecilie Lærke:9:false | Dan Søby:3:false');
  await atEverySize('projektor-valg', '[data-testid=projector-result]');
  await s.switchTo(main);

  // The alternates: a tie on the wall, then the draw as it happens.
  const alternates = await s.exec(`return [...document.querySelectorAll('[data-testid=election]')].findIndex((e) => /suppleant/i.test(e.querySelector('h3').innerText))`);
  assert.ok(alternates > 0);
  await s.exec(`document.querySelectorAll('[data-testid=election]')[${alternates}].querySelector('[data-testid=election-project-result]').click()`);
  await onWall('the tie', async () => /Stemmelighed: Vælger 06 og Vælger 07 har 5 stemmer hver/.test(await s.text('[data-testid=projector-tie]')));
  await s.switchTo(wall);
  await s.screenshot('projektor-stemmelighed');
  await s.switchTo(main);
  await s.exec(`document.querySelectorAll('[data-testid=election]')[${alternates}].querySelector('[data-testid=draw-lot]').click()`);
  await s.until('the question', () => s.text('[data-testid=confirm-dialog]'));
  await s.click('[data-testid=confirm-ok]');
  await onWall('the draw', async () => (await s.findAll('[data-testid=projector-tie]')).length === 0 && /Afgjort ved lodtrækning: Vælger 0[67] → Vælger 0[67]/.test(await s.text('[data-testid=projector-draw]')));
  await s.switchTo(wall);
  await s.screenshot('projektor-lodtraekning');
  await s.switchTo(main);

  // A countdown and a message, then the projector is closed from the meeting screen.
  await s.click('[data-testid=projector-message-open]');
  await s.type('[data-testid=projector-message-text]', 'Pause til kl. 20.15 – kaffe i køkkenet');
  await s.click('[data-testid=projector-message-show]');
  await s.screenshot('projektor-styring-1280x800');
  await s.resize(900, 600);
  await s.screenshot('projektor-styring-900x600');
  assert.ok(await s.exec(`return document.querySelector('[data-testid=projector-bar]').scrollWidth <= window.innerWidth`), 'the controls fit at 900×600');
  await s.resize(1280, 800);
  await onWall('the message', async () => (await s.text('[data-testid=projector-message]')) === 'Pause til kl. 20.15 – kaffe i køkkenet');
  await s.click('[data-testid=projector-countdown-open]');
  await s.type('[data-testid=projector-countdown-minutes]', '5');
  await s.click('[data-testid=projector-countdown-start]');
  await onWall('the countdown', async () => /^[45]:\d\d$/.test(await s.text('[data-testid=projector-countdown]')));
  // It counts while the secretary works in the main window (the wall is never the focused one).
  await new Promise((done) => setTimeout(done, 2500));
  await onWall('counting down', async () => /^4:5[0-8]$/.test(await s.text('[data-testid=projector-countdown]')));
  await s.switchTo(wall);
  await s.screenshot('projektor-nedtaelling');
  // The projector may read its view and nothing else: its window has a capability of its own.
  const refused = await s.execAsync(`const done = arguments[arguments.length - 1];
    window.__TAURI_INTERNALS__.invoke('members_list', { query: {} }).then(() => done('allowed'), (e) => done(String(e)));`);
  assert.match(refused, /not allowed|denied|forbidden/i, 'the projector window cannot read the member register');
  await s.switchTo(main);
  // The main window switches to English: the projector's own words follow, and back.
  await s.click('[data-testid=lang-switch]');
  await onWall('English on the wall', async () => /^Present: 20 · with a vote: 20 · proxies: 0/.test(await s.text('[data-testid=projector-footer]')));
  await s.switchTo(wall);
  await s.screenshot('projector-english');
  await s.switchTo(main);
  await s.click('[data-testid=lang-switch]');
  await onWall('Danish again', async () => /^Til stede: 20 · med stemmeret: 20 · fuldmagter: 0/.test(await s.text('[data-testid=projector-footer]')));
  // The screen was made anew in each language, and the secretary is still where she was:
  // the same meeting, the election step.
  await s.until('still the meeting', async () => /fredag den 20\. november 2026/.test(await s.text('.head')));
  assert.ok(await s.exec(`return document.querySelector('[data-testid=step-elections]').classList.contains('active')`), 'still at the election step');
  await s.click('[data-testid=projector-close]');
  await s.until('one window again', async () => (await s.windows()).length === 1);
  await s.click('[data-testid=nav-members]');
});

test('the treasurer imports a bank file, assigns two lines and sees the overview and chart update', async () => {
  // The budget and the operating grant come from another laptop (the command line).
  const env = { ...process.env, KVORUM_DB: join(work, 'forening.sqlite'), KVORUM_CONFIG_DIR: join(work, 'config'), KVORUM_TODAY: '2026-11-22' };
  const kv = (...args) => execFileSync(join(root, 'target/debug/kvorum'), args, { env }).toString();
  kv('grants', 'add', '--name', 'Driftstilskud 2026', '--grantor', 'Guldborgsund Kommune', '--kind', 'operating',
    '--from', '01-01-2026', '--to', '31-12-2026', '--amount', '3000000', '--instalments', '4',
    '--parties', 'Guldborgsund Kommune og foreningen', '--goal', 'Flere frivillige|30 aktive frivillige', '--in-kind', 'Lokaler i stationsbygningen|96000');
  for (const [name, amount, extra] of [['Driftstilskud', '3000000', ['--income', '--grant', 'Drift']], ['Løn', '1900000', ['--grant', 'Drift']], ['Husleje', '150000', ['--grant', 'Drift']], ['El og varme', '60000', []], ['Café og mad', '90000', []]]) {
    kv('budget', 'set', '2026', name, amount, ...extra);
  }
  kv('visits', 'add', '01-10-2026', '640', '--month');

  await s.click('[data-testid=nav-finance]');
  // Five lines, and "Kontingent", made when the first fee was paid (fees are in the books).
  await s.until('the overview', async () => (await s.findAll('[data-testid=bar]')).length === 6);
  const actualOf = (label) => s.exec(`return document.querySelector('[data-testid=bar][data-label="${label}"]').dataset.actual`);
  assert.equal(await actualOf('Husleje'), '0');

  // A statement as the bank exports it: Windows-1252, `;`, decimal comma, dd-mm-yyyy.
  const lines = [
    'Dato;Tekst;Beløb;Saldo',
    '02-01-2026;Guldborgsund Kommune driftstilskud;750.000,00;770.000,00',
    '05-01-2026;Husleje januar Jernbanegade;-12.500,00;757.500,00',
    '10-01-2026;Dankort Netto Nykøbing;-452,75;757.047,25',
    '28-01-2026;Løn frivilligkoordinator;-38.000,00;719.047,25',
    '05-02-2026;Husleje februar Jernbanegade;-12.500,00;706.547,25',
  ];
  const file = join(work, 'kontoudtog.csv');
  writeFileSync(file, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
  await s.click('[data-testid=fin-bank]');
  await chooseFile(file, 'bank-file');
  await s.until('the preview', async () => /5 nye · 0 importeret før · 0 med fejl/.test(await s.text('[data-testid=bank-counts]')));
  assert.match(await s.text('[data-testid=bank-rows]'), /Dankort Netto Nykøbing/);
  // Assign two lines by hand: the first rent and the grant; the rest stay open for now.
  const choose = (row, value) => s.exec(
    `const sel = document.querySelectorAll('[data-testid=bank-line]')[${row}];
     sel.value = ${JSON.stringify(value)}; sel.dispatchEvent(new Event('change', { bubbles: true }));`);
  await choose(0, 'Driftstilskud');
  await choose(1, 'Husleje');
  // The February rent shares »jernbanegade« with January's: it gets the same line at once.
  await s.until('three chosen', async () => (await s.exec(`return [...document.querySelectorAll('[data-testid=bank-line]')].filter((x) => x.value).length`)) === 3);
  assert.match(await s.text('[data-testid=bank-also-set]'), /Samme valg er sat på 1 lignende linje med »jernbanegade«/);
  assert.match(await s.exec('return document.body.innerText'), /Importér kontoudtog/);
  await s.screenshot('bankimport');
  await s.click('[data-testid=bank-apply]');
  await s.until('imported', async () => /5 posteringer er importeret/.test(await s.text('[data-testid=bank-done]')));

  // The second rent is suggested from the choice just made when it is booked: see the overview.
  await s.click('[data-testid=fin-overview]');
  await s.until('the chart updated', async () => (await actualOf('Husleje')) === '2500000');
  assert.match(await s.text('[data-testid=overview-table]'), /Driftstilskud\s+Indtægt\s+3\.000\.000,00 kr\.\s+750\.000,00 kr\./);
  assert.match(await s.text('[data-testid=stat-unassigned]'), /-38\.452,75 kr\./);
  await s.find('[data-testid=pace-chart]');
  await s.screenshot('oekonomi-overblik');

  // Put the remaining bookings on their lines from the bookings list; the overview follows.
  await s.click('[data-testid=fin-bookings]');
  await s.until('the bookings', async () => /Løn frivilligkoordinator/.test(await s.text('[data-testid=bookings-table]')));
  const wages = await s.exec(`return [...document.querySelectorAll('[data-testid=booking-row]')].find((r) => r.innerText.includes('Løn frivilligkoordinator')).cells[0].innerText`);
  const move = (text, line) => s.exec(
    `const row = [...document.querySelectorAll('[data-testid=booking-row]')].find((r) => r.innerText.includes(${JSON.stringify(text)}));
     const sel = row.querySelector('[data-testid=booking-line]');
     sel.value = [...sel.options].find((o) => o.text === ${JSON.stringify(line)}).value;
     sel.dispatchEvent(new Event('change', { bubbles: true }));`);
  await move('Løn frivilligkoordinator', 'Løn');
  await s.until('moved', async () => new RegExp(`Bilag ${wages} er flyttet`).test(await s.exec('return document.body.innerText')));
  await s.screenshot('posteringer');
  await s.click('[data-testid=fin-overview]');
  await s.until('the wages', async () => (await actualOf('Løn')) === '3800000');
  assert.equal(await actualOf('Husleje'), '2500000');

  // The grant and its goal; the reports as PDF.
  await s.click('[data-testid=fin-grants]');
  await s.until('the grant', async () => /Driftstilskud 2026/.test(await s.text('[data-testid=grant-card]')));
  await s.click('[data-testid=goal-add]');
  await s.type('[data-testid=goal-note]', '24 frivillige, 4 på introkursus');
  await s.click('[data-testid=goal-save]');
  await s.until('status saved', async () => /På vej 22\.11\.2026: 24 frivillige/.test(await s.text('[data-testid=goal]')));
  await s.screenshot('tilskud');
  // Editing the grant keeps the goal's status history; the new amount makes a new schedule.
  await s.click('[data-testid=grant-edit]');
  await s.exec(`const i = document.querySelector('[data-testid=grant-amount]'); i.value = '3.200.000'; i.dispatchEvent(new Event('input', { bubbles: true }));`);
  await s.click('[data-testid=grant-save]');
  await s.until('saved', async () => /3\.200\.000,00 kr\. om året/.test(await s.text('[data-testid=grant-card]')));
  assert.match(await s.text('[data-testid=goal]'), /På vej 22\.11\.2026: 24 frivillige/);
  assert.match(await s.text('[data-testid=grant-card]'), /01\.04\.2026\s+800\.000,00 kr\./);
  // Guldborgsund's own audit thresholds: in the wrong order said at the field, then saved.
  assert.match(await s.text('[data-testid=grant-card]'), /Revision: Revision ved en registreret eller statsautoriseret revisor/);
  await s.click('[data-testid=grant-rule-edit]');
  const setField = (id, v) => s.exec(`const i = document.querySelector('[data-testid=${id}]'); i.value = ${JSON.stringify(v)}; i.dispatchEvent(new Event('input', { bubbles: true }));`);
  await setField('rule-board', '50.000');
  await setField('rule-pro', '40.000');
  await s.click('[data-testid=rule-save]');
  assert.match(await s.until('the error at the field', () => s.text('[data-testid=grant-rule-form] .err')), /\S/);
  await s.screenshot('tilskud-krav-fejl');
  await setField('rule-pro', '5.000.000');
  await s.click('[data-testid=rule-save]');
  await s.until('saved', async () => /uafhængig/.test(await s.text('[data-testid=grant-card]')));
  assert.equal(await s.exec(`return document.querySelector('[data-testid=grant-rule-form]') === null`), true);
  await s.screenshot('tilskud-krav');
  await s.click('[data-testid=fin-reports]');
  await s.click('[data-testid=report-followup]');
  await s.until('follow-up saved', async () => existsSync(join(saveDir, 'budgetopfoelgning-2026-2026-11-22.pdf')));
  await s.click('[data-testid=report-grant]');
  await s.until('grant report saved', async () => existsSync(join(saveDir, 'tilskudsrapport-2026-driftstilskud-2026.pdf')));
  const report = execFileSync('pdftotext', ['-layout', join(saveDir, 'tilskudsrapport-2026-driftstilskud-2026.pdf'), '-']).toString();
  assert.match(report, /Rapport til Guldborgsund Kommune/);
  assert.match(report, /På vej \(22\.11\.2026\): 24 frivillige/);
  assert.match(report, /Revisors erklæring/);
  execFileSync('pdftoppm', ['-png', '-r', '70', join(saveDir, 'budgetopfoelgning-2026-2026-11-22.pdf'), join(artifacts, 'budgetopfoelgning-pdf')]);
  execFileSync('pdftoppm', ['-png', '-r', '70', join(saveDir, 'tilskudsrapport-2026-driftstilskud-2026.pdf'), join(artifacts, 'tilskudsrapport-pdf')]);
  await s.click('[data-testid=nav-members]');
});

test("fees in the books: the bank file's fee lines accepted, similar lines at once, the fee run and the balance sheet", async () => {
  const env = { ...process.env, KVORUM_DB: join(work, 'forening.sqlite'), KVORUM_CONFIG_DIR: join(work, 'config'), KVORUM_TODAY: '2026-11-22' };
  const kv = (...args) => execFileSync(join(root, 'target/debug/kvorum'), args, { env }).toString();
  const owing = JSON.parse(kv('--json', 'fees', 'run', '2026', '--owing')).run.lines;
  assert.ok(owing.length >= 2, 'two members owe');
  const [a, b] = owing;
  const kr = (ore) => (ore / 100).toFixed(2).replace('.', ',');
  const lines = [
    'Dato;Tekst;Beløb;Saldo',
    `03-03-2026;Overførsel medl. ${a.memberNo};${kr(a.owed)};706.697,25`,
    `04-03-2026;Fra ${b.name};${kr(b.owed)};706.847,25`,
    '06-03-2026;Kaffe Føtex;-89,00;706.758,25',
    '13-03-2026;Kaffe Føtex;-112,50;706.645,75',
    '20-03-2026;Kaffe Føtex;-64,25;706.581,50',
  ];
  const file = join(work, 'kontoudtog-marts.csv');
  writeFileSync(file, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
  await s.click('[data-testid=nav-finance]');
  await s.click('[data-testid=fin-bank]');
  await chooseFile(file, 'bank-file');
  await s.until('the fee proposals', async () => /2 linjer ligner medlemmers kontingent/.test(await s.text('[data-testid=bank-fee-summary]')));
  assert.equal((await s.findAll('[data-testid=bank-fee-accept]')).length, 2);
  assert.match(await s.text('[data-testid=bank-rows]'), new RegExp(`Kontingent 2026: ${a.name} \\(nr\\. ${a.memberNo}\\) – godkend`));
  // One choice for the three coffee lines.
  await s.exec(`const sel = [...document.querySelectorAll('[data-testid=bank-line]')].find((x) => x.closest('tr').innerText.includes('Kaffe'));
    sel.value = 'Café og mad'; sel.dispatchEvent(new Event('change', { bubbles: true }));`);
  await s.until('the similar lines too', async () => /Samme valg er sat på 2 lignende linjer med »føtex«/.test(await s.text('[data-testid=bank-also-set]')));
  await s.click('[data-testid=bank-fees-accept-all]');
  await s.until('both accepted', async () => (await s.findAll('[data-testid=bank-fee-accepted]')).length === 2);
  await s.screenshot('bankimport-kontingent');
  await s.click('[data-testid=bank-apply]');
  await s.until('imported', async () => /5 posteringer er importeret.*2 linjer er bogført som kontingent på medlemmerne/s.test(await s.text('[data-testid=bank-done]')));

  // The fee run: the two have paid now; a member without e-mail who has not gets a letter.
  kv('members', 'add', '--name', 'Åse Ørnebjerg', '--address', 'Stationsvej 4, 1. th.', '--postal-code', '4800', '--city', 'Nykøbing F', '--joined', '01.01.2026');
  await s.click('[data-testid=fin-fees]');
  await s.until('the fee run', () => s.text('[data-testid=fees-summary]'));
  const table = await s.text('[data-testid=fees-table]').catch(() => '');
  assert.doesNotMatch(table, new RegExp(a.name));
  assert.doesNotMatch(table, new RegExp(b.name));
  assert.match(await s.text('[data-testid=fees-summary]'), /Forfalder 31\.01\.2026/);
  assert.match(table, /Åse Ørnebjerg[\s\S]*som brev/);
  await s.screenshot('kontingent-opkraevning');
  await s.click('[data-testid=fees-remind-1]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /1 medlem mangler at betale kontingent for 2026: 0 e-mail-kladder \(en til hvert medlem\) og 1 brev til udskrift/);
  await s.click('[data-testid=confirm-ok]');
  assert.match(await s.until('saved', () => s.text('[data-testid=fees-notice]')), /0 e-mail-kladder og 1 brev er gemt, og rykkerne er noteret på medlemmerne/);
  assert.match(await s.text('[data-testid=fees-table]'), /1\. sendt 22\.11\.2026/);
  const letters = join(saveDir, 'rykkere-2026-1', 'rykkere-2026-1-breve.pdf');
  assert.ok(existsSync(letters));
  assert.match(execFileSync('pdftotext', [letters, '-']).toString(), /Påmindelse om kontingent for 2026[\s\S]*Kære Åse Ørnebjerg/);
  execFileSync('pdftoppm', ['-png', '-r', '70', letters, join(artifacts, 'rykker-brev-pdf')]);
  await s.screenshot('kontingent-rykket');

  // The balance sheet: the opening balances typed, the result carried to equity.
  await s.click('[data-testid=fin-balance]');
  await s.until('the balance sheet', () => s.text('[data-testid=bal-table]'));
  assert.match(await s.text('[data-testid=bal-from]'), /Ingen primosaldi endnu/);
  await s.click('[data-testid=bal-edit-opening]');
  const inputs = await s.findAll('[data-testid=bal-opening-input]');
  assert.equal(inputs.length, 8);
  await s.exec(`const i = document.querySelectorAll('[data-testid=bal-opening-input]');
    for (const [n, v] of [[0, '20.000,00'], [7, '19.000,00']]) { i[n].value = v; i[n].dispatchEvent(new Event('input', { bubbles: true })); }`);
  await s.click('[data-testid=bal-save-opening]');
  assert.match(await s.until('the warning', () => s.text('[data-testid=bal-warning]')), /Primobalancen balancerer ikke: aktiverne er 1\.000,00 kr\. større/);
  await s.screenshot('balance-advarsel');
  await s.click('[data-testid=bal-edit-opening]');
  await s.exec(`const i = document.querySelectorAll('[data-testid=bal-opening-input]')[7]; i.value = '20.000,00'; i.dispatchEvent(new Event('input', { bubbles: true }));`);
  await s.click('[data-testid=bal-save-opening]');
  await s.until('balanced', async () => (await s.findAll('[data-testid=bal-warning]')).length === 0 && /Primosaldi for 2026 er gemt/.test(await s.text('[data-testid=bal-notice]')));
  const assets = await s.text('[data-testid=bal-total-asset]');
  const liabilitiesAndEquity = await s.exec(`return document.querySelector('[data-testid=bal-table] tfoot td:last-child').innerText`);
  assert.equal(assets, liabilitiesAndEquity, 'the balance sheet balances');
  await s.screenshot('balance');
  await s.click('[data-testid=nav-members]');
});

test('the treasurer closes 2025: the checks, the year locked, the accounts saved as PDF', async () => {
  const env = { ...process.env, KVORUM_DB: join(work, 'forening.sqlite'), KVORUM_CONFIG_DIR: join(work, 'config'), KVORUM_TODAY: '2026-11-22' };
  const kv = (...args) => execFileSync(join(root, 'target/debug/kvorum'), args, { env }).toString();
  kv('accounts', 'opening', '2025', '--set', 'Bankkonto=10.000,00', '--set', 'Egenkapital=10.000,00');
  kv('budget', 'set', '2025', 'Husleje', '12000');
  kv('budget', 'set', '2025', 'Driftstilskud', '20000', '--income');
  kv('bookings', 'add', '--date', '10.01.2025', '--amount', '20000', '--text', 'Driftstilskud 2025', '--line', 'Driftstilskud');
  kv('bookings', 'add', '--date', '15.03.2025', '--amount', '-12000', '--text', 'Husleje 2025', '--line', 'Husleje');

  await s.click('[data-testid=nav-finance]');
  await s.exec(`[...document.querySelectorAll('button')].find((b) => b.innerText.trim() === '‹').click()`);
  await s.until('2025', async () => (await s.text('[data-testid=fin-year]')) === '2025');
  // The grant's letter as the voucher of its booking, kept in the database.
  await s.click('[data-testid=fin-bookings]');
  await s.until('the 2025 bookings', async () => /Driftstilskud 2025/.test(await s.text('[data-testid=bookings-table]')));
  const letter = join(work, 'tilsagn 2025.pdf');
  writeFileSync(letter, '%PDF-1.4\n% tilsagnsbrev\n%%EOF\n');
  await chooseFile(letter, 'voucher-attach');
  await s.until('attached', async () => /bilag: tilsagn 2025\.pdf/.test(await s.text('[data-testid=bookings-table]')));
  await s.screenshot('posteringer-bilag');
  await s.click('[data-testid=fin-balance]');
  await s.until('the checks', () => s.text('[data-testid=ye-checks]'));
  const checks = await s.text('[data-testid=ye-checks]');
  assert.match(checks, /✓ Regnskabsåret 2025 er slut\./);
  assert.match(checks, /✓ Alle posteringer har en budgetpost/);
  assert.match(checks, /! 1 postering tastet i hånden har intet bilag vedhæftet/);
  await s.screenshot('aarsafslutning-tjek');
  // The auditors reviewed rather than audited: the accounts will say so.
  await s.exec(`const el = document.querySelector('[data-testid=ye-audit-form]'); el.value = 'reviewed'; el.dispatchEvent(new Event('change', { bubbles: true }));`);
  await s.until('the choice saved', async () => (await s.exec(`return document.querySelector('[data-testid=ye-audit-form]').value`)) === 'reviewed');
  assert.match(await s.text('[data-testid=ye-audit-required]'), /Ingen af årets tilskud kræver revision/);
  await s.screenshot('aarsafslutning-gennemgaaet');
  await s.click('[data-testid=ye-close]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /Posteringerne i 2025 låses/);
  await s.click('[data-testid=confirm-ok]');
  assert.match(await s.until('closed', () => s.text('[data-testid=ye-closed]')), /Regnskabsåret 2025 er afsluttet 22\.11\.2026 af Karin Hansen/);
  assert.match(await s.text('[data-testid=bal-table]'), /Årets resultat\s+8\.000,00 kr\./);
  await s.screenshot('aarsafslutning-lukket');
  await s.click('[data-testid=fin-bookings]');
  assert.match(await s.until('locked', () => s.text('[data-testid=bookings-closed]')), /Regnskabsåret 2025 er afsluttet og låst/);
  await s.click('[data-testid=fin-reports]');
  await s.click('[data-testid=report-accounts]');
  const pdf = join(saveDir, 'aarsregnskab-2025.pdf');
  await s.until('the accounts saved', async () => existsSync(pdf));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  assert.match(text, /Årsregnskab 2025/);
  assert.doesNotMatch(text, /udkast/);
  assert.match(text, /har gennemgået årsregnskabet/);
  assert.match(text, /Årets resultat\s+8\.000,00/);
  assert.match(text, /Aktiver i alt\s+18\.000,00\s+10\.000,00/);
  execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(artifacts, 'aarsregnskab-pdf')]);
  await s.click('[data-testid=report-audit]');
  const zip = join(saveDir, 'revision-2025.zip');
  await s.until('the audit package saved', async () => existsSync(zip));
  const listed = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip]).toString();
  for (const name of ['aarsregnskab-2025.pdf', 'posteringer-2025.csv', 'bilag/001-tilsagn-2025.pdf', 'LÆS MIG.txt']) {
    assert.ok(listed.split('\n').includes(name), `${name} in ${listed}`);
  }
  // The next year opens with 2025's closing balances.
  await s.exec(`[...document.querySelectorAll('button')].find((b) => b.innerText.trim() === '›').click()`);
  await s.until('2026', async () => (await s.text('[data-testid=fin-year]')) === '2026');
  await s.click('[data-testid=fin-balance]');
  assert.match(await s.until('carried', () => s.text('[data-testid=bal-from]')), /overført fra ultimo 2025/);
  await s.click('[data-testid=nav-members]');
});

test('switches to English and back: the backend speaks English too', async () => {
  await s.click('[data-testid=lang-switch]');
  await s.until('English', async () => (await s.text('[data-testid=nav-members]')) === 'Members');
  await s.screenshot('english');
  // A validation error from the backend, next to its field, in English.
  await s.click('[data-testid=member-new]');
  await s.type('[data-testid=f-name]', 'Test');
  await s.type('[data-testid=f-postal]', '48');
  await s.click('[data-testid=f-save]');
  const postal = await s.until('English postal code error', () => s.text('[data-testid=err-postalCode]'));
  assert.match(postal, /must be four digits/);
  await s.screenshot('english-member-error');
  // The half-filled member is not lost silently: leaving asks first (in English too).
  await s.click('[data-testid=nav-meetings]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /What you typed is not saved[\s\S]*the member form/);
  await s.screenshot('english-unsaved');
  await s.click('[data-testid=confirm-ok]');
  // The planner's checklist and the notice check, in English.
  await s.click('[data-testid=meeting-item]');
  const checklist = await s.until('English checklist', async () => {
    const text = await s.text('[data-testid=checklist]');
    return /Notice sent/.test(text) ? text : null;
  });
  assert.match(checklist, /Deadline for proposals/);
  assert.match(await s.text('[data-testid=notice-check]'), /notice/);
  await s.screenshot('english-planner');
  // The bylaws' settings beside their §, in English.
  await s.click('[data-testid=nav-bylaws]');
  const settings = await s.until('English settings', async () => {
    const text = await s.text('[data-testid=settings-generalforsamling]');
    return /Notice \(days\)/.test(text) ? text : null;
  });
  assert.match(settings, /Deadline for proposals/);
  await s.exec(`document.querySelector('[data-testid=settings-generalforsamling]').scrollIntoView()`);
  await s.screenshot('english-bylaws-settings');
  // The board register's seats and periods, from the catalogue in English.
  await s.click('[data-testid=nav-board]');
  const board = await s.until('English board', async () => {
    const text = await s.text('[data-testid=board-table]');
    return /general assembly 2028/.test(text) ? text : null;
  });
  assert.match(board, /Board member[\s\S]*Anna Østergaard[\s\S]*20\.11\.2026 – general assembly 2028/);
  await s.screenshot('english-board');
  await s.click('[data-testid=nav-meetings]');
  await s.click('[data-testid=meeting-item]');
  await s.click('[data-testid=lang-switch]');
  await s.until('Danish', async () => (await s.text('[data-testid=nav-members]')) === 'Medlemmer');
  // The screen was made anew in Danish: open the meeting again (the list may still be
  // loading when the first click lands).
  const danish = await s.until('Danish checklist', async () => {
    if ((await s.findAll('[data-testid=checklist]')).length === 0) await s.click('[data-testid=meeting-item]');
    const text = await s.text('[data-testid=checklist]');
    return /Indkaldelse sendt/.test(text) ? text : null;
  });
  assert.match(danish, /Frist for forslag/);
});

test('at the minimum window size (900×600) the header holds: every tab and the language switch inside', async () => {
  await s.cmd('POST', '/window/rect', { width: 900, height: 600 });
  await s.until('the window is small', async () => (await s.exec('return window.innerWidth')) <= 900);
  await s.click('[data-testid=nav-members]');
  await s.until('the member list', async () => (await rowCount()) > 0);
  const overflow = await s.exec(`
    const w = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('header button, header [data-testid=association-name]')]
      .filter((e) => { const r = e.getBoundingClientRect(); return r.right > w + 1 || r.left < 0; })
      .map((e) => e.textContent.trim());
    const name = document.querySelector('[data-testid=association-name]').getBoundingClientRect();
    const line = parseFloat(getComputedStyle(document.querySelector('[data-testid=association-name]')).lineHeight) || 20;
    return { out, nameLines: Math.round(name.height / line), header: document.querySelector('header').getBoundingClientRect().height };`);
  assert.deepEqual(overflow.out, [], 'nothing in the header is off-screen');
  assert.ok(overflow.nameLines <= 1, `the association's name keeps to one line (${overflow.nameLines})`);
  assert.ok(overflow.header <= 100, `the header leaves room for the screen (${overflow.header} px)`);
  await s.screenshot('header-900x600');
  await s.click('[data-testid=nav-meetings]');
  await s.click('[data-testid=meeting-item]');
  await s.screenshot('moede-900x600');
  // The door opened weeks before the meeting's day: the desk says so.
  await s.click('[data-testid=meeting-new]');
  await s.type('[data-testid=meeting-date]', '15.12.2026');
  await s.type('[data-testid=meeting-time]', '19.00');
  await s.type('[data-testid=meeting-place]', 'Perronen');
  await s.click('[data-testid=meeting-create]');
  await s.until('the new meeting', async () => /2026/.test(await s.text('[data-testid=meeting-title]')));
  await s.click('[data-testid=step-checkin]');
  assert.match(await s.until('the warning', () => s.text('[data-testid=before-the-day]')), /Mødet er først 15\.12\.2026 \(om 23 dage\)/);
  await s.screenshot('fremmoede-foer-dagen-900x600');
  await s.cmd('POST', '/window/rect', { width: 1280, height: 800 });
});

test("a house meeting's notice: its own name in the heading, signed by it", async () => {
  await s.click('[data-testid=nav-meetings]');
  await s.click('[data-testid=meeting-new]');
  await s.exec(`const el = document.querySelector('[data-testid=meeting-kind]'); el.value = 'other'; el.dispatchEvent(new Event('change', { bubbles: true }));`);
  await s.type('[data-testid=meeting-body]', 'Husmødet i Perronen');
  await s.type('[data-testid=meeting-date]', '03.12.2026');
  await s.type('[data-testid=meeting-time]', '17.00');
  await s.type('[data-testid=meeting-place]', 'Perronen, caféen');
  await s.click('[data-testid=meeting-create]');
  await s.until('the house meeting', async () => /Husmødet i Perronen/.test(await s.text('[data-testid=meeting-title]')));
  await s.click('[data-testid=export-notice]');
  const file = join(saveDir, 'indkaldelse-moede-2026-12-03.pdf');
  await s.until('notice saved', async () => existsSync(file));
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  assert.match(text, /Indkaldelse til Husmødet i Perronen/);
  assert.match(text, /Med venlig hilsen\s+Husmødet i Perronen/);
  assert.doesNotMatch(text, /stemmeberettigede/);
  execFileSync('pdftoppm', ['-png', '-r', '70', file, join(artifacts, 'husmoede-indkaldelse-pdf')]);
  await s.screenshot('husmoede');
});

test('backups: one taken by hand, a member added, the backup restored after seeing what it holds', async () => {
  await s.click('[data-testid=nav-association]');
  await s.click('[data-testid=backup-now]');
  assert.match(await s.until('taken', () => s.text('[data-testid=backups-notice]')), /Sikkerhedskopien er taget .* og kontrolleret/);
  const rows = (await s.findAll('[data-testid=backup-row]')).length;
  assert.ok(rows >= 1);
  assert.match(await s.text('[data-testid=backups-table]'), /Taget i hånden[\s\S]*✓ i orden/);
  await s.click('[data-testid=nav-members]');
  await s.click('[data-testid=member-new]');
  await s.type('[data-testid=f-name]', 'Efter Kopien');
  await s.click('[data-testid=f-save]');
  await s.until('back at the list', async () => (await s.findAll('[data-testid=member-search]')).length > 0);
  await s.type('[data-testid=member-search]', 'Efter Kopien');
  await s.until('the new member', async () => (await rowCount()) === 1);
  await s.click('[data-testid=nav-association]');
  await s.until('the list', async () => (await s.findAll('[data-testid=backup-row]')).length === rows);
  await s.click('[data-testid=backup-restore]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /Kopien indeholder: Foreningen Perronen, \d+ medlemmer/);
  await s.screenshot('sikkerhedskopi-laeg-tilbage');
  await s.click('[data-testid=confirm-ok]');
  assert.match(await s.until('restored', () => s.text('[data-testid=backups-notice]')), /er lagt tilbage\. Filen, som den var, er gemt/);
  await s.until('one more backup', async () => (await s.findAll('[data-testid=backup-row]')).length === rows + 1);
  await s.screenshot('sikkerhedskopier');
  await s.click('[data-testid=nav-members]');
  await s.type('[data-testid=member-search]', 'Efter Kopien');
  await s.until('gone again', async () => (await rowCount()) === 0);
  await s.type('[data-testid=member-search]', '');
  // A second folder (the USB stick): chosen, each backup copied there; one deleted.
  const stick = join(work, 'usb');
  execFileSync('mkdir', ['-p', stick]);
  await s.click('[data-testid=nav-association]');
  writeFileSync(join(pickDir, 'next'), stick);
  await s.click('[data-testid=backup-copy-choose]');
  assert.equal(await s.until('the folder', () => s.text('[data-testid=backup-copy-dir]')), stick);
  await s.click('[data-testid=backup-now]');
  assert.match(await s.until('copied', async () => { const t = await s.text('[data-testid=backups-notice]'); return /kopieret til den anden mappe/.test(t) && t; }), /kontrolleret og kopieret til den anden mappe/);
  const copies = readdirSync(join(stick, 'forening sikkerhedskopier')).filter((f) => f.endsWith('.sqlite'));
  assert.equal(copies.length, 1);
  assert.match(await s.text('[data-testid=backup-copied]'), /✓/);
  await s.screenshot('sikkerhedskopier-usb');
  const before = (await s.findAll('[data-testid=backup-row]')).length;
  await s.click('[data-testid=backup-delete]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /og fra den anden mappe/);
  await s.click('[data-testid=confirm-ok]');
  await s.until('one fewer', async () => (await s.findAll('[data-testid=backup-row]')).length === before - 1);
  assert.equal(readdirSync(join(stick, 'forening sikkerhedskopier')).filter((f) => f.endsWith('.sqlite')).length, 0, 'the copy on the stick is gone too');
});

test("the window's close button asks first when typed input is not saved", async () => {
  await s.click('[data-testid=nav-members]');
  await s.click('[data-testid=member-new]');
  await s.type('[data-testid=f-name]', 'Halvt Udfyldt');
  execFileSync(xclose, ['Kvorum']);
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /Det, du har skrevet, er ikke gemt/);
  await s.screenshot('luk-vindue-ikke-gemt');
  await s.click('[data-testid=confirm-cancel]');
  await s.until('the dialog closes', async () => !(await s.exec(`return document.querySelector('[data-testid=confirm-dialog]').open`)));
  assert.equal(await s.exec(`return document.querySelector('[data-testid=f-name]').value`), 'Halvt Udfyldt', 'the window stays, the name is kept');
  // Leaving the form asks too; discarding it goes back to the list.
  await s.click('[data-testid=member-close]');
  await s.until('the question', () => s.text('[data-testid=confirm-dialog]'));
  await s.click('[data-testid=confirm-ok]');
  await s.until('the member list', async () => (await rowCount()) > 0);
});

test('the yearly clean-up: a member who left in 2021 is listed with the reason, anonymised on confirmation', async () => {
  const env = { ...process.env, KVORUM_DB: join(work, 'forening.sqlite'), KVORUM_CONFIG_DIR: join(work, 'config'), KVORUM_TODAY: '2026-11-22' };
  execFileSync(join(root, 'target/debug/kvorum'), ['members', 'add', '--name', 'Åge Østby', '--email', 'aage@example.dk', '--joined', '01.01.2015', '--left', '31.12.2021'], { env });
  await s.click('[data-testid=nav-privacy]');
  await s.click('[data-testid=privacy-cleanup]');
  const due = await s.until('the list', () => s.text('[data-testid=cleanup-due]'));
  assert.match(due, /Åge Østby/);
  assert.match(due, /Udmeldt 31\.12\.2021; medlemmer gemmes 3 år efter udmeldelsesåret \(til 31\.12\.2024\)\./);
  await s.exec(`document.querySelector('[data-testid=cleanup]').scrollIntoView()`);
  await new Promise((r) => setTimeout(r, 300));
  await s.screenshot('oprydning');
  await s.click('[data-testid=cleanup-run]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /Anonymisér 1 tidligere medlem\?/);
  await s.screenshot('oprydning-bekraeft');
  await s.click('[data-testid=confirm-ok]');
  assert.match(await s.until('done', () => s.text('[data-testid=cleanup-notice]')), /1 tidligere medlem er anonymiseret/);
  assert.match(await s.text('[data-testid=cleanup-none]'), /Ingen skal anonymiseres i dag/);
  await s.exec(`document.querySelector('[data-testid=cleanup]').scrollIntoView()`);
  await s.screenshot('oprydning-udfoert');
  // A period below the bookkeeping act's minimum is said at the field.
  await s.click('[data-testid=cleanup-edit-periods]');
  await s.exec(`const i = document.querySelector('[data-testid=cleanup-bookkeepingYears]'); i.value = '3'; i.dispatchEvent(new Event('input', { bubbles: true }));`);
  await s.click('[data-testid=cleanup-save-periods]');
  assert.match(await s.until('the error', () => s.text('[data-testid=cleanup-periods-form] .field-error')), /Bogføringsloven kræver/);
  await s.screenshot('oprydning-perioder-fejl');
  await s.click('[data-testid=nav-members]');
});

test('personal data: the record of processing edited and saved as PDF, a consent withdrawn in one click, the change log filtered', async () => {
  const env = { ...process.env, KVORUM_DB: join(work, 'forening.sqlite'), KVORUM_CONFIG_DIR: join(work, 'config'), KVORUM_TODAY: '2026-11-22' };
  execFileSync(join(root, 'target/debug/kvorum'), ['members', 'add', '--name', 'Åse Møller', '--email', 'aase@example.dk', '--consent', 'ja'], { env });
  // The record: counted from the data; the board's words edited; a consent kind added.
  await s.click('[data-testid=nav-privacy]');
  await s.click('[data-testid=privacy-record]');
  const first = await s.until('the activities', async () => (await s.findAll('[data-testid=processing-activity]')).length === 6 && s.text('[data-testid=processing]'));
  assert.match(first, /Medlemmer \d+ personer registreret/);
  assert.match(first, /Frikortmodtagere/);
  await s.screenshot('persondata-fortegnelse');
  await s.click('[data-testid=processing-edit]');
  await s.type('[data-testid=processing-contact]', 'Formanden, Inge Holm');
  await s.type('[data-testid=processing-members-purpose]', '');
  await s.click('[data-testid=processing-save]');
  assert.match(await s.until('the error', () => s.text('[data-testid=processing-form] .field-error')), /fortegnelsen skal sige det/);
  await s.type('[data-testid=processing-members-purpose]', 'Medlemsliste, kontingent og generalforsamling i Perronen.');
  await s.click('[data-testid=processing-save]');
  assert.match(await s.until('saved', () => s.text('[data-testid=processing-notice]')), /Fortegnelsen er gemt/);
  assert.match(await s.text('[data-testid=processing]'), /Medlemsliste, kontingent og generalforsamling i Perronen\./);
  await s.click('[data-testid=consent-kind-add]');
  assert.match(await s.until('the error', () => s.text('[data-testid=consent-kind-form] .field-error')), /Skriv hvad samtykket gælder/);
  await s.type('[data-testid=consent-kind-name]', 'Billeder på hjemmesiden');
  await s.type('[data-testid=consent-kind-purpose]', 'Fotos fra arrangementer');
  await s.click('[data-testid=consent-kind-add]');
  await s.until('two kinds', async () => /Billeder på hjemmesiden/.test(await s.text('[data-testid=consent-kinds]')));
  await s.click('[data-testid=processing-pdf]');
  assert.match(await s.until('saved', () => s.text('[data-testid=processing-saved]')), /fortegnelse-2026-11-22\.pdf/);
  const recordPdf = join(saveDir, 'fortegnelse-2026-11-22.pdf');
  const recordText = execFileSync('pdftotext', ['-layout', recordPdf, '-']).toString();
  assert.match(recordText, /Fortegnelse over behandlingsaktiviteter/);
  assert.match(recordText, /Formanden, Inge Holm/);
  assert.match(recordText, /Medlemsliste, kontingent og generalforsamling i Perronen\./);
  assert.match(recordText, /Billeder på hjemmesiden/);
  execFileSync('pdftoppm', ['-png', '-r', '70', recordPdf, join(artifacts, 'fortegnelse-pdf')]);
  // Collect the minimum: only the year of birth from now on, asked first in the app's modal.
  await s.exec(`const k = document.querySelector('[data-testid=birth-kept]'); k.value = 'year'; k.dispatchEvent(new Event('change', { bubbles: true }));`);
  await s.click('[data-testid=birth-save]');
  assert.match(await s.until('the question', () => s.text('[data-testid=confirm-dialog]')), /gøres til kun fødselsåret/);
  await s.click('[data-testid=confirm-ok]');
  assert.match(await s.until('saved', () => s.text('[data-testid=birth-notice]')), /(fødselsåret|Indstillingen er gemt)/);
  await s.exec(`document.querySelector('[data-testid=birth-kept]').scrollIntoView()`);
  await new Promise((r) => setTimeout(r, 300));
  await s.screenshot('persondata-foedselsaar');
  // The member's page: the e-mail consent withdrawn in one click while the form holds typed
  // input, which stays and saves; the photo consent given in writing.
  await s.click('[data-testid=nav-members]');
  await s.type('[data-testid=member-search]', 'Åse Møller');
  await s.until('the row', async () => (await rowCount()) === 1);
  await s.click('[data-testid=member-row]');
  assert.match(await s.until('the consent', () => s.text('[data-testid=consent-email]')), /Givet 22\.11\.2026 · Afkrydset i medlemsregistret/);
  await s.type('[data-testid=f-birthYear]', '1961');
  await s.type('[data-testid=f-phone]', '20 30 40 50');
  await s.click('[data-testid=consent-email] [data-testid=consent-withdraw]');
  assert.match(await s.until('withdrawn', async () => { const t = await s.text('[data-testid=consent-email]'); return /Ikke givet/.test(t) && t; }), /Ikke givet/);
  assert.match(await s.text('[data-testid=consent-withdrawn]'), /Kontakt på e-mail: trukket tilbage 22\.11\.2026/);
  assert.equal(await s.exec(`return document.querySelector('[data-testid=f-phone]').value`), '20 30 40 50', 'what was typed stays');
  const photos = '[data-testid=consent-billeder-paa-hjemmesiden]';
  await s.click(`${photos} [data-testid=consent-give-open]`);
  await s.click('[data-testid=consent-give-save]');
  assert.match(await s.until('the error', () => s.text('[data-testid=consent-give-form] .field-error')), /Skriv hvordan samtykket blev givet/);
  await s.type('[data-testid=consent-how]', 'Skriftligt på indmeldelsesblanketten');
  await s.click('[data-testid=consent-give-save]');
  assert.match(await s.until('given', () => s.text(`${photos} [data-testid=consent-given]`)), /Givet 22\.11\.2026 · Skriftligt på indmeldelsesblanketten/);
  await s.exec(`document.querySelector('[data-testid=consent-email]').scrollIntoView()`);
  await new Promise((r) => setTimeout(r, 300));
  await s.screenshot('medlem-samtykker');
  await s.click('[data-testid=f-save]');
  assert.match(await s.until('saved', () => s.text('.banner.ok')), /gemt/i);
  // The change log, in plain Danish, filtered by kind; a bad member no. said at the field.
  await s.click('[data-testid=member-close]');
  await s.type('[data-testid=member-search]', '');
  await s.click('[data-testid=nav-privacy]');
  await s.click('[data-testid=privacy-log]');
  await s.until('the lines', async () => (await s.findAll('[data-testid=log-line]')).length > 0);
  await s.exec(`const k = document.querySelector('[data-testid=log-kind]'); k.value = 'consent'; k.dispatchEvent(new Event('change', { bubbles: true }));`);
  await s.click('[data-testid=log-search]');
  const consentLog = await s.until('the consent lines', async () => { const t = await s.text('[data-testid=audit-log]'); return /trukket tilbage/.test(t) && !/oprettede medlem/.test(t) && t; });
  assert.match(consentLog, /registrerede, at samtykket til kontakt på e-mail blev trukket tilbage for medlem nr\. \d+ \(Åse Møller\)/);
  assert.match(consentLog, /registrerede samtykke til billeder på hjemmesiden for medlem nr\. \d+ \(Åse Møller\) \(Skriftligt på indmeldelsesblanketten\)/);
  await s.screenshot('persondata-aendringslog');
  await s.type('[data-testid=log-member]', 'tolv');
  await s.click('[data-testid=log-search]');
  assert.match(await s.until('the error', () => s.text('[data-testid=log-member-error]')), /Skriv et medlemsnummer/);
  await s.type('[data-testid=log-member]', '');
  await s.click('[data-testid=nav-members]');
});

test('every screen at 1280×800 and at 900×600: nothing wider than the window', async () => {
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));
  const go = (nav) => async () => { await s.click(`[data-testid=nav-${nav}]`); await pause(400); };
  const screens = [
    ['medlemmer', async () => { await go('members')(); await s.until('the rows', async () => (await rowCount()) > 0); }],
    ['medlem', async () => { await s.click('[data-testid=member-row]'); await s.until('the member', () => s.text('[data-testid=fee-status]')); }],
    ['nyt-medlem', async () => { await s.click('[data-testid=member-close]'); await s.click('[data-testid=member-new]'); await s.find('[data-testid=f-name]'); }],
    ['import', async () => { await s.click('[data-testid=member-close]'); await s.click('[data-testid=member-import]'); await s.find('[data-testid=import-wizard]'); }],
    ['kontingent', async () => { await s.click('[data-testid=import-close]'); await go('fees')(); await s.find('[data-testid=fee-rates]'); }],
    ...['plan', 'agenda', 'checkin', 'run', 'elections', 'minutes'].map((step) => [`moede-${step}`, async () => {
      if (step === 'plan') { await go('meetings')(); await s.click('[data-testid=meeting-item]'); }
      await s.click(`[data-testid=step-${step}]`);
      await pause(500);
    }]),
    ['referater', async () => { await go('minutes')(); await s.find('[data-testid=minutes-row]'); }],
    ['bestyrelse', async () => { await go('board')(); await s.find('[data-testid=board-row]'); }],
    ...['overview', 'budget', 'bookings', 'bank', 'fees', 'balance', 'grants', 'visits', 'frikort', 'reports'].map((part) => [`oekonomi-${part}`, async () => {
      if (part === 'overview') await go('finance')();
      await s.click(`[data-testid=fin-${part}]`);
      await pause(500);
    }]),
    ['oekonomi-tilskud-ret', async () => { await s.click('[data-testid=fin-grants]'); await s.click('[data-testid=grant-edit]'); await s.find('[data-testid=grant-deadlines]'); await pause(200); }],
    ['oekonomi-tilskud-krav', async () => { await s.click('[data-testid=fin-grants]'); await s.click('[data-testid=grant-rule-edit]'); await s.find('[data-testid=grant-rule-form]'); await s.exec(`document.querySelector('[data-testid=grant-rule-form]').scrollIntoView()`); await pause(200); }],
    ['oekonomi-postering', async () => { await s.click('[data-testid=fin-bookings]'); await s.exec(`document.querySelector('details.add').open = true`); await pause(300); }],
    ['vedtaegter', async () => { await go('bylaws')(); await s.find('[data-testid=bylaws-version]'); await pause(300); }],
    ['vedtaegter-sammenlign', async () => { await s.click('[data-testid=bylaws-diff]'); await pause(400); }],
    ['persondata-fortegnelse', async () => { await go('privacy')(); await s.click('[data-testid=privacy-record]'); await s.find('[data-testid=processing-activity]'); }],
    ['persondata-log', async () => { await s.click('[data-testid=privacy-log]'); await s.find('[data-testid=log-line]'); }],
    ['persondata-oprydning', async () => { await s.click('[data-testid=privacy-cleanup]'); await s.find('[data-testid=cleanup-periods]'); }],
    ['forening', async () => { await go('association')(); await s.find('[data-testid=db-location]'); }],
  ];
  const wide = [];
  for (const [w, h] of [[1280, 800], [900, 600]]) {
    await s.cmd('POST', '/window/rect', { width: w, height: h });
    await s.until(`the window at ${w}`, async () => Math.abs((await s.exec('return window.outerWidth')) - w) < 40);
    for (const [name, open] of screens) {
      await open();
      const over = await s.exec('return document.documentElement.scrollWidth - document.documentElement.clientWidth');
      if (over > 1) wide.push(`${name} at ${w}×${h}: ${over} px too wide`);
      await s.screenshot(`skaerm-${name}-${w}x${h}`);
    }
  }
  await s.cmd('POST', '/window/rect', { width: 1280, height: 800 });
  assert.deepEqual(wide, [], 'no screen is wider than the window');
});

test('a shared server: refused until its certificate is chosen, the association moved, opened with the password, copied back to a file', async () => {
  const admin = process.env.KVORUM_TEST_PG;
  assert.ok(admin && process.env.KVORUM_TEST_PG_CERT, 'run under scripts/postgres.sh: the test needs its TLS server');
  const port = new URL(admin).port;
  const database = `kvorum_e2e_${process.pid}`;
  execFileSync('psql', [admin, '-qc', `CREATE DATABASE ${database}`]);
  const password = 'e2e-hemmelig-æøå';
  await s.click('[data-testid=nav-association]');
  await s.click('[data-testid=server-start]');
  await s.type('[data-testid=server-host]', 'localhost');
  await s.type('[data-testid=server-port]', port);
  await s.type('[data-testid=server-database]', database);
  await s.type('[data-testid=server-user]', 'postgres');
  await s.type('[data-testid=server-password]', password);
  await s.click('[data-testid=server-transfer]');
  assert.match(await s.until('refused', () => s.text('[data-testid=server-error]')), /kunne ikke krypteres med et certifikat, Kvorum stoler på.*Kvorum har ikke sendt adgangskoden/s);
  await s.screenshot('server-certifikat-afvist');
  await chooseFile(process.env.KVORUM_TEST_PG_CERT, 'server-certificate');
  await s.until('the certificate named', async () => /server\.crt/.test(await s.text('[data-testid=server-card]')));
  await s.click('[data-testid=server-transfer]');
  const moved = await s.until('moved', () => s.text('[data-testid=server-moved]'));
  assert.match(moved, new RegExp(`Foreningen er flyttet til postgres://postgres@localhost:${port}/${database} \\(serverens eget certifikat\\): [\\d.]+ rækker i \\d+ tabeller, ens på serveren og her\\. Filen her er ikke ændret\\.`));
  await s.screenshot('server-flyttet');
  // Another database opened: the app starts over on the member list, read from the server.
  await s.click('[data-testid=server-open-moved]');
  await s.until('the members, from the server', async () => (await rowCount()) > 0);
  await s.click('[data-testid=nav-association]');
  await s.until('on the server', async () => /^postgres:\/\/postgres@localhost/.test(await s.text('[data-testid=db-location]')));
  assert.match(await s.text('[data-testid=server-card]'), /Foreningen ligger på den fælles server/);
  await s.screenshot('server-aaben');
  const settings = readFileSync(join(work, 'config', 'settings.json'), 'utf8');
  assert.ok(!settings.includes(password) && !settings.includes('hemmelig'), `the password is not in settings.json: ${settings}`);
  assert.ok(settings.includes(`localhost:${port}/${database}`), 'the server is in the recent list');
  // A copy of the whole association as a file.
  await s.click('[data-testid=nav-association]');
  await s.cmd('POST', '/window/rect', { width: 900, height: 600 });
  await s.screenshot('server-aaben-900x600');
  await s.cmd('POST', '/window/rect', { width: 1280, height: 800 });
  await s.click('[data-testid=server-save-file]');
  assert.match(await s.until('saved', () => s.text('[data-testid=server-saved]')), /Foreningen er gemt i .*forening-fra-serveren\.sqlite: [\d.]+ rækker i \d+ tabeller, ens i begge ender\./);
  assert.ok(existsSync(join(saveDir, 'forening-fra-serveren.sqlite')));
  // Back to the file from the recent list; the server again, asked for its password.
  await s.exec(`[...document.querySelectorAll('button.link')].find((b) => b.textContent.endsWith('forening.sqlite')).click()`);
  await s.until('the member list', async () => (await rowCount()) > 0);
  await s.click('[data-testid=nav-association]');
  await s.until('the file again', async () => (await s.text('[data-testid=db-location]')).endsWith('forening.sqlite'));
  await s.exec(`[...document.querySelectorAll('button.link')].find((b) => b.textContent.startsWith('postgres://')).click()`);
  assert.match(await s.until('the password asked', () => s.text('[data-testid=confirm-dialog]')), /Skriv din adgangskode til postgres:\/\/postgres@localhost/);
  assert.equal(await s.exec(`return document.querySelector('[data-testid=confirm-input]').type`), 'password');
  await s.type('[data-testid=confirm-input]', password);
  await s.screenshot('server-adgangskode');
  await s.click('[data-testid=confirm-ok]');
  await s.until('the member list', async () => (await rowCount()) > 0);
  await s.click('[data-testid=nav-association]');
  await s.until('on the server again', async () => /^postgres:\/\//.test(await s.text('[data-testid=db-location]')));
});

test('the file encrypted with a passphrase: asked for when it opens, a wrong one said, the right one opens it', async () => {
  const passphrase = 'grøn cykel på perronen';
  const recent = (end) => s.exec(`[...document.querySelectorAll('button.link')].find((b) => b.textContent.endsWith('${end}')).click()`);
  await s.click('[data-testid=nav-association]');
  await recent('forening.sqlite');
  await s.until('the member list', async () => (await rowCount()) > 0);
  await s.click('[data-testid=nav-association]');
  await s.click('[data-testid=encrypt-start]');
  assert.match(await s.until('asked', () => s.text('[data-testid=confirm-dialog]')), /mindst 10 tegn/);
  assert.equal(await s.exec(`return document.querySelector('[data-testid=confirm-input]').type`), 'password');
  await s.type('[data-testid=confirm-input]', passphrase);
  await s.click('[data-testid=confirm-ok]');
  await s.until('asked again', async () => /Skriv adgangskoden igen/.test(await s.text('[data-testid=confirm-dialog]')));
  await s.type('[data-testid=confirm-input]', passphrase);
  await s.screenshot('krypter-gentag');
  await s.click('[data-testid=confirm-ok]');
  assert.match(await s.until('encrypted', () => s.text('[data-testid=encryption-notice]')), /Filen og dens sikkerhedskopier er krypteret/);
  assert.ok(!readFileSync(join(work, 'forening.sqlite')).subarray(0, 16).toString('latin1').startsWith('SQLite format 3'), 'the file is encrypted');
  await s.screenshot('krypteret');
  // Opened again: the passphrase is asked; a wrong one is said, the right one opens it.
  await recent('forening.sqlite');
  assert.match(await s.until('the passphrase asked', () => s.text('[data-testid=confirm-dialog]')), /er krypteret\. Skriv filens adgangskode/);
  await s.type('[data-testid=confirm-input]', 'forkert adgangskode');
  await s.click('[data-testid=confirm-ok]');
  assert.match(await s.until('wrong', async () => { const t = await s.text('[data-testid=confirm-dialog]'); return /passer ikke/.test(t) && t; }), /Adgangskoden passer ikke til foreningsfilen/);
  await s.screenshot('krypteret-forkert-adgangskode');
  await s.type('[data-testid=confirm-input]', passphrase);
  await s.click('[data-testid=confirm-ok]');
  await s.until('the member list', async () => (await rowCount()) > 0);
  await s.click('[data-testid=nav-association]');
  assert.match(await s.until('encrypted', () => s.text('[data-testid=encryption-on]')), /er krypteret med en adgangskode/);
  const settings = readFileSync(join(work, 'config', 'settings.json'), 'utf8');
  assert.ok(!settings.includes('cykel'), 'the passphrase is not in the settings');
});

test('a handover: made as one encrypted file, opened by the next with the passphrase', async () => {
  const passphrase = 'grøn cykel på perronen';
  await s.click('[data-testid=nav-association]');
  await s.click('[data-testid=handover-make]');
  const saved = await s.until('saved', () => s.text('[data-testid=handover-saved]'));
  assert.match(saved, /Overdragelse Foreningen Perronen 2026-11-22\.zip/);
  const zip = join(saveDir, 'Overdragelse Foreningen Perronen 2026-11-22.zip');
  assert.ok(existsSync(zip));
  await s.screenshot('overdragelse-lavet');
  writeFileSync(join(pickDir, 'next'), zip);
  await s.click('[data-testid=handover-open]');
  assert.match(await s.until('the passphrase asked', () => s.text('[data-testid=confirm-dialog]')), /Overdragelsen .* er krypteret\. Skriv foreningens adgangskode/);
  await s.type('[data-testid=confirm-input]', passphrase);
  await s.screenshot('overdragelse-adgangskode');
  await s.click('[data-testid=confirm-ok]');
  await s.until('the member list', async () => (await rowCount()) > 0);
  await s.click('[data-testid=nav-association]');
  assert.match(await s.until('the unpacked file', () => s.text('[data-testid=db-location]')), /Overdragelse Foreningen Perronen 2026-11-22\/Foreningen Perronen\.sqlite$/);
  const unpacked = readdirSync(join(saveDir, 'Overdragelse Foreningen Perronen 2026-11-22')).sort();
  assert.ok(unpacked.includes('Vedtægter.pdf') && unpacked.includes('LÆS MIG.txt'), unpacked.join(', '));
});
