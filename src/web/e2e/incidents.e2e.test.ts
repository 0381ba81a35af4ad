import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { IncidentDetail } from '../../shared/incidents.ts';
import type { Ctx } from '../../server/lib/context.ts';
import { actorFor } from '../../server/modules/accounts/index.ts';
import { SYSTEM_ACTOR } from '../../server/modules/accounts/actor.ts';
import { addHandler, CATEGORIES_V1, fireIncidentEvent, publishCategoryVersion, reportIncident } from '../../server/modules/incidents/index.ts';
import { ensurePresets } from '../../server/modules/methods/index.ts';
import { createOrg } from '../../server/modules/orgs/index.ts';
import { addGridWorker, createGrid, seedCompound, seedRegions } from '../../server/modules/registry/index.ts';
import { apiAs, screenshot, scrollsSideways, signIn, startConsole, type ApiClient, type ConsoleEnv } from './browser.ts';

// One incident around the closed loop in the console: the dispatcher dispatches it from the board, the property
// company's handler signs for it and reports back with a photo on a phone, the grid worker verifies and closes it, and
// the list shows it closed; a case past its deadline stands out in the list. The its share one world and run in order.

let env: ConsoleEnv;
let desk: ApiClient;
let incidentId = '';
let overdueId = '';

const PHONE = { width: 390, height: 844 };
const DESCRIPTION = '3 幢 2 单元楼道堆放旧家具和纸箱，影响通行';
const OVERDUE_DESCRIPTION = '北门消防通道被私家车堵塞';
const RESULT = '已督促住户清理，楼道恢复通行';

/** A small real PNG, so the photo shows as a thumbnail. */
function png(): Buffer {
  const w = 48;
  const h = 36;
  const raw = Buffer.alloc((w * 3 + 1) * h, 0);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([90 + x, 160, 110 + y], y * (w * 3 + 1) + 1 + x * 3);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The stage tag next to the incident's title. */
function stageTag(page: Page): Locator {
  return page.locator('.ant-space', { has: page.getByRole('heading', { level: 3 }) }).locator('.ant-tag').first();
}

/** Clicks an action on the incident page, fills its form, submits, and waits for the stage the header then shows. */
async function act(page: Page, button: string, fill: (dialog: Locator) => Promise<void>, nextStage: string): Promise<void> {
  // The first action carries an icon whose name comes first; "结案" must not pick "结案（未解决）".
  await page.getByRole('button', { name: new RegExp(`(^|\\s)${button}$`) }).click();
  const dialog = page.getByRole('dialog', { name: button });
  await dialog.getByText(`提交后进入：${nextStage}`).waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => stageTag(page).innerText()).toBe(nextStage);
}

const get = (id: string) => desk.get<IncidentDetail>(`/api/incidents/${id}`);

beforeAll(async () => {
  env = await startConsole();
  const db = env.deps.db;
  const sys: Ctx = { actor: SYSTEM_ACTOR, keys: env.deps.keys, clock: env.clock };
  const places = await seedRegions(db, sys);
  await ensurePresets(db, env.clock);
  const grid = (await createGrid(db, sys, { communityId: places.communityA.id, code: `${places.communityA.code}01`, name: '北街一网格', businessLines: ['safety'] })).grid;
  const compound = await seedCompound(db, sys, places.communityA.id, '锦华小区', { gridId: grid.id, lat: 30.8, lng: 106.08 });
  const property = (await createOrg(db, sys, { type: 'property_company', name: '锦华物业', compoundId: compound.id })).org;
  const deskId = await env.user('inc.desk', '周调度', [{ roleKey: 'community_worker', scopePath: places.communityA.path }]);
  const gridId = await env.user('inc.grid', '王网格', [{ roleKey: 'grid_worker', scopePath: places.communityA.path }]);
  // The company's manager reads the compound (to upload photos) and acts on incidents through the organisation.
  const handlerId = await env.user('inc.handler', '李经理', [{ roleKey: 'leader', scopePath: compound.path }]);
  await addGridWorker(db, sys, grid.id, { name: '王网格', userId: gridId, duty: 'worker' });
  await addHandler(db, sys, { orgId: property.id, userId: handlerId });
  await publishCategoryVersion(db, sys, { categories: [...CATEGORIES_V1], rules: [{ categoryCode: '0106', scopePath: compound.path, orgId: property.id, note: '小区楼道堆物归物业' }] });

  // A stairwell report from patrol, accepted and registered: it waits on the board for dispatch.
  const gridApi = await apiAs(env.baseUrl, 'inc.grid');
  desk = await apiAs(env.baseUrl, 'inc.desk');
  let i = await gridApi.post<IncidentDetail>('/api/incidents', { id: crypto.randomUUID(), categoryCode: '0106', description: DESCRIPTION, compoundId: compound.id, sourceChannel: 'patrol', lat: 30.8001, lng: 106.0801 });
  incidentId = i.id;
  i = await desk.post<IncidentDetail>(`/api/incidents/${i.id}/events`, { event: 'accept', version: i.version });
  await desk.post<IncidentDetail>(`/api/incidents/${i.id}/events`, { event: 'register', version: i.version });

  // A blocked fire lane (4 natural hours) registered six hours ago and dispatched: two hours overdue now.
  const past = { now: () => new Date(Date.now() - 6 * 3_600_000) };
  const as = async (id: string): Promise<Ctx> => ({ actor: (await actorFor(db, id, 'user', null, null))!, keys: env.deps.keys, clock: past });
  let o = (await reportIncident(db, await as(gridId), { id: crypto.randomUUID(), categoryCode: '0505', description: OVERDUE_DESCRIPTION, compoundId: compound.id, sourceChannel: 'patrol' })).incident;
  for (const event of ['accept', 'register', 'dispatch']) o = await fireIncidentEvent(db, await as(deskId), o.id, { event, version: o.version });
  overdueId = o.id;
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('web console: an incident around the closed loop', () => {
  it('lets the dispatcher dispatch a registered incident from the board to the suggested handler', async () => {
    await env.withPage('incidents-board-dispatch', async ({ page }) => {
      await signIn(page, env.baseUrl, 'inc.desk');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${env.baseUrl}/incidents/dispatch`);
      const registered = page.locator('section[data-column="registered"]');
      await registered.getByText(DESCRIPTION).waitFor();
      // The overdue fire lane waits for the handler to sign: its card is red and says so.
      await page.locator('section[data-column="dispatched"]').getByText(/超期 2 小时/).waitFor();
      await registered.getByRole('button', { name: '派遣：楼道堆物' }).click();
      const dialog = page.getByRole('dialog', { name: '派遣' });
      await dialog.getByText('提交后进入：已派遣待签收').waitFor();
      await dialog.getByText('锦华物业（建议，按派遣规则）').waitFor();
      await screenshot(page, 'incidents-board-dispatch-form');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('section[data-column="dispatched"]').getByText(DESCRIPTION).waitFor();
      await expect.poll(() => registered.getByText(DESCRIPTION).count()).toBe(0);
    });
    const i = await get(incidentId);
    expect([i.stage, i.handler?.name, i.timeline.at(-1)?.input.handler_name]).toEqual(['dispatched', '锦华物业', '锦华物业']);
  });

  it('lets the handler sign for it and report back with a photo on a phone', async () => {
    await env.withPage('incidents-handler-feedback-phone', async ({ page }) => {
      await signIn(page, env.baseUrl, 'inc.handler');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${env.baseUrl}/incidents/${incidentId}`);
      await expect.poll(() => stageTag(page).innerText()).toBe('已派遣待签收');
      await act(page, '签收', async () => undefined, '已签收待处置');
      await act(page, '开始处置', async () => undefined, '处置中');
      await act(page, '处置反馈', async (dialog) => {
        await dialog.getByLabel('处置结果').fill(RESULT);
        await dialog.locator('input[type=file]').first().setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: png() });
        await dialog.locator('.ant-upload-list-item-done').first().waitFor();
        expect(await scrollsSideways(page)).toBe(false);
        await screenshot(page, 'incidents-feedback-form-phone');
      }, '已反馈待核查');
      await page.getByText('照片（1）').waitFor();
      expect(await scrollsSideways(page)).toBe(false);
    }, PHONE);
    const i = await get(incidentId);
    const feedback = i.timeline.find((e) => e.event === 'feedback')!;
    expect([i.stage, feedback.input.result, (feedback.input.photos as string[]).length]).toEqual(['feedback', RESULT, 1]);
    // The desk sends it to the grid worker for verification.
    await desk.post(`/api/incidents/${incidentId}/events`, { event: 'forward', version: i.version });
  });

  it('lets the verifying grid worker close it, and the list shows it closed and the overdue case highlighted', async () => {
    await env.withPage('incidents-verify-close', async ({ page }) => {
      await signIn(page, env.baseUrl, 'inc.grid');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${env.baseUrl}/incidents/${incidentId}`);
      await expect.poll(() => stageTag(page).innerText()).toBe('核查中');
      await page.getByRole('img', { name: /处置反馈照片 1/ }).waitFor();
      await act(page, '结案', async (dialog) => {
        await dialog.getByLabel('说明').fill('现场复核，楼道已清理');
      }, '已结案');
      await page.getByText('事件已办结').waitFor();
    });
    await env.withPage('incidents-list', async ({ page }) => {
      await signIn(page, env.baseUrl, 'inc.desk');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${env.baseUrl}/incidents`);
      const overdueRow = page.locator('tr[data-overdue="true"]', { hasText: OVERDUE_DESCRIPTION });
      await overdueRow.waitFor();
      await expect.poll(() => overdueRow.innerText()).toMatch(/超期 2 小时/);
      expect(await overdueRow.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 241, 240)');
      await screenshot(page, 'incidents-list-overdue');
      expect(await page.locator('tr.ant-table-row', { hasText: DESCRIPTION }).count()).toBe(0);
      // Ended cases: the stairwell is there, closed.
      await page.getByLabel('状态').click();
      await page.locator('.ant-select-dropdown:visible').getByText('已办结', { exact: true }).click();
      const closedRow = page.locator('tr.ant-table-row', { hasText: DESCRIPTION });
      await closedRow.waitFor();
      expect(await closedRow.locator('.ant-tag').first().innerText()).toBe('已结案');
      expect(await closedRow.getAttribute('data-overdue')).toBeNull();
      // A caller on the phone gives the case number: typed into the search, it finds that one case.
      const caseNo = (await get(incidentId)).caseNo as string;
      expect(caseNo).toMatch(/^\d{13}$/);
      await page.getByLabel('状态').click();
      await page.locator('.ant-select-dropdown:visible').getByText('全部', { exact: true }).click();
      await page.locator('#inc-q').fill(caseNo);
      await page.locator('#inc-q').press('Enter');
      await expect.poll(() => page.locator('tr.ant-table-row').count()).toBe(1);
      expect(await page.locator('tr.ant-table-row').innerText()).toContain(`编号 ${caseNo}`);
      // The filters live in the address: a reload (or the link sent to a colleague) shows the same list.
      expect(new URL(page.url()).searchParams.get('q')).toBe(caseNo);
      await page.reload();
      await expect.poll(() => page.locator('tr.ant-table-row').count()).toBe(1);
      expect(await page.locator('#inc-q').inputValue()).toBe(caseNo);
      expect(await page.locator('tr.ant-table-row').innerText()).toContain(`编号 ${caseNo}`);
    });
    await env.withPage('incidents-kpi-drill', async ({ page }) => {
      // From the KPI table by grid, the grid's report count opens the list of exactly those cases.
      await signIn(page, env.baseUrl, 'inc.desk');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${env.baseUrl}/incidents/kpis`);
      await page.getByText('网格', { exact: true }).click();
      const gridRow = page.locator('tr.ant-table-row', { hasText: '北街一网格' });
      const count = gridRow.getByRole('link', { name: /北街一网格本期上报的/ });
      await count.waitFor();
      const n = Number(await count.innerText());
      expect(n).toBeGreaterThan(0);
      await screenshot(page, 'incidents-kpi-by-grid');
      await count.click();
      await page.waitForURL((u) => u.pathname === '/incidents' && u.searchParams.get('gridId') !== null);
      await expect.poll(() => page.locator('tr.ant-table-row').count()).toBe(n);
      expect(await page.getByLabel('状态').locator('..').innerText()).toContain('全部');
      await screenshot(page, 'incidents-list-from-kpi');
    });
    const i = await get(incidentId);
    expect([i.stage, i.outcome, i.counts.rework]).toEqual(['closed', 'closed', 0]);
    expect((await get(overdueId)).overdue).toBe(true);
  });
});
