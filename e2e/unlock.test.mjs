// End-to-end: Kvorum started on an encrypted association file asks for its passphrase on
// the first screen; a wrong one is said there, the right one opens the association.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session, startDriver } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '..');
const app = process.env.KVORUM_APP ?? join(root, 'target/debug/kvorum-app');
const cli = join(root, 'target/debug/kvorum');
const artifacts = join(root, 'artifacts/e2e');
const work = mkdtempSync(join(tmpdir(), 'kvorum-e2e-unlock-'));
const file = join(work, 'krypteret.sqlite');
const passphrase = 'grøn cykel på perronen';

let driver;
let s;

before(async () => {
  assert.ok(existsSync(app) && existsSync(cli), 'build the app and the CLI first');
  const env = { ...process.env, KVORUM_CONFIG_DIR: join(work, 'config'), KVORUM_TODAY: '2026-11-22' };
  execFileSync(cli, ['--db', file, 'init', '--name', 'Foreningen Perronen'], { env });
  execFileSync(cli, ['--db', file, 'members', 'add', '--name', 'Søren Ærø'], { env });
  execFileSync(cli, ['--db', file, 'encrypt'], { env: { ...env, KVORUM_NEW_PASSPHRASE: passphrase } });
  driver = await startDriver(4444 + (process.pid % 500), {
    KVORUM_DB: file,
    KVORUM_CONFIG_DIR: join(work, 'config'),
    KVORUM_TODAY: '2026-11-22',
  });
  s = await Session.open(4444 + (process.pid % 500), app, artifacts);
});

after(async () => {
  await s?.close();
  driver?.stop();
});

test('started on an encrypted file: the passphrase asked on the first screen, a wrong one said, the right one opens it', async () => {
  assert.match(await s.until('the unlock screen', () => s.text('[data-testid=unlock]')), /Foreningens fil er krypteret[\s\S]*er krypteret\. Skriv filens adgangskode/);
  await s.screenshot('start-krypteret');
  await s.type('[data-testid=unlock-passphrase]', 'forkert adgangskode');
  await s.click('[data-testid=unlock-open]');
  assert.match(await s.until('wrong', async () => { const t = await s.text('[data-testid=unlock]'); return /passer ikke/.test(t) && t; }), /Adgangskoden passer ikke til foreningsfilen/);
  await s.cmd('POST', '/window/rect', { width: 900, height: 600 });
  await s.screenshot('start-krypteret-forkert-900x600');
  await s.cmd('POST', '/window/rect', { width: 1280, height: 800 });
  await s.type('[data-testid=unlock-passphrase]', passphrase);
  await s.click('[data-testid=unlock-open]');
  assert.equal(await s.until('the association', () => s.text('[data-testid=association-name]')), 'Foreningen Perronen');
  await s.until('the member', async () => (await s.findAll('[data-testid=member-row]')).length === 1);
});
