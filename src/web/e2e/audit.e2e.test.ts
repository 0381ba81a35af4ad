import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cjkTextWidth, signIn, startConsole, type ConsoleEnv } from './browser.ts';

let env: ConsoleEnv;

beforeAll(async () => {
  env = await startConsole();
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('web console: audit log', () => {
  it('shows an auditor the sign-in entries, their detail, and the green chain status', async () => {
    await env.user('auditor.sun', '孙审计', [{ roleKey: 'audit_admin', scopePath: '/' }]);
    await env.withPage('audit-log', async ({ page }) => {
      await signIn(page, env.baseUrl, 'auditor.sun', 'a-wrong-password');
      await page.getByRole('alert').filter({ hasText: '还可尝试' }).waitFor();
      await signIn(page, env.baseUrl, 'auditor.sun');
      await page.getByRole('heading', { name: '您好，孙审计' }).waitFor();
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '审计日志' }).click();
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      await page.getByText(/^审计链完整（\d+ 条）$/).waitFor();
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor();
      // Newest first: this sign-in, then the failed one.
      await rows.filter({ hasText: 'auth.login' }).filter({ hasText: '成功' }).first().waitFor();
      await rows.filter({ hasText: 'auth.login' }).filter({ hasText: '失败' }).first().waitFor();
      // Filter to failures only.
      await page.getByLabel('结果').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '失败' }).click();
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await expect.poll(async () => (await rows.filter({ hasText: '成功' }).count()) === 0 && (await rows.count()) > 0, { timeout: 20_000 }).toBe(true);
      await rows.first().getByRole('button', { name: /查看第 \d+ 条记录详情/ }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByText('详细内容（JSON）').waitFor();
      await drawer.getByText('"bad_password"').waitFor();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: /重\s*置/ }).click();
      await rows.filter({ hasText: '成功' }).first().waitFor();
      expect(await cjkTextWidth(page)).toBeGreaterThanOrEqual(60);
    });
  }, 120_000);
});
