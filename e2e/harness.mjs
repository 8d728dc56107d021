// The machinery of the browser journeys: the server (one per backend, on a
// fresh data folder and, for PostgreSQL, a fresh database), Chromium, axe-core
// and the screenshots. The journeys themselves are in journeys.test.mjs.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const ROOT = resolve(here, '..');
export const CHROMIUM = process.env.ADALDYQ_E2E_CHROMIUM || '/usr/bin/chromium';
// The binary cargo built: in CARGO_TARGET_DIR when that is set, as cargo does.
export const BINARY =
  process.env.ADALDYQ_E2E_BINARY || join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'debug', 'adaldyq');
export const SCREENSHOTS = join(here, 'screenshots');

/** The WCAG 2.x A and AA rules of axe-core. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Chromium's flags: without the background-networking ones its connections are refused here. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Rejects after `ms` with `what` in the message; never keeps the process alive. */
export function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- processes

/** Every child still running; killed hard if the test process goes away. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(130);
  });
}

// ---------------------------------------------------------------- PostgreSQL

function psql(url, sql) {
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30_000,
  });
}

/** A new, empty database on the server of `baseUrl`; returns its URL and a dropper. */
export function freshPostgres(baseUrl) {
  const name = `adaldyq_e2e_${process.pid}_${Date.now()}`;
  const url = new URL(baseUrl);
  // Connect for CREATE/DROP to the database the URL names (it exists: the
  // test command's contract), falling back to the server's `postgres`.
  let admin = url.toString();
  try {
    psql(admin, `CREATE DATABASE ${name}`);
  } catch (first) {
    const fallback = new URL(baseUrl);
    fallback.pathname = '/postgres';
    admin = fallback.toString();
    try {
      psql(admin, `CREATE DATABASE ${name}`);
    } catch {
      throw new Error(`cannot create a database on ${url.host}: ${first.stderr || first.message}`);
    }
  }
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop() {
      psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

// ---------------------------------------------------------------- the server

/**
 * Starts `adaldyq` on a free port with a fresh data folder. Resolves once it
 * printed its address and the demo accounts.
 */
export async function startServer({ databaseUrl } = {}) {
  if (!existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: run \`cargo build --bin adaldyq\` first`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'adaldyq-e2e-'));
  // Every journey comes from 127.0.0.1, so one person's allowance of
  // filings, sign-ins and receipt checks would run out in a minute of
  // journeys; the limits themselves are tested in crates/web/tests.
  const allowance = ['--filings-per-minute', '1000', '--sign-ins-per-minute', '1000', '--trackings-per-minute', '1000'];
  const args = ['--listen', '127.0.0.1:0', '--data-dir', dataDir, ...allowance];
  if (databaseUrl) args.push('--database-url', databaseUrl);
  // Only our flags configure it: no ADALDYQ_* setting leaks in from outside.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ADALDYQ_')));
  env.ADALDYQ_LOG = process.env.ADALDYQ_E2E_SERVER_LOG || 'warn';
  const child = spawn(BINARY, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);

  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-20_000);
  });
  const exited = new Promise((resolveExit) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolveExit({ code, signal });
    });
  });

  const server = {
    child,
    dataDir,
    exited,
    get log() {
      return stderr;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
        hard.unref();
        await exited;
        clearTimeout(hard);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };

  try {
    const ready = new Promise((resolveReady, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        const base = /Adaldyq is running at (http:\/\/\S+?)\/?\s*$/m.exec(stdout);
        const accounts = parseAccounts(stdout);
        if (base && accounts.officer) resolveReady({ base: base[1], accounts });
      });
      exited.then(({ code, signal }) =>
        reject(new Error(`adaldyq exited (${signal || code}) before it was ready:\n${stdout}\n${stderr}`)),
      );
    });
    const { base, accounts } = await within(90_000, 'starting adaldyq', ready);
    // The same accounts are kept in the data folder: prefer them if present.
    const file = join(dataDir, 'demo-accounts.txt');
    const fromFile = existsSync(file) ? parseAccounts(readFileSync(file, 'utf8')) : {};
    return Object.assign(server, { base, accounts: { ...accounts, ...fromFile } });
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** `role  e-mail  password` lines → { role: { email, password } }. */
function parseAccounts(text) {
  const accounts = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([a-z_]+)\s+(\S+@\S+)\s+(\S+)\s*$/.exec(line);
    if (m) accounts[m[1]] = { email: m[2], password: m[3] };
  }
  return accounts;
}

// ---------------------------------------------------------------- the browser

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

/** A clean context (no cookies) with short timeouts. */
export async function newPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  return page;
}

/**
 * Runs `action` (a click, a key press, …) and waits for the page it
 * leads to; returns the main document's response (after redirects).
 */
export async function navigation(page, action) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  return response;
}

// ---------------------------------------------------------------- recording

/**
 * One journey's recorder: numbered screenshots under screenshots/<backend>/
 * and axe after every page load and interaction.
 */
export class Recorder {
  constructor(backend, knownIssues, t) {
    this.backend = backend;
    this.known = knownIssues;
    this.t = t;
    this.dir = join(SCREENSHOTS, backend);
    mkdirSync(this.dir, { recursive: true });
  }

  /** Screenshot, then axe (the screenshot is there even if axe fails). */
  async check(page, step) {
    const n = String(Recorder.next(this.backend)).padStart(2, '0');
    const file = join(this.dir, `${n}-${step}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await this.axe(page, step);
  }

  async axe(page, step) {
    const hasAxe = await page.evaluate(() => typeof window.axe === 'object');
    // Evaluated through the DevTools protocol: the page's CSP (script-src
    // 'self') stays on, as users get it.
    if (!hasAxe) await page.evaluate(`${AXE_SOURCE}\n;undefined`);
    const results = await within(
      30_000,
      `axe on ${step}`,
      page.evaluate(
        (tags) =>
          window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] }),
        AXE_TAGS,
      ),
    );
    const path = new URL(page.url()).pathname;
    const fresh = [];
    // Contrast axe could not decide ("needs review": white on white through
    // a transparent button, text over an image) fails as a violation: every
    // text must be shown to pass, not merely not be shown to fail.
    // A cell of a wide table scrolled out of its region is "partly hidden"
    // to axe: each such text is brought into view and checked again, alone.
    const undecided = [];
    for (const v of results.incomplete.filter((r) => r.id === 'color-contrast')) {
      const nodes = [];
      for (const node of v.nodes) {
        const again = await page.evaluate(async (selector) => {
          const el = document.querySelector(selector);
          if (!el) return 'gone';
          // Text for screen readers only (a 1 px clip) has no contrast to judge.
          const box = el.getBoundingClientRect();
          if (box.width <= 1 || box.height <= 1) return 'passes';
          // Each scrolling box back at its start, then the text brought into view.
          for (let box = el.parentElement; box; box = box.parentElement) box.scrollLeft = 0;
          el.scrollIntoView({ block: 'center', inline: 'nearest' });
          const r = await window.axe.run(el, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations', 'incomplete'] });
          return r.violations.length ? 'fails' : r.incomplete.length ? 'undecided' : 'passes';
        }, node.target[0]);
        if (again !== 'passes') nodes.push(node);
      }
      if (nodes.length) undecided.push({ ...v, nodes, id: 'color-contrast-undecided', help: `${v.help} (axe could not decide)` });
    }
    for (const v of [...results.violations, ...undecided]) {
      const nodes = [];
      for (const node of v.nodes) {
        const target = node.target.join(' ');
        const known = this.known.axe(path, step, v.id, target);
        if (known) {
          this.t.diagnostic(`KNOWN ISSUE ${known.id}: axe ${v.id} on ${path} (${step}) at ${target}: ${known.why}`);
        } else {
          nodes.push(node);
        }
      }
      if (nodes.length) fresh.push({ ...v, nodes });
    }
    if (fresh.length) {
      const lines = fresh.flatMap((v) => [
        `${v.id} (impact: ${v.impact}) — ${v.help}`,
        `  help: ${v.helpUrl}`,
        ...v.nodes.flatMap((node) => [
          `  target: ${node.target.join(' ')}`,
          `    html: ${node.html.slice(0, 300)}`,
          ...(node.failureSummary || '').split('\n').map((s) => `    ${s}`),
        ]),
      ]);
      throw new Error(`axe: ${fresh.length} WCAG violation(s) on ${path} (${step}):\n${lines.join('\n')}`);
    }
  }

  static counters = new Map();
  static next(backend) {
    const n = (Recorder.counters.get(backend) || 0) + 1;
    Recorder.counters.set(backend, n);
    return n;
  }
}

/** Empties screenshots/<backend>/ before a run. */
export function resetScreenshots(backend) {
  const dir = join(SCREENSHOTS, backend);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  Recorder.counters.set(backend, 0);
}

/**
 * What a phone's camera would read from the QR code in `locator`: the element
 * is photographed as the browser draws it and the picture decoded with jsQR.
 * Null when no code can be read.
 */
export async function decodeQr(locator) {
  const png = PNG.sync.read(await locator.screenshot({ scale: 'device' }));
  // A quiet zone as a camera would see it: the picture on a white margin.
  const margin = 16;
  const width = png.width + 2 * margin;
  const height = png.height + 2 * margin;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < png.height; y++) {
    const row = png.data.subarray(y * png.width * 4, (y + 1) * png.width * 4);
    data.set(row, ((y + margin) * width + margin) * 4);
  }
  return jsQR(data, width, height)?.data ?? null;
}
