// End-to-end with two displays: the laptop's screen and the hall's projector beside it. An
// X server of its own (Xorg with the dummy video driver, two outputs set side by side with
// xrandr), so the app sees two monitors as it does on a real laptop with a projector
// plugged in, and a small window manager (openbox), which is what makes "full screen" real.
// The projector window must open full screen on the projector, never over the meeting screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Session, startDriver } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '..');
const app = process.env.KVORUM_APP ?? join(root, 'target/debug/kvorum-app');
const artifacts = join(root, 'artifacts/e2e');
const work = mkdtempSync(join(tmpdir(), 'kvorum-e2e2-'));
const display = `:${200 + (process.pid % 300)}`;
const env = { ...process.env, DISPLAY: display, KVORUM_DB: join(work, 'forening.sqlite'), KVORUM_CONFIG_DIR: join(work, 'config'), KVORUM_TODAY: '2026-11-22' };
const kv = (...args) => execFileSync(join(root, 'target/debug/kvorum'), args, { env }).toString();
const x = (cmd, ...args) => execFileSync(cmd, args, { env }).toString();

// The laptop (1280×800) on the left, the projector (1920×1080) to its right.
const LAPTOP = { w: 1280, h: 800, mode: ['83.50', '1280', '1352', '1480', '1680', '800', '803', '809', '831'] };
const WALL = { w: 1920, h: 1080, mode: ['173.00', '1920', '2048', '2248', '2576', '1080', '1083', '1088', '1120'] };

let server;
let wm;
let driver;
let s;

before(async () => {
  assert.ok(existsSync(app), `the app binary is missing: ${app} (build it first)`);
  const conf = join(work, 'xorg.conf');
  writeFileSync(conf, `Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 65536
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual ${LAPTOP.w + WALL.w} ${WALL.h}
  EndSubSection
EndSection
`);
  server = spawn('Xorg', [display, '-noreset', '-nolisten', 'tcp', '-config', conf, '-logfile', join(work, 'xorg.log')], { stdio: 'ignore', detached: true });
  for (let i = 0; ; i++) {
    try {
      x('xrandr', '-q');
      break;
    } catch (e) {
      if (i > 100) throw new Error(`Xorg with the dummy driver did not start on ${display}: ${e}`);
      await sleep(100);
    }
  }
  for (const [out, m, pos] of [['DUMMY0', LAPTOP, '0x0'], ['DUMMY1', WALL, `${LAPTOP.w}x0`]]) {
    const name = `${m.w}x${m.h}_kvorum`;
    x('xrandr', '--newmode', name, ...m.mode, '-hsync', '+vsync');
    x('xrandr', '--addmode', out, name);
    x('xrandr', '--output', out, '--mode', name, '--pos', pos);
  }
  assert.match(x('xrandr', '--listmonitors'), /Monitors: 2/);
  wm = spawn('openbox', [], { env, stdio: 'ignore', detached: true });
  await sleep(500);

  kv('init', '--name', 'Foreningen Perronen', '--municipality', 'Guldborgsund Kommune');
  kv('meetings', 'create', '--date', '20.11.2026', '--time', '19.00', '--place', 'Perronen');
  driver = await startDriver(5444 + (process.pid % 500), env);
  s = await Session.open(5444 + (process.pid % 500), app, artifacts);
  // Numbered after the screenshots of app.test.mjs in the same folder.
  s.shots = 80;
});

after(async () => {
  await s?.close();
  driver?.stop();
  for (const p of [wm, server]) {
    try {
      process.kill(-p.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

test('on a laptop with a projector beside it, the projector window opens full screen on the projector', async () => {
  const main = await s.window();
  const here = await s.cmd('GET', '/window/rect');
  assert.ok(here.x < LAPTOP.w, `the main window is on the laptop's screen: ${JSON.stringify(here)}`);
  await s.click('[data-testid=nav-meetings]');
  await s.until('the list', async () => /20\.11\.2026/.test(await s.exec('return document.body.innerText')));
  await s.exec(`[...document.querySelectorAll('[data-testid=meeting-item]')].find((b) => b.innerText.includes('20.11.2026')).click()`);
  await s.until('the meeting', async () => /fredag den 20\. november 2026/.test(await s.text('.head')));
  await s.click('[data-testid=step-run]');
  await s.click('[data-testid=projector-open]');
  const wall = await s.until('the projector window', async () => (await s.windows()).find((h) => h !== main));
  await s.switchTo(wall);
  // Full screen on the second display: its whole area, nothing of the laptop's.
  const rect = await s.until('full screen on the projector', async () => {
    const r = await s.cmd('GET', '/window/rect');
    return r.x === LAPTOP.w && r.y === 0 && r.width === WALL.w && r.height === WALL.h ? r : null;
  });
  assert.deepEqual([rect.x, rect.y, rect.width, rect.height], [LAPTOP.w, 0, WALL.w, WALL.h]);
  await s.until('the title slide', async () => /Foreningen Perronen[\s\S]*20\. november 2026/.test(await s.text('[data-testid=projector]')));
  const size = await s.exec(`return [window.innerWidth, window.innerHeight]`);
  assert.deepEqual(size, [WALL.w, WALL.h]);
  // The window was made full screen after it was first drawn: let it draw at its new size.
  await s.execAsync(`const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));`);
  await sleep(300);
  await s.screenshot('projektor-anden-skaerm-1920x1080');
  await s.switchTo(main);
  // The meeting screen stays where it was, uncovered.
  const still = await s.cmd('GET', '/window/rect');
  assert.ok(still.x + still.width <= LAPTOP.w, `the main window is still on the laptop: ${JSON.stringify(still)}`);
  await s.click('[data-testid=projector-close]');
  await s.until('one window again', async () => (await s.windows()).length === 1);
});
