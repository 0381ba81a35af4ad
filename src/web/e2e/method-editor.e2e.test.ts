import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../server/lib/context.ts';
import { SYSTEM_ACTOR } from '../../server/modules/accounts/actor.ts';
import { ensurePresets } from '../../server/modules/methods/index.ts';
import { seedRegions, type RegionFixture } from '../../server/modules/registry/index.ts';
import { apiAs, cjkTextWidth, screenshot, signIn, startConsole, type ConsoleEnv } from './browser.ts';

let env: ConsoleEnv;
let places: RegionFixture;

/** A street's own four-step method (提 raise → 议 discuss → 办 handle → 评 review → closed), with one typo: handle goes to "handeld". */
const FOUR_STEP_WITH_TYPO = {
  key: 'louyi_four_step',
  name: { zh: '楼道议事四步法', en: 'Stairwell four-step method' },
  initial: 'raised',
  stages: [
    { key: 'raised', name: { zh: '提事', en: 'Raised' }, deadline: { amount: 3, unit: 'working_days' }, owner: 'reporter' },
    { key: 'discussed', name: { zh: '议事', en: 'Discussed' }, deadline: { amount: 7, unit: 'natural_days' }, owner: 'talk_leader' },
    { key: 'handled', name: { zh: '办事', en: 'Handled' }, deadline: { amount: 16, unit: 'working_hours' }, owner: 'assignee' },
    { key: 'reviewed', name: { zh: '评事', en: 'Reviewed' }, deadline: { amount: 2, unit: 'working_days' }, owner: 'talk_leader' },
    { key: 'closed', name: { zh: '已完结', en: 'Closed' }, terminal: true },
  ],
  transitions: [
    { event: 'discuss', name: { zh: '楼道议事', en: 'Discuss' }, from: 'raised', to: 'discussed', who: ['talk_leader'], inputs: [{ key: 'minutes', kind: 'minutes', required: true }] },
    { event: 'handle', name: { zh: '办理', en: 'Handle' }, from: 'discussed', to: 'handeld', who: ['assignee'], inputs: [{ key: 'result', kind: 'text', required: true }] },
    { event: 'review', name: { zh: '评议', en: 'Review' }, from: 'handled', to: 'reviewed', who: ['participant', 'talk_leader'], inputs: [{ key: 'satisfaction', kind: 'satisfaction', required: true }] },
    { event: 'redo', name: { zh: '重办', en: 'Redo' }, from: 'reviewed', to: 'discussed', who: ['talk_leader'], counts: 'rework' },
    { event: 'close', name: { zh: '完结', en: 'Close' }, from: 'reviewed', to: 'closed', who: ['talk_leader', 'community_worker'] },
  ],
};

beforeAll(async () => {
  env = await startConsole();
  const ctx: Ctx = { actor: SYSTEM_ACTOR, keys: env.deps.keys, clock: env.clock };
  places = await seedRegions(env.deps.db, ctx);
  await ensurePresets(env.deps.db, env.clock);
  await env.user('methods.street', '街道方法管理员', [{ roleKey: 'street_admin', scopePath: places.streetA.path }]);
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('web console: method template editor', () => {
  it('shows a template problem next to its field, and saves and publishes a valid four-step method', async () => {
    await env.withPage('method-editor', async ({ page }) => {
      await signIn(page, env.baseUrl, 'methods.street');
      await page.getByRole('heading', { name: /您好/ }).waitFor();
      await page.goto(`${env.baseUrl}/methods/templates`);
      await page.getByRole('link', { name: '五议工作法' }).waitFor();
      await page.getByRole('button', { name: '新建方法' }).click();
      await page.getByRole('heading', { name: '新建方法模板' }).waitFor();

      // Paste the method as JSON: the typo shows under the transition's "to" field and in the list, and nothing is saved.
      await page.getByRole('tab', { name: 'JSON' }).click();
      await page.getByLabel('模板 JSON').fill(JSON.stringify(FOUR_STEP_WITH_TYPO, null, 2));
      const problems = page.getByTestId('template-problems');
      await expect.poll(() => problems.textContent()).toContain('transitions.1.to');
      await page.getByRole('tab', { name: /流转/ }).click();
      const atField = page.locator('[data-problem-for="transitions.1.to"]');
      await expect.poll(() => atField.textContent()).toBe('没有这个阶段：handeld');
      // The unreachable stages follow from the typo and are shown at their keys.
      await page.getByRole('tab', { name: /阶段/ }).click();
      await expect.poll(() => page.locator('[data-problem-for="stages.2.key"]').textContent()).toContain('无法到达阶段 handled');
      // A bad stage key is reported while typing, then put back.
      await page.locator('#tpl-stages-0-key').fill('Raised Stage');
      await expect.poll(() => page.locator('[data-problem-for="stages.0.key"]').textContent()).toContain('标识只能用小写字母');
      await page.locator('#tpl-stages-0-key').fill('raised');
      await expect.poll(() => page.locator('[data-problem-for="stages.0.key"]').count()).toBe(0);
      await page.getByRole('button', { name: /保存草稿/ }).click();
      await page.getByText(/还有 \d+ 个问题，保存前请先修正/).waitFor();
      await screenshot(page, 'method-editor-problems');

      // Fix the typo in the form: pick "handled" as the target stage.
      await page.getByRole('tab', { name: /流转/ }).click();
      await page.locator('#tpl-transitions-1-to').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('办事 · handled').click();
      await expect.poll(() => problems.textContent()).toContain('检查通过');
      await page.getByRole('tab', { name: '流程图' }).click();
      await expect.poll(() => page.locator('[data-testid="stage-diagram"] [data-stage]').count()).toBe(5);

      await page.getByRole('button', { name: /保存草稿/ }).click();
      await page.getByText('已保存为第 1 版草稿', { exact: true }).waitFor();
      await page.waitForURL(/\/methods\/templates\/louyi_four_step\?version=1/);
      await page.locator('[data-status="draft"]').first().waitFor();
      await page.getByRole('button', { name: /发\s*布/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: /发\s*布/ }).click();
      await page.getByText('已发布第 1 版', { exact: true }).waitFor();
      await page.locator('[data-status="published"]').first().waitFor();
      expect(await cjkTextWidth(page)).toBeGreaterThanOrEqual(60);

      const street = await apiAs(env.baseUrl, 'methods.street');
      const saved = await street.get<{ current: { version: number; scopePath: string; body: { stages: { key: string }[]; transitions: { to: string }[] } } }>('/api/method-templates/louyi_four_step');
      expect([saved.current.version, saved.current.scopePath]).toEqual([1, places.streetA.path]);
      expect(saved.current.body.stages.map((s) => s.key)).toEqual(['raised', 'discussed', 'handled', 'reviewed', 'closed']);
      expect(saved.current.body.transitions[1].to).toBe('handled');
    });
  }, 180_000);
});
