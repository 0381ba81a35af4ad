import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/modules/accounts/actor.ts';
import { createOrg } from '../../server/modules/orgs/index.ts';
import { createBuilding, createHousehold, createResident, seedCompound, seedRegions, type RegionFixture } from '../../server/modules/registry/index.ts';
import { apiAs, cjkTextWidth, screenshot, scrollsSideways, signIn, startConsole, type ConsoleEnv } from './browser.ts';

let env: ConsoleEnv;
let regions: RegionFixture;
/** A compound of community A with coordinates, households and residents (one with a phone and an ID number). */
let northId: string;
let residentId: string;
/** A second compound of community A, edited in the STALE test. */
let north2Id: string;
/** A compound of community B, out of reach of community A's worker. */
let southId: string;

beforeAll(async () => {
  env = await startConsole();
  const ctx = { actor: SYSTEM_ACTOR, keys: env.deps.keys, clock: env.clock };
  const db = env.deps.db;
  regions = await seedRegions(db, ctx);
  const north = await seedCompound(db, ctx, regions.communityA.id, '北街小区', { lat: 30.7953, lng: 106.0847, buildYear: 1998, householdCount: 120, feeCollectionRate: 0.86 });
  north2Id = (await seedCompound(db, ctx, regions.communityA.id, '北街二区', { lat: 30.7978, lng: 106.0881 })).id;
  await seedCompound(db, ctx, regions.communityA.id, '文化巷院落', { lat: 30.7931, lng: 106.0902, housingType: 'reformed' });
  northId = north.id;
  const b = await createBuilding(db, ctx, northId, { name: '1幢', floors: 7, units: 2 });
  const h = await createHousehold(db, ctx, northId, { buildingId: b.building.id, unit: '1', room: '101' });
  const r = await createResident(db, ctx, { compoundId: northId, householdId: h.household.id, name: '王芳', idNumber: '11010519491231002X', phone: '13812345678', politicalStatus: '01', relation: '02', protectedTags: ['elderly_alone'] });
  residentId = r.resident.id;
  await createResident(db, ctx, { compoundId: northId, householdId: h.household.id, name: '李明', idNumber: '330102199003071230', phone: '13900001111', politicalStatus: '13', relation: '10' });
  await createOrg(db, ctx, { type: 'branch', name: '北街小区党支部', compoundId: northId });
  await createOrg(db, ctx, { type: 'owners_committee', name: '北街小区业委会', compoundId: northId });
  southId = (await seedCompound(db, ctx, regions.communityB.id, '南街花园')).id;
  await env.user('worker.li', '李社工', [{ roleKey: 'community_worker', scopePath: regions.communityA.path }]);
  await env.user('auditor.zhou', '周审计', [{ roleKey: 'audit_admin', scopePath: '/' }]);
}, 240_000);

afterAll(async () => {
  await env?.close();
});

/** Picks an option of the antd Select labelled `label` inside `scope` (a dialog: the list behind it has filters of the same name). */
async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

async function signedIn(page: Page, username: string, name: string): Promise<void> {
  await signIn(page, env.baseUrl, username);
  await page.getByRole('heading', { name: `您好，${name}` }).waitFor();
}

describe('web console: registry', () => {
  it('lets a community worker create a compound (five ones 0/5) and fix three items from the checklist (3/5)', async () => {
    await env.withPage('registry-compound-five-ones', async ({ page }) => {
      await signedIn(page, 'worker.li', '李社工');
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '小区（院落）' }).click();
      await page.getByRole('heading', { name: '小区（院落）' }).waitFor();
      await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '北街小区' }).first().waitFor();
      await screenshot(page, 'registry-compound-list');
      await page.getByRole('button', { name: '新建小区' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('新建小区').first().waitFor();
      // The worker's only community is chosen already.
      await dialog.locator('.ant-select-content, .ant-select-selection-item').filter({ hasText: '北街社区' }).first().waitFor();
      await dialog.getByLabel('小区名称').fill('幸福里小区');
      await choose(page, dialog, '房屋类型', '商品房');
      await choose(page, dialog, '物业管理方式', '公开选聘');
      await dialog.getByLabel('建成年份').fill('2005');
      await dialog.getByLabel('物业费收缴率').fill('92.5');
      // A latitude without a longitude: the server's problem lands under 经度, and nothing typed is lost.
      await dialog.getByLabel('纬度').fill('30.7990');
      await dialog.getByRole('button', { name: /创\s*建/ }).click();
      await dialog.locator('.ant-form-item:has(#compoundForm_lng) .ant-form-item-explain-error').filter({ hasText: '必填' }).waitFor();
      expect(await dialog.getByLabel('小区名称').inputValue()).toBe('幸福里小区');
      await dialog.getByLabel('经度').fill('106.0822');
      await dialog.getByRole('button', { name: /创\s*建/ }).click();
      await page.getByRole('heading', { name: '幸福里小区' }).waitFor();
      await page.getByText('0/5', { exact: true }).first().waitFor();
      await screenshot(page, 'registry-compound-created');

      await page.getByRole('tab', { name: /五个一/ }).click();
      const score = page.getByTestId('five-ones-score');
      await expect.poll(() => score.textContent()).toContain('0/5');

      await page.getByRole('button', { name: '新建党组织' }).click();
      await dialog.getByLabel('组织名称').waitFor();
      expect(await dialog.getByLabel('组织名称').inputValue()).toBe('幸福里小区党支部');
      await dialog.getByRole('button', { name: /创\s*建/ }).click();
      await expect.poll(() => score.textContent(), { timeout: 20_000 }).toContain('1/5');
      await dialog.waitFor({ state: 'hidden' });

      await page.getByRole('button', { name: '新建志愿队伍' }).click();
      await dialog.getByLabel('组织名称').waitFor();
      expect(await dialog.getByLabel('组织名称').inputValue()).toBe('幸福里小区志愿服务队');
      await dialog.getByRole('button', { name: /创\s*建/ }).click();
      await expect.poll(() => score.textContent(), { timeout: 20_000 }).toContain('2/5');
      await dialog.waitFor({ state: 'hidden' });

      await page.getByRole('button', { name: '新增联系单位' }).click();
      await dialog.getByLabel('单位名称').fill('顺庆区住房和城乡建设局');
      await dialog.getByRole('button', { name: /创\s*建/ }).click();
      await expect.poll(() => score.textContent(), { timeout: 20_000 }).toContain('3/5');
      await dialog.waitFor({ state: 'hidden' });

      const items = page.locator('li[data-item]');
      await items.filter({ hasText: '幸福里小区党支部' }).waitFor();
      await items.filter({ hasText: '顺庆区住房和城乡建设局' }).waitFor();
      // The two items still missing keep their fix-it buttons; the header tag follows the score.
      await page.getByRole('button', { name: '新增工作方案' }).waitFor();
      await page.getByRole('button', { name: '新增责任领导' }).waitFor();
      await page.getByRole('tab', { name: '五个一（3/5）' }).waitFor();
      await page.getByText('3/5', { exact: true }).first().waitFor();

      // The organisations tab lists both new bodies.
      await page.getByRole('tab', { name: '组织与任职' }).click();
      await page.getByText('本小区的组织（2 个）').waitFor();
      await page.getByRole('tab', { name: /五个一/ }).click();
      await score.waitFor();
      expect(await cjkTextWidth(page)).toBeGreaterThanOrEqual(60);
    });
  }, 180_000);

  it('reveals a resident’s phone with a reason, and the auditor finds that reveal in the audit log', async () => {
    await env.withPage('registry-reveal', async ({ page }) => {
      await signedIn(page, 'worker.li', '李社工');
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '居民' }).click();
      await page.getByRole('heading', { name: '居民' }).waitFor();
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '王芳' });
      await row.waitFor();
      // Masks only; tags are a marker, never their values.
      await row.getByText('138****5678').waitFor();
      await row.getByText('已标记（需授权查看）').waitFor();
      expect(await row.textContent()).not.toContain('13812345678');
      expect(await row.textContent()).not.toContain('独居老人');

      // An exact phone lookup finds her.
      await page.getByLabel('姓名 / 身份证号 / 手机号').fill('13812345678');
      await page.getByText('将按手机号精确查找（含已迁出）').waitFor();
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await expect.poll(async () => page.locator('.ant-table-tbody tr.ant-table-row').count(), { timeout: 20_000 }).toBe(1);
      await row.getByRole('link', { name: '王芳' }).click();

      await page.getByRole('heading', { name: '王芳' }).waitFor();
      await page.getByRole('button', { name: '查看明文' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('查看明文将记录您的姓名').waitFor();
      // A short reason is refused in the form.
      await dialog.getByLabel('查看事由').fill('看看');
      await dialog.getByRole('button', { name: /查\s*看/ }).click();
      await dialog.getByText('事由至少 4 个字').waitFor();
      await dialog.getByLabel('查看事由').fill('入户走访需电话联系');
      await dialog.getByRole('button', { name: /查\s*看/ }).click();
      await expect.poll(() => dialog.getByTestId('plain-phone').textContent(), { timeout: 20_000 }).toBe('13812345678');
      await screenshot(page, 'registry-reveal-modal');
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      // Nothing of the plain value stays on the page.
      expect(await page.content()).not.toContain('13812345678');
    });

    await env.withPage('registry-reveal-audit', async ({ page }) => {
      await signedIn(page, 'auditor.zhou', '周审计');
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '审计日志' }).click();
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      const entry = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: 'resident.reveal' }).filter({ hasText: '成功' });
      await entry.first().waitFor();
      await entry.first().getByRole('button', { name: /查看第 \d+ 条记录详情/ }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByText('入户走访需电话联系').waitFor();
      await drawer.getByText('worker.li').first().waitFor();
      await drawer.getByText(residentId).first().waitFor();
    });
  }, 180_000);

  it('appoints a resident to the party branch and the owners’ committee, and marks her as cross-appointed with the counts', async () => {
    await env.withPage('registry-positions', async ({ page }) => {
      await signedIn(page, 'worker.li', '李社工');
      await page.goto(`${env.baseUrl}/registry/compounds/${northId}?tab=orgs`);
      await page.getByText('本小区的组织（2 个）').waitFor();
      const dialog = page.getByRole('dialog');

      const branch = page.getByRole('region', { name: '北街小区党支部' });
      await branch.getByRole('button', { name: /任\s*职/ }).click();
      await dialog.getByText('从本小区居民中选').click();
      await choose(page, dialog, '居民', '王芳');
      await dialog.getByRole('switch', { name: '业主' }).click();
      await choose(page, dialog, '职务', '书记');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await branch.locator('tr.ant-table-row').filter({ hasText: '王芳' }).filter({ hasText: '书记' }).waitFor();

      const committee = page.getByRole('region', { name: '北街小区业委会' });
      await committee.getByRole('button', { name: /任\s*职/ }).click();
      await choose(page, dialog, '人员', '王芳');
      await choose(page, dialog, '职务', '主任');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await committee.locator('tr.ant-table-row').filter({ hasText: '王芳' }).filter({ hasText: '主任' }).waitFor();

      // Both rows carry the cross-appointment mark; the counts follow.
      await expect.poll(() => page.locator('tr.ant-table-row').filter({ hasText: '交叉任职' }).count(), { timeout: 20_000 }).toBe(2);
      const stat = (title: string) => page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');
      await expect.poll(() => stat('交叉任职人员').textContent()).toBe('1');
      await expect.poll(() => stat('党组织书记任业委会主任').textContent()).toBe('1');
      await expect.poll(() => stat('党员业主任业委会成员').textContent()).toBe('1');
      await page.getByRole('list', { name: '交叉任职人员' }).getByText('北街小区党支部书记').waitFor();
    });
  }, 180_000);

  it('keeps what the user typed when someone else saved the compound first (409), and saves after a reload', async () => {
    const other = await apiAs(env.baseUrl, 'worker.li');
    await env.withPage('registry-stale', async ({ page }) => {
      await signedIn(page, 'worker.li', '李社工');
      await page.goto(`${env.baseUrl}/registry/compounds/${north2Id}`);
      await page.getByRole('heading', { name: '北街二区' }).waitFor();
      await page.getByRole('button', { name: /编\s*辑/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('地址').fill('北街 12 号');
      // Meanwhile a colleague changes the note.
      const fresh = await other.get<{ version: number }>(`/api/compounds/${north2Id}`);
      await other.patch(`/api/compounds/${north2Id}`, { version: fresh.version, note: '同事刚补充的备注' });
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      const notice = page.locator('.ant-notification-notice').filter({ hasText: '该记录已被他人修改' });
      await notice.waitFor();
      expect(await dialog.getByLabel('地址').inputValue()).toBe('北街 12 号');
      await screenshot(page, 'registry-stale-notice');
      await notice.getByRole('button', { name: /刷\s*新/ }).click();
      await page.getByText('已载入最新版本').waitFor();
      expect(await dialog.getByLabel('地址').inputValue()).toBe('北街 12 号');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      // Only the changed field was sent: the colleague's note survives next to the new address.
      await page.locator('.ant-descriptions').getByText('北街 12 号').waitFor();
      await page.locator('.ant-descriptions').getByText('同事刚补充的备注').waitFor();
    });
  }, 120_000);

  it('shows the friendly no-access page to a worker of community A opening a compound of community B by URL', async () => {
    await env.withPage('registry-no-access', async ({ page }) => {
      await signedIn(page, 'worker.li', '李社工');
      await page.goto(`${env.baseUrl}/registry/compounds/${southId}`);
      await page.getByText('无权访问').waitFor();
      await page.getByText('该记录不在您的管辖范围内', { exact: false }).waitFor();
      expect(await page.getByText('南街花园').count()).toBe(0);
      await page.getByRole('button', { name: '返回首页' }).waitFor();
    });
  }, 120_000);

  it('keeps the compound detail and the resident list inside a 390 px phone screen', async () => {
    await env.withPage('registry-compound-390px', async ({ page }) => {
      await signedIn(page, 'worker.li', '李社工');
      await page.goto(`${env.baseUrl}/registry/compounds/${northId}`);
      await page.getByRole('heading', { name: '北街小区' }).waitFor();
      await page.getByRole('img', { name: /位置示意图：北街小区/ }).waitFor();
      expect(await scrollsSideways(page)).toBe(false);
      const tabs: [string, RegExp][] = [['buildings', /楼栋与房屋/], ['residents', /居民（2）/], ['orgs', /组织与任职/], ['pairings', /结对包联/], ['fiveOnes', /五个一/]];
      for (const [key, name] of tabs) {
        await page.goto(`${env.baseUrl}/registry/compounds/${northId}?tab=${key}`);
        await page.getByRole('tab', { name, selected: true }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await scrollsSideways(page), `tab ${key}`).toBe(false);
      }
      await page.goto(`${env.baseUrl}/registry/compounds/${northId}?tab=buildings`);
      await page.getByText('1幢').first().waitFor();
      await screenshot(page, 'registry-compound-390px-buildings');
      await page.goto(`${env.baseUrl}/registry/compounds/${northId}`);
      await page.getByRole('heading', { name: '北街小区' }).waitFor();
    }, { width: 390, height: 844 });

    await env.withPage('registry-residents-390px', async ({ page }) => {
      await signedIn(page, 'worker.li', '李社工');
      await page.goto(`${env.baseUrl}/registry/residents`);
      await page.getByRole('heading', { name: '居民' }).waitFor();
      await page.getByRole('list', { name: '居民' }).getByRole('link', { name: '王芳' }).waitFor();
      expect(await scrollsSideways(page)).toBe(false);
      await page.getByRole('list', { name: '居民' }).getByRole('link', { name: '王芳' }).click();
      await page.getByRole('heading', { name: '王芳' }).waitFor();
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, 'registry-resident-390px');
      await page.goBack();
      await page.getByRole('list', { name: '居民' }).waitFor();
    }, { width: 390, height: 844 });
  }, 180_000);
});
