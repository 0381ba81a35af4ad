import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Bulletin, MatterDetail, OpinionView, ParticipantView, PoolMemberView } from '../../shared/deliberation.ts';
import type { Ctx } from '../../server/lib/context.ts';
import { SYSTEM_ACTOR } from '../../server/modules/accounts/actor.ts';
import { ensurePresets } from '../../server/modules/methods/index.ts';
import { createOrg } from '../../server/modules/orgs/index.ts';
import { seedCompound, seedRegions } from '../../server/modules/registry/index.ts';
import { apiAs, screenshot, scrollsSideways, signIn, startConsole, type ApiClient, type ConsoleEnv } from './browser.ts';

// One joint talk (联手说事) from a resident's opinion on the public form to the published result on the bulletin, with the
// stage actions clicked in the console. The its share one world and run in order: each picks up what the last one left.

let env: ConsoleEnv;
let compound: { id: string; path: string };
let worker: ApiClient;
let leader: ApiClient;
const orgs = { executor: '', conflict: '' };
const pool: Record<string, PoolMemberView> = {};
let opinionId = '';
let matterId = '';

const PHONE = { width: 390, height: 844 };
const RESIDENT = { name: '刘桂兰', phone: '13912345678', masked: '139****5678' };
const OPINION = '东门消防通道每晚都被私家车占着，鑫达停车场车位又太贵，希望重新规划停车位。';
const TITLE = '东门消防通道停车整治';
const LEADER_NAME = '王志明';
// The measures name a participant in full, as minutes often do: the bulletin must not show that name.
const MEASURES = '物业在东门外侧施划 20 个夜间临时车位；消防通道两侧设隔离桩；网格员张国强每晚 9 点巡查。';
const MEASURES_PUBLIC_PART = '物业在东门外侧施划 20 个夜间临时车位';
const RESULT = '已施划临时车位 20 个，隔离桩安装完毕，消防通道连续两周保持畅通。';
/** Full names of everyone in the pool, the resident and the talk leader: none may appear on the bulletin. */
const PEOPLE = ['陈建华', '李晓梅', '王淑芬', '张国强', '刘志刚', '赵德明', '周美玲', '孙立军', RESIDENT.name, LEADER_NAME];
/** The 1+5+N pool: one of each fixed kind, a department, a neighbour, and an employee of the company complained about. */
const POOL = [
  { key: 'secretary', kind: 'community_secretary', name: '陈建华', expertise: ['policy'], phone: '13800000001' },
  { key: 'cadre', kind: 'community_cadre', name: '李晓梅', expertise: ['parking'], phone: '13800000002' },
  { key: 'residentRep', kind: 'resident_rep', name: '王淑芬', expertise: ['parking'], phone: '13800000003' },
  { key: 'grid', kind: 'grid_worker', name: '张国强', expertise: [], phone: '13800000004' },
  { key: 'police', kind: 'police_officer', name: '刘志刚', expertise: ['safety'], phone: '13800000005' },
  { key: 'retired', kind: 'retired_cadre', name: '赵德明', expertise: [], phone: '13800000006' },
  { key: 'department', kind: 'department', name: '区城管执法中队', expertise: ['parking'] },
  { key: 'neighbour', kind: 'interested_party', name: '周美玲', expertise: ['parking'], phone: '13800000007' },
  { key: 'conflicted', kind: 'interested_party', name: '孙立军', expertise: ['parking'], phone: '13800000008', conflictOrg: true },
] as const;
const PROPOSED = ['secretary', 'cadre', 'residentRep', 'grid', 'police', 'retired', 'department', 'neighbour'];

/** A date `days` from today in Beijing time, as the date pickers take it. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Picks the option of the open Ant Design select dropdown; a single select's dropdown is waited out, so the next pick finds only its own. */
async function pickOption(page: Page, text: string, opts: { multiple?: boolean } = {}): Promise<void> {
  await page.locator('.ant-select-dropdown:visible').getByText(text, { exact: true }).click();
  if (!opts.multiple) await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** The stage tag next to the matter's title. */
function stageTag(page: Page): Locator {
  return page.locator('.ant-space', { has: page.getByRole('heading', { level: 3 }) }).locator('.ant-tag').first();
}

/** Clicks a stage action on the matter page, fills its form and waits until the page shows the next stage. */
async function fireStage(page: Page, button: string, fill: (dialog: Locator) => Promise<void>, nextStage: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog', { name: button });
  await dialog.getByText(`提交后进入阶段：${nextStage}`).waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await dialog.waitFor({ state: 'detached' });
  // The header's stage tag follows the event.
  await expect.poll(() => stageTag(page).innerText()).toBe(nextStage);
}

beforeAll(async () => {
  env = await startConsole();
  const ctx: Ctx = { actor: SYSTEM_ACTOR, keys: env.deps.keys, clock: env.clock };
  const db = env.deps.db;
  const places = await seedRegions(db, ctx);
  await ensurePresets(db, env.clock);
  compound = await seedCompound(db, ctx, places.communityA.id, '东湖小区');
  orgs.executor = (await createOrg(db, ctx, { type: 'property_company', name: '东湖物业服务中心', compoundId: compound.id })).org.id;
  orgs.conflict = (await createOrg(db, ctx, { type: 'resident_unit', name: '鑫达停车管理有限公司', compoundId: compound.id })).org.id;
  await env.user('jt.worker', '周社工', [{ roleKey: 'community_worker', scopePath: places.communityA.path }]);
  await env.user('jt.leader', LEADER_NAME, [{ roleKey: 'compound_secretary', scopePath: compound.path }]);
  worker = await apiAs(env.baseUrl, 'jt.worker');
  leader = await apiAs(env.baseUrl, 'jt.leader');
  for (const m of POOL) {
    pool[m.key] = await worker.post<PoolMemberView>('/api/pool-members', {
      compoundId: compound.id, kind: m.kind, name: m.name, expertise: m.expertise,
      ...('phone' in m ? { phone: m.phone } : {}), ...('conflictOrg' in m ? { orgId: orgs.conflict } : {}),
    });
  }
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('web console and public pages: one joint talk from a resident opinion to the published result', () => {
  it('takes an opinion on a phone without an account, and a resend after a lost answer does not duplicate it', async () => {
    await env.withPage(
      'joint-talk-opinion-phone',
      async ({ page }) => {
        // The first send reaches the server, but its answer is lost on the way back (a phone in a lift).
        let loseAnswer = true;
        await page.route('**/api/public/compounds/*/opinions', async (route) => {
          if (!loseAnswer || route.request().method() !== 'POST') return route.continue();
          loseAnswer = false;
          await route.fetch();
          await route.abort('internetdisconnected');
        });
        await page.goto(`${env.baseUrl}/p/${compound.id}/opinion`);
        await page.getByRole('heading', { name: '我要说事' }).waitFor();
        await page.getByText('东湖小区').first().waitFor();
        await page.getByLabel('想说的事').fill(OPINION);
        await page.getByLabel('属于哪类事（可不选）').selectOption({ label: '停车' });
        await page.getByLabel('怎么称呼您（可不填）').fill(RESIDENT.name);
        await page.getByLabel('联系电话（可不填）').fill(RESIDENT.phone);
        expect(await scrollsSideways(page)).toBe(false);
        await screenshot(page, 'joint-talk-opinion-form');
        await page.getByRole('button', { name: '提交' }).click();
        await page.getByText(/网络不好，意见还没有发出去/).waitFor();

        // Reloading brings the draft back; sending it again reuses its id, so the server answers the first receipt.
        await page.reload();
        await page.getByText('上次有一条意见没有发送成功，内容已为您恢复。').waitFor();
        expect(await page.getByLabel('想说的事').inputValue()).toBe(OPINION);
        expect(await page.getByLabel('联系电话（可不填）').inputValue()).toBe(RESIDENT.phone);
        await screenshot(page, 'joint-talk-opinion-draft-restored');
        await page.getByRole('button', { name: '重新发送' }).click();
        await page.getByRole('heading', { name: '已收到您的意见' }).waitFor();
        expect(loseAnswer).toBe(false);
        expect(await scrollsSideways(page)).toBe(false);
      },
      PHONE,
    );
    const list = await worker.get<{ items: OpinionView[]; total: number }>(`/api/opinions?compoundId=${compound.id}`);
    expect(list.total).toBe(1);
    const [o] = list.items;
    expect([o.content, o.category, o.channel, o.proxy, o.phoneMasked, o.status]).toEqual([OPINION, 'parking', 'online', false, RESIDENT.masked, 'received']);
    opinionId = o.id;
  }, 60_000);

  it('lets the talk leader take the opinion up as a joint talk and save the proposed 1+5+N participants without the conflicted member', async () => {
    expect(opinionId).not.toBe('');
    await env.withPage('joint-talk-participants', async ({ page }) => {
      await signIn(page, env.baseUrl, 'jt.leader');
      await page.getByRole('heading', { name: `您好，${LEADER_NAME}` }).waitFor();
      await page.goto(`${env.baseUrl}/deliberation/opinions`);
      await page.getByRole('heading', { name: '民情民意' }).waitFor();
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: OPINION });
      await row.waitFor();
      // The phone shows masked only.
      expect(await row.innerText()).toContain(RESIDENT.masked);
      expect(await page.locator('body').innerText()).not.toContain(RESIDENT.phone);
      await screenshot(page, 'joint-talk-opinions');
      await row.getByRole('button', { name: '转为议题' }).click();

      // The form opens with the opinion's compound, source, category and the opinion itself.
      const dialog = page.getByRole('dialog', { name: '新建议题' });
      await dialog.waitFor();
      await expect.poll(() => dialog.innerText()).toContain(OPINION);
      const prefilled = await dialog.innerText();
      for (const s of ['东湖小区', '居民意见', '停车']) expect(prefilled).toContain(s);
      await dialog.getByLabel('议题', { exact: true }).fill(TITLE);
      await dialog.getByLabel('议事方法').click();
      await pickOption(page, '联手说事（集商解评晒）');
      await dialog.getByLabel('执行单位').fill('东湖物业');
      await pickOption(page, '东湖物业服务中心');
      await dialog.getByLabel('办结期限').fill(dayFromNow(30));
      await dialog.getByLabel('办结期限').press('Enter');
      await dialog.getByLabel('有利害关系的单位').fill('鑫达');
      await pickOption(page, '鑫达停车管理有限公司', { multiple: true });
      // Close the dropdown without Escape, which would close the dialog.
      await dialog.locator('.ant-modal-title').click();
      await screenshot(page, 'joint-talk-take-up');
      const created = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/matters');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      const body = (await created).postDataJSON() as Record<string, unknown>;
      expect(body).toMatchObject({
        compoundId: compound.id, title: TITLE, category: 'parking', source: 'resident_opinion', methodKey: 'lianshou',
        executorOrgId: orgs.executor, conflictOrgIds: [orgs.conflict], opinionIds: [opinionId],
      });
      await page.waitForURL(/\/deliberation\/matters\/[0-9a-f-]{36}/);
      matterId = /\/deliberation\/matters\/([0-9a-f-]{36})/.exec(page.url())![1];
      await page.getByRole('heading', { name: TITLE }).waitFor();
      expect(await stageTag(page).innerText()).toBe('集：收集民意');

      // The proposal covers the 1 and the 5, adds the matching N, and leaves out the conflicted member with the reason.
      await page.getByRole('tab', { name: '说事成员' }).click();
      await page.getByRole('button', { name: '推荐说事成员' }).click();
      const modal = page.getByRole('dialog', { name: '确定说事成员' });
      const chosen = modal.locator('.ant-table-tbody').first();
      await chosen.getByText('陈建华').waitFor();
      const chosenText = await chosen.innerText();
      for (const key of PROPOSED) expect(chosenText).toContain(pool[key].name);
      expect(chosenText).not.toContain('孙立军');
      for (const reason of ['“1”：社区党组织书记', '“5”：社区干部', '“5”：党员代表或居民代表', '“5”：网格员', '“5”：片区民警', '“5”：退休干部', '“N”：职能部门', '“N”：利益相关方']) {
        expect(chosenText).toContain(reason);
      }
      expect(await modal.getByText(/成员库缺少以下固定成员/).count()).toBe(0);
      const excluded = modal.locator('tr').filter({ hasText: '孙立军' });
      expect(await excluded.innerText()).toContain('所在单位“鑫达停车管理有限公司”与本议题有利害关系，应当回避');
      await screenshot(page, 'joint-talk-proposal');
      await modal.getByRole('button', { name: `保存名单（${PROPOSED.length} 人）` }).click();
      await page.getByText(`已保存 ${PROPOSED.length} 名说事成员`).waitFor();
      await modal.waitFor({ state: 'detached' });
    });
    const saved = await leader.get<ParticipantView[]>(`/api/matters/${matterId}/participants`);
    expect(saved.map((p) => p.memberId).sort()).toEqual(PROPOSED.map((k) => pool[k].id).sort());
    const [taken] = (await worker.get<{ items: OpinionView[] }>(`/api/opinions?compoundId=${compound.id}`)).items;
    expect([taken.status, taken.matterId]).toEqual(['taken_up', matterId]);
  }, 90_000);

  it('walks the five steps 集 商 解 评 晒 through the stage actions, the timeline listing each', async () => {
    expect(matterId).not.toBe('');
    // The bench meeting with its sign-ins is recorded through the API; the stage actions are clicked below.
    const members = PROPOSED.map((k) => pool[k].id);
    let meeting = await leader.post<{ id: string; version: number }>('/api/meetings', {
      compoundId: compound.id, matterId, purpose: 'deliberation', form: 'bench', title: '东门停车板凳会', startsAt: new Date().toISOString(),
      place: '东门小广场', invitedMemberIds: members,
    });
    for (const memberId of members) meeting = await leader.post(`/api/meetings/${meeting.id}/sign-in`, { memberId });
    meeting = await leader.patch(`/api/meetings/${meeting.id}`, { version: meeting.version, minutes: `到会 ${members.length} 人，议定东门停车整治措施。`, decisions: MEASURES });
    await leader.post(`/api/meetings/${meeting.id}/held`, { version: meeting.version });

    await env.withPage('joint-talk-matter-timeline', async ({ page }) => {
      await signIn(page, env.baseUrl, 'jt.leader');
      await page.getByRole('heading', { name: `您好，${LEADER_NAME}` }).waitFor();
      await page.goto(`${env.baseUrl}/deliberation/matters/${matterId}`);
      await page.getByRole('heading', { name: TITLE }).waitFor();
      await fireStage(page, '集：确定说事议题', async (d) => {
        await d.getByLabel('说事议题与收集到的意见').fill('东门消防通道夜间被占、收费车位贵，居民希望重新规划停车位。');
      }, '商：联手说事');
      await fireStage(page, '商：记录说事会', async (d) => {
        await d.getByLabel('说事形式（集中/座谈/线上/板凳会/炕头会）').click();
        await pickOption(page, '板凳会');
        await d.getByLabel('说事纪要').fill('在东门小广场开板凳会，8 名说事成员到会，业主代表和城管中队分别发言。');
        await d.getByLabel('商定的措施').fill(MEASURES);
      }, '解：化解落实');
      await fireStage(page, '解：落实完成', async (d) => {
        await d.getByLabel('落实情况').fill(RESULT);
      }, '评：群众评议');
      await fireStage(page, '评：群众评议', async (d) => {
        await d.locator('.ant-rate-star').nth(3).click();
        await d.getByLabel('评议意见').fill('夜里通道畅通了，车位还可以再多一些。');
      }, '晒：结果公示');
      await fireStage(page, '晒：公示结果', async (d) => {
        await d.getByLabel('公示内容').fill(`${TITLE}：${MEASURES_PUBLIC_PART}，已落实，群众满意度 4 分。`);
      }, '已公示');
      await page.getByText('流程已结束').waitFor();

      await page.getByRole('tab', { name: '办理过程' }).click();
      const timeline = page.locator('.ant-timeline');
      await timeline.getByText('晒：公示结果').waitFor();
      const text = await timeline.innerText();
      for (const step of ['集：确定说事议题', '商：记录说事会', '解：落实完成', '评：群众评议', '晒：公示结果']) expect(text).toContain(step);
      expect(text).toContain('板凳会');
      await screenshot(page, 'joint-talk-matter-published');

      // The matter list keeps its filters in the address: the ended matter, found by its title, is there after a reload.
      await page.goto(`${env.baseUrl}/deliberation/matters`);
      await page.getByLabel('办理状态').click();
      await page.locator('.ant-select-dropdown:visible').getByText('已结束', { exact: true }).click();
      await page.locator('#matters-q').fill('东门消防');
      await page.locator('#matters-q').press('Enter');
      const row = page.locator('tr.ant-table-row', { hasText: TITLE });
      await row.waitFor();
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ q: '东门消防', state: 'ended' });
      await page.reload();
      await row.waitFor();
      expect(await page.locator('#matters-q').inputValue()).toBe('东门消防');
      await screenshot(page, 'matters-list-from-address');
    });
    const m = await leader.get<MatterDetail>(`/api/matters/${matterId}`);
    expect([m.stage, m.terminal, m.outcome, m.decision, m.result, m.satisfaction]).toEqual(['published', true, 'resolved', MEASURES, RESULT, 4]);
    expect(m.timeline.map((e) => e.event).slice(-5)).toEqual(['collect', 'discuss', 'resolve', 'evaluate', 'publish']);
  }, 90_000);

  it('shows the published result on the bulletin at 390 px without personal data', async () => {
    expect(matterId).not.toBe('');
    await env.withPage(
      'joint-talk-bulletin-phone',
      async ({ page }) => {
        await page.goto(`${env.baseUrl}/p/${compound.id}`);
        await page.getByRole('heading', { name: '东湖小区' }).waitFor();
        const item = page.locator('article').filter({ has: page.getByRole('heading', { name: TITLE }) });
        await item.waitFor();
        const text = await item.innerText();
        expect(text).toContain(MEASURES_PUBLIC_PART);
        // The grid worker named in the measures shows masked.
        expect(text).toContain('网格员张*强每晚 9 点巡查');
        expect(text).toContain('东湖物业服务中心');
        expect(text).toContain(RESULT);
        expect(text).toContain('★★★★☆');
        expect(text).toContain('已公示');
        expect(await scrollsSideways(page)).toBe(false);
        const all = await page.locator('body').innerText();
        expect(all).not.toMatch(/1[3-9]\d{9}/);
        expect(all).not.toContain(RESIDENT.masked);
        expect(all).not.toMatch(/\d{17}[\dXx]/);
        for (const name of PEOPLE) expect(all).not.toContain(name);
      },
      PHONE,
    );
    // The bulletin's API answer carries none of it either.
    const res = await fetch(`${env.baseUrl}/api/public/compounds/${compound.id}/bulletin`);
    const raw = await res.text();
    const b = JSON.parse(raw) as Bulletin;
    expect(b.items.map((i) => i.title)).toEqual([TITLE]);
    expect(raw).not.toMatch(/1[3-9]\d{9}/);
    for (const name of PEOPLE) expect(raw).not.toContain(name);
  }, 60_000);
});
