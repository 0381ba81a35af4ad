// A rectification campaign over a street and a dispute taken to an agreement, through the console: the campaign shows the
// compounds not yet inspected, an inspection with a finding raises coverage and makes an incident, and finishing with open
// compounds is refused until they are waived with reasons; a dispute's party phone shows masked, is revealed with a reason,
// and mediation ends in an agreement; a dispute referred to the higher level appears on the community joint meeting's agenda.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { CampaignView } from '../../shared/campaigns.ts';
import type { MediatorView } from '../../shared/disputes.ts';
import type { Ctx } from '../../server/lib/context.ts';
import { SYSTEM_ACTOR } from '../../server/modules/accounts/actor.ts';
import { ensurePresets } from '../../server/modules/methods/index.ts';
import { seedCompound, seedRegions, type RegionFixture } from '../../server/modules/registry/index.ts';
import { apiAs, screenshot, scrollsSideways, signIn, startConsole, type ApiClient, type ConsoleEnv } from './browser.ts';

const PHONE = { width: 390, height: 844 };
const DAY = 24 * 3600_000;
/** A date in China time, `days` from today. */
const cstDate = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

let env: ConsoleEnv;
let places: RegionFixture;
let street: ApiClient;
let campaign: CampaignView;
let mediator: MediatorView;

beforeAll(async () => {
  env = await startConsole();
  const ctx: Ctx = { actor: SYSTEM_ACTOR, keys: env.deps.keys, clock: env.clock };
  const db = env.deps.db;
  places = await seedRegions(db, ctx);
  await ensurePresets(db, env.clock);
  await seedCompound(db, ctx, places.communityA.id, '锦华小区');
  await seedCompound(db, ctx, places.communityA.id, '北街一号院');
  await seedCompound(db, ctx, places.communityB.id, '南街花园');
  // Outside the street: never part of the campaign.
  await seedCompound(db, ctx, places.communityC.id, '舞凤小区');
  await env.user('cd.street', '王主任', [{ roleKey: 'street_admin', scopePath: places.streetA.path }]);
  street = await apiAs(env.baseUrl, 'cd.street');
  campaign = await street.post<CampaignView>('/api/campaigns', {
    regionId: places.streetA.id, name: '绿地种菜和消防通道专项整治', problemTypes: ['0107', '05'], startsOn: cstDate(), endsOn: cstDate(30),
  });
  mediator = await street.post<MediatorView>('/api/mediators', { regionId: places.streetA.id, kind: 'elder', elderKind: 'veteran_teacher', name: '李光明', phone: '13900001111' });
}, 240_000);

afterAll(async () => {
  await env?.close();
});

async function signedIn(page: Page): Promise<void> {
  await signIn(page, env.baseUrl, 'cd.street');
  await page.getByRole('heading', { name: '您好，王主任' }).waitFor();
}

/**
 * Picks an option of the antd Select labelled `label` inside `scope` and waits until the select shows it. A searchable
 * select is narrowed by typing first (the click then waits until only matching options are listed). On a busy machine the
 * list can move under the pointer between Playwright's aim and the click (a server search answering, the modal settling),
 * so a pick that did not take is tried again.
 */
async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  const select = scope.getByLabel(label, { exact: true });
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  const shown = scope.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.ant-select').filter({ hasText: option }).first();
  for (let attempt = 1; ; attempt++) {
    if ((await select.getAttribute('aria-expanded')) !== 'true') await select.click();
    if (await select.isEditable()) {
      await select.fill(option);
      await expect.poll(async () => (await options.count()) > 0 && (await options.filter({ hasNotText: option }).count()) === 0).toBe(true);
    }
    await options.filter({ hasText: option }).first().click();
    try {
      await shown.waitFor({ timeout: 4000 });
      return;
    } catch (e) {
      if (attempt === 3 || (await shown.isVisible())) throw e;
    }
  }
}

/** The task rows of the campaign page. */
const taskRows = (page: Page) => page.getByTestId('campaign-task');

describe('web console: campaigns and disputes', () => {
  it('starts a campaign over a street, records an inspection with a finding, and finishes only once the rest are waived', async () => {
    await env.withPage('campaign-coverage', async ({ page }) => {
      await signedIn(page);
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '专项整治' }).click();
      await page.getByRole('link', { name: campaign.name }).click();
      await page.getByRole('heading', { name: campaign.name }).waitFor();
      await page.getByRole('button', { name: '启动整治' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
      await expect.poll(() => page.getByTestId('campaign-status').innerText()).toBe('进行中');

      // Every compound of the street is listed as not yet inspected; the one outside the street is not.
      await expect.poll(() => taskRows(page).count()).toBe(3);
      const names = await taskRows(page).allInnerTexts();
      for (const n of ['锦华小区', '北街一号院', '南街花园']) expect(names.join('\n')).toContain(n);
      expect(names.join('\n')).not.toContain('舞凤小区');
      await expect.poll(() => page.getByTestId('coverage-text').innerText()).toBe('已检查 0 / 3 个小区');

      // An inspection that found vegetables on the green space: the coverage rises and the finding becomes an incident.
      await taskRows(page).filter({ hasText: '锦华小区' }).getByRole('button', { name: '登记检查' }).click();
      const dialog = page.getByRole('dialog', { name: '登记检查：锦华小区' });
      await dialog.getByText('发现问题', { exact: true }).click();
      await choose(page, dialog, '问题类别', '绿地种菜');
      await dialog.getByLabel('问题描述').fill('3 栋东侧绿地被开垦种菜');
      await dialog.getByLabel('具体位置').fill('3 栋东侧绿地');
      await screenshot(page, 'campaign-inspection-form');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('coverage-text').innerText()).toBe('已检查 1 / 3 个小区');
      await expect.poll(() => taskRows(page).count()).toBe(2);
      const link = page.getByTestId('finding-link').first();
      await link.waitFor();
      expect(await link.innerText()).toContain('3 栋东侧绿地被开垦种菜');
      const incidentId = (await link.getAttribute('href'))!.match(/\/incidents\/([^/?]+)/)![1];
      const incident = await street.get<{ id: string; categoryCode: string; description: string }>(`/api/incidents/${incidentId}`);
      expect(incident).toMatchObject({ id: incidentId, categoryCode: '0107', description: '3 栋东侧绿地被开垦种菜' });

      // Finishing with two compounds open is refused with the count, then goes through once both are waived with reasons.
      await page.getByRole('button', { name: '结束整治' }).click();
      const finish = page.getByRole('dialog', { name: `结束：${campaign.name}` });
      await finish.getByRole('button', { name: '结束整治' }).click();
      await finish.getByRole('alert').filter({ hasText: '不能结束：还有 2 个小区未检查' }).waitFor();
      expect((await street.get<CampaignView>(`/api/campaigns/${campaign.id}`)).status).toBe('running');
      await screenshot(page, 'campaign-finish-refused');
      await finish.getByLabel('北街一号院 的免检理由').fill('整体拆迁，已无住户');
      await finish.getByLabel('统一理由（只填入尚未填写的小区）').fill('本轮由区城管局另行检查');
      await finish.getByRole('button', { name: '批量填入' }).click();
      expect(await finish.getByLabel('北街一号院 的免检理由').inputValue()).toBe('整体拆迁，已无住户');
      expect(await finish.getByLabel('南街花园 的免检理由').inputValue()).toBe('本轮由区城管局另行检查');
      await finish.getByRole('button', { name: '免检 2 个小区并结束' }).click();
      await finish.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('campaign-status').innerText()).toBe('已结束');
      const done = await street.get<CampaignView>(`/api/campaigns/${campaign.id}`);
      expect(done.coverage).toMatchObject({ inScope: 3, inspected: 1, waived: 2, open: 0 });
    });
  }, 180_000);

  it('shows the finished campaign on a phone without sideways scrolling', async () => {
    await env.withPage('campaign-phone', async ({ page }) => {
      await signedIn(page);
      await page.goto(`${env.baseUrl}/campaigns/${campaign.id}`);
      await page.getByRole('heading', { name: campaign.name }).waitFor();
      await page.getByTestId('coverage-text').waitFor();
      expect(await scrollsSideways(page)).toBe(false);
    }, PHONE);
  }, 120_000);

  it('registers a dispute with a masked party phone, reveals it with a reason, and mediates it to an agreement', async () => {
    await env.withPage('dispute-agreed', async ({ page }) => {
      await signedIn(page);
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '矛盾纠纷' }).click();
      await page.getByRole('heading', { name: '矛盾纠纷' }).waitFor();
      await page.getByRole('button', { name: '登记纠纷' }).click();
      const form = page.getByRole('dialog', { name: '登记纠纷' });
      await choose(page, form, '小区（院落）', '北街一号院');
      await choose(page, form, '纠纷类型', '停车占道纠纷');
      await form.getByLabel('纠纷简况').fill('3 栋门前车辆长期占道，两户发生争执');
      const names = form.getByLabel('姓名');
      const phones = form.getByLabel('手机号');
      await names.nth(0).fill('张三丰');
      // A mistyped phone is caught before sending.
      await phones.nth(0).fill('1380013800');
      await form.getByRole('button', { name: /登\s*记/ }).click();
      await form.getByText('手机号应为 11 位，以 13–19 开头').waitFor();
      await phones.nth(0).fill('13800138000');
      await names.nth(1).fill('欧阳娜娜');
      await form.getByRole('button', { name: /登\s*记/ }).click();
      await form.waitFor({ state: 'detached' });

      await page.getByRole('heading', { name: '北街一号院 · 停车占道纠纷' }).waitFor();
      expect(await page.getByTestId('party-1-phone').innerText()).toBe('138****8000');
      expect(await page.getByTestId('party-1-name').innerText()).toBe('张*丰');
      expect(await page.locator('body').innerText()).not.toContain('13800138000');

      // Reveal the phone with a reason: shown in the modal only.
      await page.getByRole('button', { name: '查看当事人 1 的手机号明文' }).click();
      const reveal = page.getByRole('dialog', { name: '查看当事人 1 的明文' });
      await reveal.getByLabel('查看事由').fill('电话通知当事人到场调解');
      await reveal.getByRole('button', { name: '查看明文' }).click();
      expect(await reveal.getByTestId('plain-phone').innerText()).toBe('13800138000');
      await screenshot(page, 'dispute-reveal');
      await reveal.getByRole('button', { name: '关闭' }).click();
      await reveal.waitFor({ state: 'detached' });

      // Assign the street's elder, record a session, record the agreement.
      const act = async (button: string, fill: (d: Locator) => Promise<void>, status: string) => {
        await page.getByRole('button', { name: button, exact: true }).click();
        const d = page.getByRole('dialog', { name: button });
        await fill(d);
        await d.getByRole('button', { name: /提\s*交/ }).click();
        await d.waitFor({ state: 'detached' });
        await expect.poll(() => page.getByTestId('dispute-status').innerText()).toBe(status);
      };
      await act('指派调解员', async (d) => {
        await choose(page, d, '调解员', mediator.name);
        await d.getByText('从本小区所在社区、街道等各级调解员库中选择调解员。').click();
      }, '调解中');
      await act('记录调解', async (d) => {
        await d.getByLabel('调解地点').fill('北街社区调解室');
        await d.getByLabel('调解经过').fill('双方同意划定临时停车位，3 栋门前不再停车');
      }, '调解中');
      await act('达成协议', async (d) => {
        await d.getByLabel('协议内容').fill('张某将车辆停至划定车位，欧阳某不再堆放杂物');
      }, '达成协议');
      await page.getByText('双方同意划定临时停车位，3 栋门前不再停车').first().waitFor();
      await page.getByText('张某将车辆停至划定车位，欧阳某不再堆放杂物').first().waitFor();
      // The next step offered is the return visit.
      await page.getByRole('button', { name: /^回\s*访$/ }).waitFor();
    });
  }, 180_000);

  it('refers a dispute mediation could not settle up to the community joint meeting, whose agenda then lists it', async () => {
    const party = await street.post<{ id: string }>('/api/orgs', { type: 'party_committee', name: '北街社区党委', regionId: places.communityA.id });
    const body = await street.post<{ id: string }>('/api/joint-bodies', { placeId: places.communityA.id, name: '北街社区联席会议', members: [party.id], rota: [party.id], rotaStart: cstDate().slice(0, 7) });
    const compound = (await street.get<{ items: { id: string; name: string }[] }>(`/api/compounds?q=${encodeURIComponent('锦华小区')}`)).items[0];
    const d = await street.post<{ id: string }>('/api/disputes', {
      compoundId: compound.id, type: 'property_service', summary: '电梯维修费分摊争议，多次调解未果', parties: [{ name: '赵大勇', side: 'applicant' }, { name: '锦华物业', side: 'respondent' }],
    });
    await env.withPage('dispute-referred', async ({ page }) => {
      await signedIn(page);
      await page.goto(`${env.baseUrl}/disputes/${d.id}`);
      await page.getByRole('heading', { name: '锦华小区 · 物业服务纠纷' }).waitFor();
      await page.getByRole('button', { name: /^移\s*交$/ }).click();
      const dialog = page.getByRole('dialog', { name: '移交' });
      await dialog.getByText('上级调解组织', { exact: true }).click();
      await dialog.getByLabel('移交单位及说明').fill('涉及全楼业主，提交社区联席会议协调');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('dispute-status').innerText()).toBe('已移交');
      await page.getByText('已列入“北街社区联席会议”下次会议议程').waitFor();

      await page.goto(`${env.baseUrl}/joint-meetings/${body.id}`);
      await page.getByRole('tab', { name: '下次会议议程' }).click();
      const item = page.locator('.ant-list-item', { hasText: '电梯维修费分摊争议' });
      await item.getByText('纠纷移交').waitFor();
      await item.getByText('涉及全楼业主，提交社区联席会议协调').waitFor();
      await screenshot(page, 'joint-agenda-referred-dispute');
      await item.getByRole('link', { name: '查看纠纷' }).click();
      await page.getByRole('heading', { name: '锦华小区 · 物业服务纠纷' }).waitFor();
    });
  }, 180_000);
});
