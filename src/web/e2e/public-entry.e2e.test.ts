import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openDb } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrations/index.ts';
import { FakeClock } from '../../server/lib/clock.ts';
import type { Ctx } from '../../server/lib/context.ts';
import { makeKeyring } from '../../server/lib/crypto.ts';
import { SYSTEM_ACTOR } from '../../server/modules/accounts/actor.ts';
import { ensurePresets, startInstance } from '../../server/modules/methods/index.ts';
import { seedCompound, seedRegions } from '../../server/modules/registry/index.ts';
import { jsBytesDuring, scrollsSideways, startConsole, type ConsoleEnv } from './browser.ts';

// The residents' pages under /p/ have their own entry (public.html): a first visit on a phone loads React and the public
// code only, never the console's chunks, and everything works without a session.

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const PHONE = { width: 390, height: 844 };
const WEB_DIST = path.resolve(import.meta.dirname, '../../../web-dist');
/** JavaScript a first visit may transfer; the console's entry alone is over 200 kB compressed. */
const JS_LIMIT = 100 * 1024;

describe('serving the public entry', () => {
  let app: FastifyInstance;
  let root: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-webroot-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
    fs.writeFileSync(path.join(root, 'public.html'), '<!doctype html><title>public</title><div id="root"></div>');
    const db = openDb({ databaseUrl: null });
    await migrateToLatest(db);
    app = await buildApp({ db, config: loadConfig({}), clock: new FakeClock(), keys: makeKeyring(crypto.randomBytes(32)) }, { webRoot: root });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers /p/<id> pages with public.html and every other page with index.html', async () => {
    const title = async (url: string) => {
      const r = await app.inject({ method: 'GET', url, headers: HTML });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['cache-control'], url).toBe('no-cache');
      return /<title>(\w+)<\/title>/.exec(r.body)?.[1];
    };
    for (const url of ['/p/abc', '/p/abc/', '/p/abc/opinion', '/p/abc/print?x=1']) expect(await title(url), url).toBe('public');
    for (const url of ['/', '/p', '/p/', '/login', '/registry/compounds/abc', '/pp/abc']) expect(await title(url), url).toBe('console');
    // Not a page request (a script or an image under /p/): no HTML at all.
    expect((await app.inject({ method: 'GET', url: '/p/abc/x.js', headers: { accept: '*/*' } })).statusCode).toBe(404);
  });
});

describe('the public pages in a browser', () => {
  let env: ConsoleEnv;
  let compound: { id: string; path: string };

  beforeAll(async () => {
    env = await startConsole();
    const ctx: Ctx = { actor: SYSTEM_ACTOR, keys: env.deps.keys, clock: env.clock };
    const db = env.deps.db;
    const places = await seedRegions(db, ctx);
    await ensurePresets(db, env.clock);
    compound = await seedCompound(db, ctx, places.communityA.id, '东湖小区');
    // One decided and carried-out matter, so the bulletin offers the rating.
    const id = crypto.randomUUID();
    const now = env.clock.now().toISOString();
    const started = await startInstance(db, ctx, { templateKey: 'lianshou', subjectType: 'matter', subjectId: id, scopePath: compound.path });
    await db.insertInto('matter').values({
      id, compound_id: compound.id, scope_path: compound.path, title: '东门停车位划线', description: null, category: 'parking', source: 'resident_opinion',
      method_key: 'lianshou', instance_id: started.instance.id, executor_org_id: null, deadline: null, joint_decision_item: null, conflict_org_ids: '[]',
      conflict_member_ids: '[]', decision: '东门外侧施划夜间临时车位', decided_at: now, result: '已施划临时车位 20 个', outcome: 'resolved', closed_at: now,
      published_at: now, created_at: now, updated_at: now, created_by: null,
    }).execute();
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  /** Answers the next POST to `pattern` with a 429 as the server words it, then lets requests through again. */
  async function refuseOnce(page: Page, pattern: string, code: string): Promise<void> {
    let refused = false;
    await page.route(pattern, async (route) => {
      if (refused || route.request().method() !== 'POST') return route.continue();
      refused = true;
      await route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ error: { code, message: '太频繁', zh: '太频繁', en: 'Too many', fields: [] } }) });
    });
  }

  it('loads /p/<id> with the light entry only: no console chunk, no session call, no cookie', async () => {
    const consoleEntry = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8'))?.[1];
    expect(consoleEntry).toBeTruthy();
    await env.withPage(
      'public-entry-bulletin',
      async ({ page, context }) => {
        const requested: string[] = [];
        page.on('request', (r) => requested.push(new URL(r.url()).pathname));
        const js = await jsBytesDuring(page, async () => {
          await page.goto(`${env.baseUrl}/p/${compound.id}`);
          await page.getByRole('heading', { name: '东湖小区' }).waitFor();
        });
        expect(js.bytes).toBeGreaterThan(0);
        expect(js.bytes, `${js.files} JS files`).toBeLessThan(JS_LIMIT);
        expect(requested).not.toContain(consoleEntry);
        expect(requested.filter((u) => /antd/i.test(u))).toEqual([]);
        expect(requested.filter((u) => u.startsWith('/api/') && !u.startsWith('/api/public/'))).toEqual([]);
        expect(await context.cookies()).toEqual([]);
        expect(await scrollsSideways(page)).toBe(false);
      },
      PHONE,
    );
  }, 60_000);

  it('moves to the opinion form and back without reloading, takes an opinion, and keeps the draft on a 429', async () => {
    await env.withPage(
      'public-entry-opinion',
      async ({ page }) => {
        await page.goto(`${env.baseUrl}/p/${compound.id}`);
        await page.getByRole('heading', { name: '东湖小区' }).waitFor();
        await page.evaluate(() => Object.assign(window, { gzSamePage: true }));
        await page.getByRole('link', { name: '我要说事' }).click();
        await page.getByRole('heading', { name: '我要说事' }).waitFor();
        expect(new URL(page.url()).pathname).toBe(`/p/${compound.id}/opinion`);
        const samePage = () => page.evaluate(() => (window as unknown as { gzSamePage?: boolean }).gzSamePage === true);
        expect(await samePage()).toBe(true);

        await page.getByLabel('想说的事').fill('3 栋楼道的灯坏了一个星期，晚上看不见路。');
        await refuseOnce(page, '**/api/public/compounds/*/opinions', 'OPINION_RATE_LIMITED');
        await page.getByRole('button', { name: '提交' }).click();
        await page.getByText(/您提交得太频繁了/).waitFor();
        await page.reload();
        await page.getByText('上次有一条意见没有发送成功，内容已为您恢复。').waitFor();
        await page.getByRole('button', { name: '重新发送' }).click();
        await page.getByRole('heading', { name: '已收到您的意见' }).waitFor();
        expect(await scrollsSideways(page)).toBe(false);

        await page.evaluate(() => Object.assign(window, { gzSamePage: true }));
        await page.getByRole('link', { name: '返回公示栏' }).first().click();
        await page.getByRole('heading', { name: '东湖小区' }).waitFor();
        await page.goBack();
        await page.getByRole('heading', { name: '我要说事' }).waitFor();
        expect(await samePage()).toBe(true);
        await page.goto(`${env.baseUrl}/p/${compound.id}/no-such-page`);
        await page.getByText('页面不存在，请核对二维码或链接。').waitFor();
        await page.getByRole('link', { name: '返回公示栏' }).click();
        await page.getByRole('heading', { name: '东湖小区' }).waitFor();
      },
      PHONE,
    );
  }, 60_000);

  it('takes a rating after a 429, remembers it, and switches to English for good', async () => {
    await env.withPage(
      'public-entry-rating-en',
      async ({ page }) => {
        await page.goto(`${env.baseUrl}/p/${compound.id}`);
        await page.getByRole('radio', { name: '4 星' }).click();
        await refuseOnce(page, '**/api/public/matters/*/rating', 'RATING_RATE_LIMITED');
        await page.getByRole('button', { name: '提交评价' }).click();
        await page.getByText('评价提交得太频繁了，请过一会儿再试。').waitFor();
        await page.getByRole('button', { name: '提交评价' }).click();
        await page.getByText('谢谢您的评价！').waitFor();
        await page.reload();
        await page.getByText('您已评价：4 星').waitFor();

        await page.getByRole('button', { name: 'Switch to English' }).click();
        await page.getByRole('link', { name: 'Speak up' }).waitFor();
        await page.reload();
        await page.getByText('Your rating: 4 stars').waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
        await page.getByRole('link', { name: 'Print version' }).click();
        await page.getByRole('heading', { name: '东湖小区 deliberation notice board' }).waitFor();
        expect(await page.getByRole('img', { name: 'QR code of the notice board' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      },
      PHONE,
    );
  }, 60_000);
});
