// Test harness for the browser test: starts a real `shrimp serve` on a free
// port with its own temporary data directory, launches Debian's chromium
// through playwright-core, records every console error and failed request,
// and takes screenshots at desktop and phone width.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const kChromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const kServerStartMs = 15_000;
const kStepTimeoutMs = 15_000;
export const kDesktop = { width: 1280, height: 800 };
export const kPhone = { width: 390, height: 844 };

export function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) args[argv[i].slice(2)] = argv[i + 1]?.startsWith('--') ? true : argv[++i];
  }
  return args;
}

export class Server {
  constructor(binary, webDir) {
    this.binary = binary;
    this.webDir = webDir;
    this.dataDir = mkdtempSync(join(tmpdir(), 'shrimp-e2e-'));
    this.log = [];
  }

  // Creates an operator account in the store before the server opens it.
  addOperator(email, password) {
    const result = spawnSync(this.binary, ['operator', 'add', '--data', this.dataDir, '--email', email, '--password', password, '--name', 'Olga Operator'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`operator add failed: ${result.stdout}${result.stderr}`);
  }

  async start() {
    this.process = spawn(this.binary, ['serve', '--data', this.dataDir, '--port', '0', '--web', this.webDir, '--threads', '2', '--sandbox'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stderr.on('data', (chunk) => this.log.push(chunk.toString()));
    this.url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server did not start:\n' + this.log.join(''))), kServerStartMs);
      let buffered = '';
      this.process.stdout.on('data', (chunk) => {
        buffered += chunk.toString();
        const match = /serving on (http:\/\/[^\s]+?)\/?\s/.exec(buffered);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      this.process.on('exit', (code) => reject(new Error(`server exited with ${code}:\n` + this.log.join(''))));
    });
    return this.url;
  }

  async stop() {
    if (this.process && this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      const timer = setTimeout(() => this.process.kill('SIGKILL'), 8_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  // A JSON API call outside the browser (for the second merchant's setup).
  // Every POST carries a fresh Idempotency-Key, as the server requires on
  // those that create orders or move money.
  async api(method, path, body, token) {
    const response = await fetch(this.url + path, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
    return json;
  }
}

export class Browser {
  constructor(screenshotDir) {
    this.screenshotDir = screenshotDir;
    this.errors = [];
    this.expected = 0;  // console errors a step announced (a deliberate 4xx)
    mkdirSync(screenshotDir, { recursive: true });
  }

  async launch() {
    this.browser = await chromium.launch({
      executablePath: kChromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }

  // A new browser profile (its own localStorage: its own logged-in user).
  async newPage(name) {
    const context = await this.browser.newContext({ viewport: kDesktop, locale: 'en-US', timezoneId: 'UTC' });
    context.setDefaultTimeout(kStepTimeoutMs);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      // A deliberate bad request logs "Failed to load resource: ... 4xx" once.
      if (this.expected > 0 && /Failed to load resource: the server responded with a status of 4\d\d/.test(text)) {
        this.expected -= 1;
        return;
      }
      this.errors.push(`[${name}] console error: ${text} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.errors.push(`[${name}] page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? '';
      if (!failure.includes('ERR_ABORTED')) this.errors.push(`[${name}] request failed: ${request.url()} ${failure}`);
    });
    return page;
  }

  // Runs `step`, which must cause exactly `count` failed (4xx) API calls.
  async expectingHttpErrors(count, step) {
    this.expected += count;
    await step();
    await waitUntil(() => this.expected === 0, `${count} expected HTTP error(s) to be logged`);
  }

  // Full-page screenshots at desktop and phone width, checking on the way
  // that the phone layout does not scroll sideways.
  async shot(page, name) {
    await page.waitForLoadState('networkidle');
    for (const problem of await accessibilityProblems(page)) this.errors.push(`[${name}] ${problem}`);
    await page.screenshot({ path: join(this.screenshotDir, `${name}-desktop.png`), fullPage: true });
    await page.setViewportSize(kPhone);
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) this.errors.push(`[${name}] the page is ${overflow}px wider than a ${kPhone.width}px phone`);
    await page.screenshot({ path: join(this.screenshotDir, `${name}-phone.png`), fullPage: true });
    await page.setViewportSize(kDesktop);
  }

  async close() {
    await this.browser?.close();
  }
}

// Cheap structural checks on the rendered page: one h1, every form control
// and button has an accessible name, every image says what it is (or alt="").
async function accessibilityProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const headings = document.querySelectorAll('h1').length;
    if (headings !== 1) problems.push(`has ${headings} h1 elements`);
    for (const control of document.querySelectorAll('input, select, textarea, button')) {
      if (control.type === 'hidden') continue;
      const named = control.labels?.length || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby') ||
        (control.tagName === 'BUTTON' && control.textContent.trim());
      if (!named) problems.push('unnamed control: ' + control.outerHTML.slice(0, 100));
    }
    for (const image of document.querySelectorAll('img')) {
      if (!image.hasAttribute('alt')) problems.push('image without alt: ' + image.outerHTML.slice(0, 100));
    }
    return problems;
  });
}

export async function waitUntil(predicate, what, timeoutMs = kStepTimeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('timed out waiting for ' + what);
}

export function assert(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + message);
}

export function requireFile(path, hint) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
}

// A valid 8x8 PNG in the shrimp colour, small enough to inline, for the image upload.
export const kTinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGN4Eq6HFTEMLQkAcVVaQaGn5GIAAAAASUVORK5CYII=',
  'base64',
);
