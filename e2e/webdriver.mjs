// A small W3C WebDriver client over fetch, for tauri-driver + WebKitWebDriver.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecc';

/** Kills tauri-driver and everything it started; never leaves the test run waiting. */
function stopGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  child.stderr?.destroy();
  child.unref();
}

export async function startDriver(port, env) {
  // The app turns WebKit's compositing layers off (src-tauri/src/main.rs), and in that mode
  // WebKitWebDriver's screenshot never answers under Xvfb: the tests run the app with the
  // layers on, as a user who sets WEBKIT_DISABLE_COMPOSITING_MODE=0 would. (The app itself
  // paints in both modes: scripts/bench-start.py and bench-checkin.mjs run it as shipped.)
  const driver = spawn(process.env.TAURI_DRIVER ?? 'tauri-driver', ['--port', String(port)], {
    env: { WEBKIT_DISABLE_COMPOSITING_MODE: '0', ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so stopping it also stops WebKitWebDriver and the app it started.
    detached: true,
  });
  let log = '';
  driver.stderr.on('data', (d) => (log += d));
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/status`);
      if (r.ok) return { driver, log: () => log, stop: () => stopGroup(driver) };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  stopGroup(driver);
  throw new Error(`tauri-driver did not start on port ${port}: ${log}`);
}

export class Session {
  constructor(base, id, artifacts) {
    this.base = base;
    this.id = id;
    this.artifacts = artifacts;
    this.shots = 0;
  }

  static async open(port, application, artifacts) {
    const base = `http://127.0.0.1:${port}`;
    const r = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application } } },
      }),
    });
    const body = await r.json();
    if (!r.ok) throw new Error(`session: ${JSON.stringify(body)}`);
    mkdirSync(artifacts, { recursive: true });
    return new Session(base, body.value.sessionId, artifacts);
  }

  async cmd(method, path, body) {
    const r = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  }

  async find(css, timeout = 5000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
        const id = v[ELEMENT] ?? v.ELEMENT ?? Object.values(v)[0];
        if (!id) throw new Error('no element id in ' + JSON.stringify(v));
        return id;
      } catch (e) {
        last = e;
        await sleep(80);
      }
    }
    throw new Error(`element ${css} not found: ${last}`);
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT] ?? e.ELEMENT ?? Object.values(e)[0]);
  }

  async click(css) {
    await this.cmd('POST', `/element/${await this.find(css)}/click`, {});
  }

  async type(css, text) {
    const el = await this.find(css);
    await this.cmd('POST', `/element/${el}/clear`, {});
    if (text) await this.cmd('POST', `/element/${el}/value`, { text });
    else await this.exec(`document.querySelector(arguments[0]).dispatchEvent(new Event('input', { bubbles: true }))`, [css]);
  }

  /** The element's rendered text (innerText: WebKit reports '' for absolutely placed rows). */
  async text(css) {
    await this.find(css);
    return this.exec('return document.querySelector(arguments[0]).innerText', [css]);
  }

  async exec(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** A script that answers by calling its last argument (for promises). */
  async execAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  /** Waits until `fn` returns a truthy value (the DOM changes after an await). */
  async until(what, fn, timeout = 8000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        last = await fn();
        if (last) return last;
      } catch (e) {
        last = e;
      }
      await sleep(100);
    }
    const shot = await this.screenshot(`timeout-${what.replace(/\W+/g, '-')}`).catch(() => 'none');
    throw new Error(`timed out waiting for ${what} (last: ${last}; screenshot: ${shot})`);
  }

  async screenshot(name) {
    const png = await this.cmd('GET', '/screenshot');
    this.shots += 1;
    const file = `${this.artifacts}/${String(this.shots).padStart(2, '0')}-${name}.png`;
    writeFileSync(file, Buffer.from(png, 'base64'));
    return file;
  }

  /** The windows of the app (the main window and, once opened, the projector). */
  async windows() {
    return this.cmd('GET', '/window/handles');
  }

  async window() {
    return this.cmd('GET', '/window');
  }

  async switchTo(handle) {
    await this.cmd('POST', '/window', { handle });
  }

  /** Sizes the current window (outer size, as the window manager sets it). */
  async resize(width, height) {
    await this.cmd('POST', '/window/rect', { width, height });
  }

  async close() {
    // A driver that does not answer within 5 s is stopped anyway by the caller.
    await fetch(`${this.base}/session/${this.id}`, { method: 'DELETE', signal: AbortSignal.timeout(5000) }).catch(() => {});
  }
}
