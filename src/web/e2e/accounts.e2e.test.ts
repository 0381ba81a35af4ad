import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cjkTextWidth, E2E_PASSWORD, jsBytesDuring, screenshot, scrollsSideways, signIn, startConsole, type ConsoleEnv } from './browser.ts';

let env: ConsoleEnv;

beforeAll(async () => {
  env = await startConsole();
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('web console: sign-in and accounts', () => {
  it('shows the attempts left after a wrong password, then the layout with the user name and role', async () => {
    await env.user('wang.xh', '王小红', [{ roleKey: 'community_worker', scopePath: '/511300/511302/511302001/' }]);
    await env.withPage('login-wrong-then-right', async ({ page }) => {
      await signIn(page, env.baseUrl, 'wang.xh', 'not-the-password');
      await page.getByRole('alert').filter({ hasText: '用户名或密码错误，还可尝试 4 次' }).waitFor();
      await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('user-menu').getByText('王小红').waitFor();
      await page.getByTestId('user-menu').getByText('社区工作者').waitFor();
      await page.getByRole('heading', { name: '您好，王小红' }).waitFor();
      // Menu entries follow the permissions: a community worker sees the registry, not the administration.
      const nav = page.getByRole('navigation', { name: '主菜单' });
      await nav.getByText('登记管理').waitFor();
      expect(await nav.getByText('系统管理').count()).toBe(0);
      expect(await nav.getByText('审计日志').count()).toBe(0);
      // The menu leads to the registry's pages, with the breadcrumb naming the group and the page.
      await nav.getByRole('link', { name: '小区（院落）' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/registry/compounds');
      await page.locator('.ant-breadcrumb').getByText('登记管理').waitFor();
      await page.locator('.ant-breadcrumb').getByText('小区（院落）').waitFor();
      expect(await cjkTextWidth(page)).toBeGreaterThanOrEqual(60);
      await screenshot(page, 'layout-registry-page');
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.getByText('您已安全退出').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    });
  }, 120_000);

  it('lets a system administrator create a user and shows the one-time password, which works once for a forced change', async () => {
    await env.user('sys.admin', '系统管理员甲', [{ roleKey: 'system_admin', scopePath: '/' }]);
    let initial = '';
    await env.withPage('admin-create-user', async ({ page }) => {
      await signIn(page, env.baseUrl, 'sys.admin');
      const nav = page.getByRole('navigation', { name: '主菜单' });
      await nav.getByText('系统管理').waitFor();
      await nav.getByRole('link', { name: '用户管理' }).click();
      await page.getByRole('heading', { name: '用户管理' }).waitFor();
      await page.getByRole('cell', { name: 'sys.admin' }).waitFor();
      await page.getByRole('button', { name: /新建用户/ }).click();
      const dialog = page.getByRole('dialog', { name: '新建用户' });
      await dialog.getByLabel('用户名').fill('li.si');
      await dialog.getByLabel('姓名').fill('李四');
      await dialog.getByRole('button', { name: /创\s*建/ }).click();
      const shown = page.getByRole('dialog', { name: '用户已创建' });
      await shown.waitFor();
      initial = (await shown.getByTestId('one-time-secret').innerText()).trim();
      expect(initial).toMatch(/^[A-Za-z0-9-]{12,}$/);
      await shown.getByText('此密码仅显示这一次').waitFor();
      expect(await shown.getByRole('button', { name: /复制/ }).count()).toBeGreaterThan(0);
      await page.getByRole('cell', { name: 'li.si' }).waitFor();
      expect(await cjkTextWidth(page)).toBeGreaterThanOrEqual(60);
    });
    await env.withPage('first-sign-in-forced-change', async ({ page }) => {
      await signIn(page, env.baseUrl, 'li.si', initial);
      await page.getByText('首次登录或密码已过期，请先修改密码后再使用系统').waitFor();
      await page.getByLabel('当前密码').fill('wrong-current-1A');
      await page.getByLabel('新密码', { exact: true }).fill('Li-si-new-2026');
      await page.getByLabel('确认新密码').fill('Li-si-new-2026');
      await page.getByRole('button', { name: '修改密码' }).click();
      // The server's field problem lands under its field.
      await page.getByText('当前密码不正确').waitFor();
      await page.getByLabel('当前密码').fill(initial);
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByRole('heading', { name: '您好，李四' }).waitFor();
    });
  }, 120_000);

  it('keeps what the administrator typed when someone else changed the user meanwhile (409 STALE → reload → save)', async () => {
    await env.user('sys.admin2', '系统管理员乙', [{ roleKey: 'system_admin', scopePath: '/' }]);
    await env.user('zhou.wu', '周五', [{ roleKey: 'grid_worker', scopePath: '/511300/' }]);
    await env.withPage('stale-edit-keeps-input', async ({ page }) => {
      await signIn(page, env.baseUrl, 'sys.admin2');
      await page.getByRole('heading', { name: '您好，系统管理员乙' }).waitFor();
      await page.goto(`${env.baseUrl}/admin/users`);
      const row = page.locator('tr.ant-table-row').filter({ hasText: 'zhou.wu' });
      await row.getByRole('button', { name: /编\s*辑/ }).click();
      const dialog = page.getByRole('dialog', { name: '编辑用户 zhou.wu' });
      await dialog.getByLabel('姓名').fill('周五（网格一）');
      // Meanwhile the same user is renamed through the API, which moves its version on.
      const me = await (await page.request.get(`${env.baseUrl}/api/auth/me`)).json();
      const list = await (await page.request.get(`${env.baseUrl}/api/users?q=zhou.wu`)).json();
      const target = list.items.find((u: { username: string }) => u.username === 'zhou.wu');
      const res = await page.request.patch(`${env.baseUrl}/api/users/${target.id}`, {
        data: { version: target.version, displayName: '周五（他人改）' },
        headers: { 'x-csrf-token': me.csrfToken },
      });
      expect(res.status()).toBe(200);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      const notice = page.locator('.ant-notification-notice').filter({ hasText: '该记录已被他人修改' });
      await notice.waitFor();
      await notice.getByRole('button', { name: /刷\s*新/ }).click();
      await page.getByText('已载入最新版本，您填写的内容未改动').waitFor();
      expect(await dialog.getByLabel('姓名').inputValue()).toBe('周五（网格一）');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('tr.ant-table-row').filter({ hasText: '周五（网格一）' }).waitFor();
    });
  }, 120_000);

  it('lets a security administrator grant a role over a place, revoke it, and read the roles with Chinese permission names', async () => {
    await env.user('sec.admin', '安全管理员甲', [{ roleKey: 'security_admin', scopePath: '/' }]);
    await env.user('qian.liu', '钱六', []);
    await env.withPage('grants-and-roles', async ({ page }) => {
      await signIn(page, env.baseUrl, 'sec.admin');
      const nav = page.getByRole('navigation', { name: '主菜单' });
      await nav.getByRole('link', { name: '用户管理' }).click();
      const row = page.locator('tr.ant-table-row').filter({ hasText: 'qian.liu' });
      // A security administrator manages grants but not accounts: no edit or create buttons.
      await row.getByRole('button', { name: /授\s*权/ }).waitFor();
      expect(await row.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /新建用户/ }).count()).toBe(0);
      await row.getByRole('button', { name: /授\s*权/ }).click();
      const drawer = page.getByRole('dialog', { name: '钱六 的授权' });
      await drawer.getByText('暂无授权').waitFor();
      await drawer.getByLabel('角色').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '社区工作者' }).click();
      await drawer.getByLabel('管辖范围').fill('/511300/511302/');
      await drawer.getByRole('button', { name: /授\s*予/ }).click();
      await drawer.getByText('/511300/511302/', { exact: true }).waitFor();
      await row.getByText('社区工作者 · /511300/511302/').waitFor();
      await drawer.getByRole('button', { name: /撤\s*销/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
      await drawer.getByText('暂无授权').waitFor();
      await page.keyboard.press('Escape');
      await nav.getByRole('link', { name: '角色与权限' }).click();
      await page.getByRole('heading', { name: '角色与权限' }).waitFor();
      await page.getByText('查看居民证件号、电话明文').first().waitFor();
      await page.locator('tr.ant-table-row').filter({ hasText: 'audit_admin' }).getByText('查看审计日志').waitFor();
    });
  }, 120_000);

  it('switches the interface to English and remembers the choice', async () => {
    await env.user('en.user', '英文用户', [{ roleKey: 'leader', scopePath: '/511300/' }]);
    await env.withPage('english', async ({ page }) => {
      await page.goto(`${env.baseUrl}/login`);
      await page.getByRole('button', { name: '切换语言 / Switch language' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('User name').fill('nobody.here');
      await page.getByLabel('Password', { exact: true }).fill('whatever-1A');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Wrong user name or password' }).waitFor();
      await page.getByLabel('User name').fill('en.user');
      await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Welcome, 英文用户' }).waitFor();
      await page.getByTestId('user-menu').getByText('Leader (read only)').waitFor();
      await page.getByRole('navigation', { name: 'Main menu' }).getByText('Registry').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    });
  }, 120_000);

  it('shows the login page at 390 px without sideways scrolling, and the menu in a drawer', async () => {
    await env.user('grid.zhao', '赵网格', [{ roleKey: 'grid_worker', scopePath: '/511300/511302/511302001/' }]);
    await env.withPage('login-390px', async ({ page }) => {
      const js = await jsBytesDuring(page, async () => {
        await page.goto(`${env.baseUrl}/login`);
        await page.getByRole('heading', { name: '登录' }).waitFor();
      });
      // Route-level code splitting keeps the login route under 400 KB of compressed JavaScript.
      expect(js.bytes).toBeGreaterThan(0);
      expect(js.bytes).toBeLessThanOrEqual(400 * 1024);
      console.log(`login route: ${js.files} JavaScript files, ${(js.bytes / 1024).toFixed(1)} kB over the wire`);
      expect(await scrollsSideways(page)).toBe(false);
      expect(await cjkTextWidth(page)).toBeGreaterThanOrEqual(60);
    }, { width: 390, height: 844 });
    await env.withPage('layout-390px', async ({ page }) => {
      // Keyboard only: the user name field has focus, Tab moves on, Enter submits.
      await page.goto(`${env.baseUrl}/login`);
      await page.getByLabel('用户名').waitFor();
      await page.keyboard.type('grid.zhao');
      await page.keyboard.press('Tab');
      await page.keyboard.type(E2E_PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '您好，赵网格' }).waitFor();
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, 'layout-390px-home');
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.getByRole('navigation', { name: '主菜单' }).getByText('登记管理').waitFor();
    }, { width: 390, height: 844 });
  }, 120_000);

  it('sends an idle session back to the login page with the expiry notice', async () => {
    await env.user('audit.qian', '钱审计', [{ roleKey: 'audit_admin', scopePath: '/' }]);
    await env.withPage('session-expired', async ({ page }) => {
      await signIn(page, env.baseUrl, 'audit.qian');
      await page.getByRole('heading', { name: '您好，钱审计' }).waitFor();
      env.clock.advance(31 * 60_000);
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '审计日志' }).click();
      await page.getByText('长时间未操作，登录已过期，请重新登录').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    });
  }, 120_000);
});
