// The grid worker's phone page at 390 px: tasks, a report made with the network cut (queued in IndexedDB with its photo),
// sent once the network is back even when the first answer is lost on the way (one incident, one upload), and a report
// the server refuses shown on its item for the worker to fix.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Ctx } from '../../server/lib/context.ts';
import { SYSTEM_ACTOR } from '../../server/modules/accounts/actor.ts';
import { ensurePresets } from '../../server/modules/methods/index.ts';
import { addGridWorker, createGrid, seedCompound, seedRegions } from '../../server/modules/registry/index.ts';
import { apiAs, E2E_PASSWORD, screenshot, scrollsSideways, signIn, startConsole, type ApiClient, type ConsoleEnv } from './browser.ts';

const PHONE = { width: 390, height: 844 };
const DAY = 24 * 3600_000;

let env: ConsoleEnv;
let workerId: string;
let compounds: { near: string; other: string };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A real RGB PNG of the given size with diagonal stripes (a camera-sized one must be scaled down by the page). */
function png(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const on = Math.floor((x + y) / 40) % 2 === 0;
      raw.set(on ? [46, 125, 50] : [200, 230, 201], row + 1 + x * 3);
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Uploads a photo over HTTP as a user (the API client of browser.ts speaks JSON only). */
async function uploadAs(username: string, bytes: Buffer): Promise<string> {
  const login = await fetch(`${env.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: E2E_PASSWORD }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const r = await fetch(`${env.baseUrl}/api/attachments`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/octet-stream', 'x-file-name': 'after.png' }, body: new Uint8Array(bytes) });
  if (r.status !== 201) throw new Error(`upload failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

/** Takes a desk report through the loop to "verifying", where the grid worker of the grid verifies it (their task). */
async function seedTask(desk: ApiClient, categoryCode: string, description: string, compoundId: string): Promise<string> {
  let inc = await desk.post<{ id: string; version: number }>('/api/incidents', { id: crypto.randomUUID(), categoryCode, description, compoundId, sourceChannel: 'staff' });
  const photo = await uploadAs('grid.desk', png(32, 24));
  for (const [event, input] of [
    ['accept', {}], ['register', {}], ['dispatch', {}], ['sign', {}], ['handle', {}], ['feedback', { result: '已清理完毕', photos: [photo] }], ['forward', {}],
  ] as const) {
    inc = await desk.post(`/api/incidents/${inc.id}/events`, { event, input, version: inc.version });
  }
  return inc.id;
}

beforeAll(async () => {
  env = await startConsole();
  const ctx: Ctx = { actor: SYSTEM_ACTOR, keys: env.deps.keys, clock: env.clock };
  const places = await seedRegions(env.deps.db, ctx);
  await ensurePresets(env.deps.db, env.clock);
  const grid = (await createGrid(env.deps.db, ctx, { communityId: places.communityA.id, code: `${places.communityA.code}01`, name: '北街一网格', businessLines: ['safety', 'environment'] })).grid;
  compounds = {
    other: (await seedCompound(env.deps.db, ctx, places.communityA.id, '锦华小区', { gridId: grid.id, lat: 30.8, lng: 106.08 })).id,
    near: (await seedCompound(env.deps.db, ctx, places.communityA.id, '锦华二期', { gridId: grid.id, lat: 30.81, lng: 106.09 })).id,
  };
  workerId = await env.user('grid.wang', '王网格', [{ roleKey: 'grid_worker', scopePath: places.communityA.path }]);
  await addGridWorker(env.deps.db, ctx, grid.id, { name: '王网格', userId: workerId, duty: 'worker' });
  await env.user('grid.desk', '北街社区受理员', [{ roleKey: 'community_worker', scopePath: places.communityA.path }]);
  // One task from three days ago, long overdue (a burst pipe has 2 natural hours), and one from today.
  env.clock.advance(-3 * DAY);
  await seedTask(await apiAs(env.baseUrl, 'grid.desk'), '0401', '锦华小区 5 栋地下室水管破裂', compounds.other);
  env.clock.advance(3 * DAY);
  await seedTask(await apiAs(env.baseUrl, 'grid.desk'), '0106', '锦华二期 2 栋楼道堆放旧家具', compounds.near);
}, 240_000);

afterAll(async () => {
  await env?.close();
});

const incidentsWith = (description: string) => env.deps.db.selectFrom('incident').select(['id', 'stage', 'compound_id', 'lat', 'lng']).where('description', '=', description).execute();
const uploadsBy = (userId: string) => env.deps.db.selectFrom('attachment').select(['id', 'mime_type', 'file_name', 'instance_id']).where('uploaded_by', '=', userId).execute();
const reportAudits = (id: string) => env.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'incident.report').where('object_id', '=', id).execute();

/** The outbox as stored in the browser: ids, states, and whether the photos are Blobs with attachment ids. */
function storedOutbox(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ id: string; state: string; photos: { blob: boolean; attachmentId: string | null }[] }[]>((resolve, reject) => {
        const open = indexedDB.open('gongzhi-grid');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('outbox', 'readonly').objectStore('outbox').getAll();
          all.onsuccess = () =>
            resolve(
              (all.result as { id: string; state: string; photos: { blob: unknown; attachmentId?: string }[] }[]).map((i) => ({
                id: i.id, state: i.state, photos: i.photos.map((p) => ({ blob: p.blob instanceof Blob, attachmentId: p.attachmentId ?? null })),
              })),
            );
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

async function openGridPage(page: Page) {
  await signIn(page, env.baseUrl, 'grid.wang');
  await page.getByRole('heading', { name: /您好/ }).waitFor();
  // On a phone the side menu is a drawer.
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('link', { name: '网格巡查' }).click();
  await page.getByRole('heading', { name: '网格巡查' }).waitFor();
}

async function pickCategory(page: Page, search: string, name: string) {
  await page.getByTestId('category-button').click();
  await page.getByPlaceholder('搜索分类，如“堆物”“消防”').fill(search);
  await page.getByRole('listitem').filter({ hasText: name }).first().click();
  await expect.poll(() => page.getByTestId('category-button').textContent()).toContain(name);
}

describe('grid worker phone page (390 px)', () => {
  it('lists my tasks, queues a report made offline and sends it once when the network returns, even after a lost answer', async () => {
    await env.withPage('grid-phone-offline', async ({ page, context }) => {
      await context.grantPermissions(['geolocation'], { origin: env.baseUrl });
      await context.setGeolocation({ latitude: 30.8095, longitude: 106.0893, accuracy: 15 });
      await openGridPage(page);

      // The device position is taken and the nearest compound of the worker's grid chosen.
      await expect.poll(() => page.getByTestId('location').getAttribute('data-status')).toBe('located');
      await page.getByText('已定位：30.8095, 106.0893（误差约 15 米）').waitFor();
      await page.locator('.ant-form-item').filter({ hasText: '小区（院落）' }).getByText('锦华二期', { exact: true }).waitFor();
      await page.getByText('保持页面打开即可自动补发').waitFor();
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, 'grid-phone-form');

      // My tasks: both verifications, the overdue one first and marked.
      await page.getByText(/我的任务/).click();
      await expect.poll(() => page.getByTestId('task-card').count()).toBe(2);
      const first = page.getByTestId('task-card').first();
      await expect.poll(() => first.textContent()).toContain('管道破裂');
      expect(await first.textContent()).toContain('已超期');
      expect(await first.textContent()).toContain('锦华小区');
      expect(await first.getAttribute('href')).toMatch(/^\/incidents\/[0-9a-f-]{36}/);
      expect(await page.getByTestId('task-card').nth(1).textContent()).toMatch(/楼道堆物.*锦华二期.*时限/);
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, 'grid-phone-tasks');
      await page.getByText('上报问题').click();

      // The signal goes; the worker reports with a camera-sized photo.
      await context.setOffline(true);
      await page.getByText('当前离线').waitFor();
      await pickCategory(page, '堆物', '楼道堆物');
      const description = `锦华二期 3 栋 2 单元楼道堆放纸箱 ${crypto.randomBytes(3).toString('hex')}`;
      await page.getByLabel('问题描述').fill(description);
      await page.getByTestId('photo-camera').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: png(2400, 1800) });
      await page.getByRole('img', { name: '照片 1' }).waitFor();
      await page.getByLabel('具体位置').fill('3 栋 2 单元门口');
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, 'grid-phone-filled');
      await page.getByRole('button', { name: '保存，有信号后自动发送' }).click();

      await page.getByTestId('outbox-count').filter({ hasText: '待发送 1 条' }).waitFor();
      await page.getByTestId('outbox-item').getByText('等待信号').waitFor();
      const queued = await storedOutbox(page);
      expect(queued).toEqual([{ id: expect.stringMatching(/^[0-9a-f-]{36}$/), state: 'waiting', photos: [{ blob: true, attachmentId: null }] }]);
      expect([await incidentsWith(description), await uploadsBy(workerId)]).toEqual([[], []]);
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, 'grid-phone-queued');

      // The signal returns, but the answer to the first report is lost after the server stored it.
      let lost = 0;
      await page.route('**/api/incidents', async (route) => {
        if (route.request().method() !== 'POST' || lost > 0) return route.continue();
        lost++;
        await route.fetch();
        await route.abort('internetdisconnected');
      });
      await context.setOffline(false);
      await page.getByTestId('sent-item').filter({ hasText: '楼道堆物' }).waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByTestId('outbox-item').count()).toBe(0);
      expect(lost).toBe(1);
      expect(await storedOutbox(page)).toEqual([]);

      // Exactly one incident, under the queued client id, with the photo uploaded once (scaled to a JPEG).
      const rows = await incidentsWith(description);
      expect(rows).toEqual([{ id: queued[0].id, stage: 'reported', compound_id: compounds.near, lat: 30.8095, lng: 106.0893 }]);
      expect(await reportAudits(queued[0].id)).toHaveLength(1);
      const uploads = await uploadsBy(workerId);
      expect(uploads).toEqual([{ id: expect.any(String), mime_type: 'image/jpeg', file_name: 'scene.jpg', instance_id: queued[0].id }]);
      expect(await page.getByTestId('sent-item').first().getAttribute('href')).toBe(`/incidents/${queued[0].id}`);
      await page.getByText('网络正常').waitFor();
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, 'grid-phone-sent');
    }, PHONE);
  }, 120_000);

  it('falls back to choosing the compound when location is refused, and shows a refused report on its item to fix', async () => {
    await env.withPage('grid-phone-fix', async ({ page }) => {
      // No geolocation permission: the page says so and asks for the compound or the spot instead.
      await openGridPage(page);
      await expect.poll(() => page.getByTestId('location').getAttribute('data-status')).toBe('denied');
      await page.getByText('未获得定位权限').waitFor();
      await pickCategory(page, '小广告', '非法小广告');
      const description = `锦华小区 1 栋电梯口张贴小广告 ${crypto.randomBytes(3).toString('hex')}`;
      await page.getByLabel('问题描述').fill(description);
      await page.getByRole('button', { name: /上\s*报$/ }).click();
      await page.getByText('未获得定位：请选择小区，或填写具体位置').waitFor();
      await page.getByLabel('小区（院落）').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('锦华小区').click();
      await page.getByTestId('photo-album').setInputFiles({ name: 'flyer.png', mimeType: 'image/png', buffer: png(64, 48) });
      await page.getByRole('img', { name: '照片 1' }).waitFor();
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, 'grid-phone-denied');

      // The server refuses the first send (a category withdrawn meanwhile): the item says why and waits for the worker.
      let refused = 0;
      await page.route('**/api/incidents', async (route) => {
        if (route.request().method() !== 'POST' || refused > 0) return route.continue();
        refused++;
        await route.fulfill({
          status: 400, contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'VALIDATION_FAILED', zh: '请检查填写的内容', en: 'Check the fields', fields: [{ field: 'categoryCode', code: 'CATEGORY_UNKNOWN', zh: '当前分类版本中没有小类 0201', en: 'No minor category 0201 in the current version' }] } }),
        });
      });
      await page.getByRole('button', { name: /上\s*报$/ }).click();
      const item = page.getByTestId('outbox-item');
      await item.getByText('需要修改').waitFor();
      await item.getByText('当前分类版本中没有小类 0201').waitFor();
      expect(await item.getAttribute('data-state')).toBe('needs_fix');
      await screenshot(page, 'grid-phone-needs-fix');
      const [held] = await storedOutbox(page);
      expect([held.state, held.photos]).toEqual(['needs_fix', [{ blob: true, attachmentId: expect.any(String) }]]);

      // The worker fixes the category; the same client id is sent, the photo is not uploaded again.
      await item.getByRole('button', { name: '修改' }).click();
      await page.getByText('当前分类版本中没有小类 0201').first().waitFor();
      await pickCategory(page, '广告', '违规户外广告');
      await page.getByRole('button', { name: '保存修改并重新发送' }).click();
      await page.getByTestId('sent-item').filter({ hasText: '违规户外广告' }).waitFor();
      const rows = await incidentsWith(description);
      expect(rows.map((r) => [r.id, r.compound_id, r.lat])).toEqual([[held.id, compounds.other, null]]);
      const uploads = (await uploadsBy(workerId)).filter((u) => u.instance_id === held.id);
      expect(uploads.map((u) => [u.mime_type, u.file_name])).toEqual([['image/png', 'flyer.png']]);
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, 'grid-phone-fixed');
    }, PHONE);
  }, 120_000);
});
