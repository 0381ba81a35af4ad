import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCodeCheckOk, usccCheckChar } from '../../shared/validators/uscc.ts';
import type { Ctx } from '../../server/lib/context.ts';
import { SYSTEM_ACTOR } from '../../server/modules/accounts/actor.ts';
import { createOrg, createPairing, createPerson, createPosition } from '../../server/modules/orgs/index.ts';
import { seedCompound, seedRegions, type RegionFixture } from '../../server/modules/registry/index.ts';
import { apiAs, cjkTextWidth, screenshot, scrollsSideways, signIn, startConsole, type ConsoleEnv } from './browser.ts';

let env: ConsoleEnv;
let places: RegionFixture;
const compounds: Record<string, { id: string; path: string }> = {};

/** A credit code whose check character is right; `innerOk` chooses whether characters 9–17 pass their own check. */
function uscc(innerOk: boolean): string {
  for (let n = 0; n < 100; n++) {
    const body = `91511302MA${String(6000000 + n).slice(-6)}`; // 2 + 6 + 8 characters, then the org-code check at 17
    for (const c of '0123456789X') {
      const first17 = body + c;
      const code = first17 + usccCheckChar(first17);
      if (/[IOSVZ]/.test(code)) continue;
      if (orgCodeCheckOk(code) === innerOk) return code;
    }
  }
  throw new Error('no credit code found');
}

beforeAll(async () => {
  env = await startConsole();
  const ctx: Ctx = { actor: SYSTEM_ACTOR, keys: env.deps.keys, clock: env.clock };
  const db = env.deps.db;
  places = await seedRegions(db, ctx);
  // Community A: 东湖小区 has a contact unit, 西苑小区 and 南山院落 do not. Community B's 北城小区 is outside the worker's grant.
  compounds.east = await seedCompound(db, ctx, places.communityA.id, '东湖小区');
  compounds.west = await seedCompound(db, ctx, places.communityA.id, '西苑小区');
  compounds.south = await seedCompound(db, ctx, places.communityA.id, '南山院落');
  compounds.north = await seedCompound(db, ctx, places.communityB.id, '北城小区');
  await createPairing(db, ctx, { kind: 'contact_unit', partnerName: '市住建局', targetCompoundId: compounds.east.id });

  // 东湖小区党支部 has two full members (too few); 西苑小区党支部 has three (fine).
  const branch = async (compound: string, name: string, members: string[]) => {
    const org = await createOrg(db, ctx, { type: 'branch', name, compoundId: compound, foundedOn: '2024-03-01' });
    for (const [i, m] of members.entries()) {
      const p = await createPerson(db, ctx, { name: m, politicalStatus: '01', compoundId: compound });
      await createPosition(db, ctx, org.org.id, { personId: p.person.id, post: i === 0 ? 'secretary' : 'member', startOn: '2024-03-01' });
    }
    return org.org.id;
  };
  await branch(compounds.east.id, '东湖小区党支部', ['王建国', '李秀英']);
  await branch(compounds.west.id, '西苑小区党支部', ['赵志刚', '钱红梅', '孙立新']);
  await env.user('orgs.worker', '周社工', [{ roleKey: 'community_worker', scopePath: places.communityA.path }]);
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('web console: organisations, term warnings and five-ones', () => {
  it('lists a branch with two full members under BRANCH_TOO_FEW_MEMBERS on the warnings page, with counts per code', async () => {
    await env.withPage('orgs-warnings', async ({ page }) => {
      await signIn(page, env.baseUrl, 'orgs.worker');
      await page.getByRole('heading', { name: '您好，周社工' }).waitFor();
      await page.goto(`${env.baseUrl}/orgs/warnings`);
      await page.getByRole('heading', { name: '任期预警' }).waitFor();
      const table = page.locator('.ant-table-tbody');
      await table.getByRole('link', { name: '东湖小区党支部' }).waitFor();
      // The count button of the code shows 1 and filters the table to that code.
      const countButton = page.getByRole('button', { name: /按类型筛选：支部正式党员不足 3 名 1$/ });
      await countButton.waitFor();
      await countButton.click();
      await expect.poll(() => countButton.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(1);
      const row = table.locator('tr.ant-table-row').first();
      expect(await row.locator('[data-code]').getAttribute('data-code')).toBe('BRANCH_TOO_FEW_MEMBERS');
      expect(await row.getByRole('link', { name: '东湖小区党支部' }).count()).toBe(1);
      expect(await row.getByRole('link', { name: '东湖小区', exact: true }).count()).toBe(1);
      expect(await row.innerText()).toContain('提醒');
      expect(await table.getByText('西苑小区党支部').count()).toBe(0);
      expect(await cjkTextWidth(page)).toBeGreaterThan(60);
    });
  }, 120_000);

  it('filters the five-ones list by "missing a contact unit" to exactly the compounds without one', async () => {
    await env.withPage('orgs-five-ones-missing-contact-unit', async ({ page }) => {
      await signIn(page, env.baseUrl, 'orgs.worker');
      await page.getByRole('heading', { name: '您好，周社工' }).waitFor();
      await page.goto(`${env.baseUrl}/orgs/five-ones`);
      await page.getByRole('heading', { name: '“五个一”' }).waitFor();
      const table = page.locator('.ant-table-tbody');
      await table.getByRole('link', { name: '东湖小区' }).waitFor();
      expect(await table.locator('tr.ant-table-row').count()).toBe(3);
      await page.getByLabel('缺少', { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible').getByText('一个联系单位').click();
      await page.keyboard.press('Escape');
      await expect.poll(async () => (await table.locator('tr.ant-table-row td:first-child').allInnerTexts()).sort()).toEqual(['南山院落', '西苑小区']);
      // Each row marks the missing contact unit with a cross and links to the compound's page.
      const west = table.locator('tr.ant-table-row').filter({ hasText: '西苑小区' });
      expect(await west.getByRole('img', { name: '一个联系单位：缺少' }).count()).toBe(1);
      expect(await west.getByRole('img', { name: /^一个党组织：已有：西苑小区党支部/ }).count()).toBe(1);
      expect(await west.getByRole('link', { name: '西苑小区', exact: true }).getAttribute('href')).toBe(`/registry/compounds/${compounds.west.id}`);
      // The counts at the top cover the whole place: three compounds, one with a contact unit.
      await expect.poll(() => page.locator('.ant-statistic').filter({ hasText: '一个联系单位' }).locator('.ant-statistic-content').innerText()).toMatch(/^1\s*\/\s*3$/);
      await page.getByRole('button', { name: /导出 Excel/ }).waitFor();
    });
  }, 120_000);

  it('checks the credit code on the field, warns about its inner check, and adds a post holder registered inline', async () => {
    const badCheck = (() => {
      const good = uscc(true);
      return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    })();
    const innerBad = uscc(false);
    await env.withPage('orgs-create-and-positions', async ({ page }) => {
      await signIn(page, env.baseUrl, 'orgs.worker');
      await page.getByRole('heading', { name: '您好，周社工' }).waitFor();
      await page.goto(`${env.baseUrl}/orgs/organisations`);
      await page.locator('.ant-table-tbody').getByRole('link', { name: '东湖小区党支部' }).waitFor();
      await screenshot(page, 'orgs-list');
      await page.getByRole('button', { name: '新建组织' }).click();
      const dialog = page.getByRole('dialog', { name: '新建组织' });
      await dialog.getByLabel('组织类型').fill('物业');
      await page.locator('.ant-select-dropdown:visible').getByText('物业服务企业', { exact: true }).click();
      await dialog.getByLabel('组织名称').fill('南山物业服务有限公司');
      await dialog.getByLabel('所属小区').click();
      await page.locator('.ant-select-dropdown:visible').getByText('南山院落').click();
      await dialog.getByLabel('统一社会信用代码').fill(badCheck);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.getByText('统一社会信用代码校验位不正确').waitFor();
      await screenshot(page, 'orgs-uscc-check-char');
      // Fixing the check character saves; the failed inner check of characters 9–17 is a warning, not an error.
      await dialog.getByLabel('统一社会信用代码').fill(innerBad);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('统一社会信用代码第 9–17 位（组织机构代码）校验不通过，请核对').waitFor();
      await page.getByRole('heading', { name: '南山物业服务有限公司' }).waitFor();

      // Add a project manager, registering the person right in the dialog.
      await page.getByRole('button', { name: '新增任职' }).click();
      const pos = page.getByRole('dialog', { name: /新增任职/ });
      await pos.getByRole('button', { name: '登记新人员' }).click();
      await pos.getByLabel('姓名').fill('陈经理');
      await pos.getByLabel('政治面貌').fill('群众');
      await page.locator('.ant-select-dropdown:visible').getByText('群众', { exact: true }).click();
      await pos.getByRole('button', { name: /创\s*建/ }).click();
      await page.getByText('已登记 陈经理').waitFor();
      await pos.getByLabel('职务').click();
      await page.locator('.ant-select-dropdown:visible').getByText('项目经理', { exact: true }).click();
      await pos.getByRole('button', { name: /保\s*存/ }).click();
      const positions = page.locator('.ant-card').filter({ hasText: '任职人员' }).locator('.ant-table-tbody');
      await positions.getByText('陈经理').waitFor();
      expect(await positions.innerText()).toContain('项目经理');
      expect(await positions.innerText()).toContain('在任');
    });
  }, 120_000);

  it('keeps what was typed when someone else changed the organisation (409 STALE), and saves after reloading the version', async () => {
    const api = await apiAs(env.baseUrl, 'orgs.worker');
    const list = await api.get<{ items: { id: string; name: string; version: number }[] }>(`/api/orgs?q=${encodeURIComponent('西苑小区党支部')}`);
    const org = list.items[0];
    await env.withPage('orgs-stale', async ({ page }) => {
      await signIn(page, env.baseUrl, 'orgs.worker');
      await page.getByRole('heading', { name: '您好，周社工' }).waitFor();
      await page.goto(`${env.baseUrl}/orgs/organisations/${org.id}`);
      await page.getByRole('heading', { name: '西苑小区党支部' }).waitFor();
      await page.getByRole('button', { name: /编\s*辑/ }).first().click();
      const dialog = page.getByRole('dialog', { name: /编辑 西苑小区党支部/ });
      await dialog.getByLabel('备注').fill('2026 年换届筹备中');
      // Someone else saves the organisation meanwhile.
      await api.patch(`/api/orgs/${org.id}`, { version: org.version, note: '他人修改' });
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('该记录已被他人修改，请刷新后再改。您填写的内容会保留。').waitFor();
      await page.locator('.ant-notification').getByRole('button', { name: /刷\s*新/ }).click();
      await page.getByText('已载入最新版本，您填写的内容未改动，请核对后再次提交').waitFor();
      expect(await dialog.getByLabel('备注').inputValue()).toBe('2026 年换届筹备中');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('组织已保存').waitFor();
      await page.locator('.ant-descriptions').getByText('2026 年换届筹备中').waitFor();
    });
  }, 120_000);

  it('is usable at 390 px: the warnings and five-ones pages do not scroll sideways', async () => {
    await env.withPage(
      'orgs-five-ones-390px',
      async ({ page }) => {
        await signIn(page, env.baseUrl, 'orgs.worker');
        await page.getByRole('heading', { name: '您好，周社工' }).waitFor();
        await page.goto(`${env.baseUrl}/orgs/warnings`);
        await page.locator('.ant-table-tbody').getByRole('link', { name: '东湖小区党支部' }).waitFor();
        expect(await scrollsSideways(page)).toBe(false);
        await page.goto(`${env.baseUrl}/orgs/five-ones`);
        await page.locator('.ant-table-tbody').getByRole('link', { name: '东湖小区' }).waitFor();
        expect(await scrollsSideways(page)).toBe(false);
      },
      { width: 390, height: 844 },
    );
  }, 120_000);
});
