// Check-in at the door in the app (issue 17): an association of 10 000 members, the check-in
// desk of its assembly in the real window, members checked in one after another by typing
// their no. and Enter, as the desk does. Each check-in is timed in the page from the Enter
// to the next frame painted with the new count (the command, the meeting read again, the
// screen updated). Prints the median, p90 and max; nothing is asserted (a benchmark, not a
// test). Under Xvfb with tauri-driver, like the e2e tests:
//   xvfb-run -a -s "-screen 0 1280x800x24" node scripts/bench-checkin.mjs [--members 10000] [--runs 40]
// KVORUM_APP / KVORUM_CLI choose the binaries (default: the release build if there, else debug).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Session, startDriver } from '../e2e/webdriver.mjs';

const { values } = parseArgs({ options: { members: { type: 'string', default: '10000' }, runs: { type: 'string', default: '40' } } });
const members = Number(values.members);
const runs = Number(values.runs);
const root = resolve(import.meta.dirname, '..');
const built = (name) => [join(root, 'target/release', name), join(root, 'target/debug', name)].find(existsSync);
const app = process.env.KVORUM_APP ?? built('kvorum-app');
const cli = process.env.KVORUM_CLI ?? built('kvorum');
if (!app || !cli) {
  console.error('Byg først: cargo build --release -p kvorum-app -p kvorum-cli');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'kvorum-bench-checkin-'));
const env = { KVORUM_DB: join(work, 'forening.sqlite'), KVORUM_CONFIG_DIR: join(work, 'config'), KVORUM_TODAY: '2026-11-22' };
const kv = (...args) => execFileSync(cli, args, { env: { ...process.env, ...env } }).toString();

const first = ['Søren', 'Åse', 'Karin', 'Jens', 'Ølstykke', 'Bo', 'Mette', 'Anders', 'Lise', 'Ærling'];
const last = ['Hansen', 'Østergaard', 'Jensen', 'Ærø', 'Nielsen', 'Andersen', 'Åberg', 'Pedersen'];
let csv = 'Medlemsnr;Fornavn;Efternavn;Adresse;Postnr;By;E-mail;Telefon;Indmeldt;Medlemstype\n';
for (let i = 1; i <= members; i++) {
  csv += `${i};${first[i % first.length]};${last[i % last.length]};Jernbanegade ${i};${4800 + (i % 90)};Nykøbing F;medlem${i}@example.dk;${20000000 + i};01-01-2024;Ordinær\n`;
}
writeFileSync(join(work, 'medlemmer.csv'), csv);
kv('init', '--name', 'Foreningen Perronen');
kv('members', 'import', join(work, 'medlemmer.csv'));
kv('meetings', 'create', '--date', '20.12.2026', '--time', '19.00', '--place', 'Perronen');

const port = 4444 + (process.pid % 500);
// As shipped: WebKit's compositing layers off (the e2e tests turn them on for screenshots,
// which this does not take), and each command's time in the backend logged.
const driver = await startDriver(port, { ...env, WEBKIT_DISABLE_COMPOSITING_MODE: '1', KVORUM_LOG: 'warn,kvorum::ipc=debug' });
let s;
try {
  s = await Session.open(port, app, join(work, 'shots'));
  await s.click('[data-testid=nav-meetings]');
  await s.until('the meeting', async () => (await s.findAll('[data-testid=meeting-item]')).length > 0, 30000);
  await s.click('[data-testid=meeting-item]');
  await s.click('[data-testid=step-checkin]');
  await s.until('the desk', async () => (await s.findAll('[data-testid=checkin-row]')).length > 0, 30000);
  const times = [];
  for (let i = 1; i <= runs; i++) {
    // Spread over the register: the desk searches all 10 000 each time.
    const no = 1 + Math.floor(((i - 1) * members) / runs);
    const ms = await s.execAsync(
      `const [no, present, done] = arguments;
       const input = document.querySelector('[data-testid=checkin-search]');
       input.value = String(no);
       input.dispatchEvent(new Event('input', { bubbles: true }));
       requestAnimationFrame(() => {
         const t0 = performance.now();
         input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
         const wait = () => {
           const b = document.querySelector('[data-testid=counts] b');
           if (b && b.textContent === String(present)) requestAnimationFrame(() => done(performance.now() - t0));
           else if (performance.now() - t0 > 10000) done(-1);
           else setTimeout(wait, 0);
         };
         wait();
       });`,
      [no, i],
    );
    if (ms < 0) throw new Error(`check-in ${i} (member ${no}) did not show within 10 s`);
    times.push(ms);
    if (process.env.BENCH_PAUSE) await new Promise((r) => setTimeout(r, Number(process.env.BENCH_PAUSE)));
  }
  // The first few warm the page (its code compiled, the register read once).
  const median = (xs) => {
    const v = xs.slice(3).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  // The backend's own time for each check-in, from the app's log (kvorum::ipc).
  const cmd = [...driver.log().matchAll(/attendance_check_in: ([0-9.]+) ms/g)].map((m) => Number(m[1]));
  const sorted = times.slice(3).sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(`${app}\n${members} medlemmer, ${runs} indtjekninger (de 3 første ikke talt med)`);
  console.log(`indtjekning til skærmen: median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
  console.log(`heraf i backend (attendance_check_in): median ${cmd.length > 3 ? median(cmd).toFixed(1) : '?'} ms`);
} finally {
  await s?.close();
  driver.stop();
  rmSync(work, { recursive: true, force: true });
}
