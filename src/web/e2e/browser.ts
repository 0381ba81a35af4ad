// Shared harness of the browser tests: builds the web console when stale, serves the real app on a random port over a fresh
// SQLite directory, and drives Debian's Chromium with playwright-core. Every page collects console errors and fails on them.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openDb } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrations/index.ts';
import type { Clock } from '../../server/lib/clock.ts';
import { makeKeyring } from '../../server/lib/crypto.ts';
import type { AppDeps } from '../../server/lib/deps.ts';
import { createUserWithGrants, ensureBuiltinRoles } from '../../server/modules/accounts/index.ts';

/** The password every browser-test user gets (meets the policy). */
export const E2E_PASSWORD = 'E2e-pass-2026!';
/** Where Debian installs Chromium; the tests fail (never skip) without it. */
export const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '../../..');
const WEB_DIST = path.join(ROOT, 'web-dist');
/** Screenshots of every browser test land here (gitignored). */
export const SCREENS = path.join(ROOT, 'test-results', 'screens');

/** Real time plus an offset the tests can move forward (to let a session go idle). */
export class ShiftClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** Builds web-dist/ with scripts/build-web.mjs when it is missing or stale (a lock keeps parallel test files from clashing). */
export function ensureWebBuilt(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the web build failed:\n${r.stdout}\n${r.stderr}`);
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('the web build left no web-dist/index.html');
}

/** A browser page with its collected problems. */
export interface E2EPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and failed non-API loads seen so far. */
  errors: string[];
}

/** Options of a browser page. */
export interface PageOptions {
  width?: number;
  height?: number;
}

/** The running app and browser of one test file. */
export interface ConsoleEnv {
  baseUrl: string;
  browser: Browser;
  deps: AppDeps;
  clock: ShiftClock;
  /** Creates a user with E2E_PASSWORD and the grants; returns the id. */
  user(username: string, displayName: string, grants: { roleKey: string; scopePath: string }[]): Promise<string>;
  /** Opens a page, runs the steps, saves test-results/screens/<name>.png (also on failure), and fails on console errors. */
  withPage(name: string, steps: (p: E2EPage) => Promise<void>, opts?: PageOptions): Promise<void>;
  close(): Promise<void>;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function openPage(browser: Browser, opts: PageOptions): Promise<E2EPage> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  // Fail a stuck step with Playwright's message (which names the locator) well before the test's own timeout.
  page.setDefaultTimeout(25_000);
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url ?? '';
    // The browser logs every 4xx answer of fetch; API refusals (401 on a wrong password, 404 for a module not
    // served yet) are expected answers the app handles and the tests check on screen.
    if (/^Failed to load resource/.test(msg.text()) && new URL(where || 'http://x/').pathname.startsWith('/api/')) return;
    errors.push(`console.error: ${msg.text()} ${where}`.trim());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/api/')) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    // A reload or navigation aborts requests still in flight; that is the browser's doing, not the app's.
    if (/ERR_ABORTED/.test(why)) return;
    if (!new URL(r.url()).pathname.startsWith('/api/')) errors.push(`request failed: ${r.url()} ${why}`);
  });
  return { page, context, errors };
}

/** Lets running CSS animations (drawers, modals) finish so the screenshot shows the settled page. */
async function settle(page: Page): Promise<void> {
  await page
    .evaluate(() => Promise.race([Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 2000))]))
    .catch(() => undefined);
}

/** Saves test-results/screens/<name>.png once animations have settled (withPage does this at the end of every test). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/** Starts the app on a random port over a fresh SQLite directory, and Chromium. */
export async function startConsole(): Promise<ConsoleEnv> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium fonts-noto-cjk". The browser tests fail rather than skip.`);
  }
  ensureWebBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-e2e-'));
  const db = openDb({ databaseUrl: null, sqliteFile: path.join(dir, 'gongzhi.db') });
  let app: FastifyInstance | null = null;
  let browser: Browser | null = null;
  try {
    await migrateToLatest(db);
    const clock = new ShiftClock();
    const keys = makeKeyring(crypto.randomBytes(32));
    const deps: AppDeps = { db, config: { ...loadConfig({}), dataDir: dir }, clock, keys };
    await ensureBuiltinRoles(db, clock);
    app = await buildApp(deps, { webRoot: WEB_DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    fs.mkdirSync(SCREENS, { recursive: true });
    const b = browser;
    const a = app;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      browser: b,
      deps,
      clock,
      user: (username, displayName, grants) => createUserWithGrants(db, { keys, clock }, { username, displayName, password: E2E_PASSWORD, grants }),
      async withPage(name, steps, opts = {}) {
        const p = await openPage(b, opts);
        let failure: unknown = null;
        try {
          await steps(p);
        } catch (e) {
          failure = e;
        }
        await screenshot(p.page, name).catch(() => undefined);
        await p.context.close();
        if (failure) {
          if (failure instanceof Error && p.errors.length) failure.message += `\nbrowser problems:\n  ${p.errors.join('\n  ')}`;
          throw failure;
        }
        if (p.errors.length) throw new Error(`the page reported problems:\n  ${p.errors.join('\n  ')}`);
      },
      async close() {
        await b.close();
        await a.close();
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** A signed-in client of the real HTTP API, for seeding data the way a user would (cookie + CSRF). */
export interface ApiClient {
  get<T = unknown>(url: string): Promise<T>;
  post<T = unknown>(url: string, body: unknown): Promise<T>;
  patch<T = unknown>(url: string, body: unknown): Promise<T>;
}

/** Signs a user in over HTTP and returns an API client; answers other than 2xx throw with the error body. */
export async function apiAs(baseUrl: string, username: string, password = E2E_PASSWORD): Promise<ApiClient> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${url} → ${r.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return { get: (u) => call('GET', u), post: (u, b) => call('POST', u, b), patch: (u, b) => call('PATCH', u, b) };
}

/** Signs in through the login form. */
export async function signIn(page: Page, baseUrl: string, username: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Width of '物资管理' at 16px sans-serif on a canvas: about 64 with a CJK font, about 23 when the glyphs are boxes. */
export async function cjkTextWidth(page: Page): Promise<number> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = '16px sans-serif';
    return ctx.measureText('物资管理').width;
  });
}

/** Bytes of JavaScript (as sent over the wire, i.e. compressed) that the page fetches while `action` runs. */
export async function jsBytesDuring(page: Page, action: () => Promise<void>): Promise<{ bytes: number; files: number }> {
  const pending: Promise<number>[] = [];
  const onDone = (req: import('playwright-core').Request) => {
    if (req.resourceType() === 'script' || /\.js(\?|$)/.test(req.url())) pending.push(req.sizes().then((z) => z.responseBodySize));
  };
  page.on('requestfinished', onDone);
  try {
    await action();
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('requestfinished', onDone);
  }
  const sizes = await Promise.all(pending);
  return { bytes: sizes.reduce((a, b) => a + b, 0), files: sizes.length };
}

/** True when the page is wider than the window (horizontal scrolling). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1 || document.body.scrollWidth > window.innerWidth + 1);
}
