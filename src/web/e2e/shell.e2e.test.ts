import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, signIn, startConsole, type ConsoleEnv } from './browser.ts';

let env: ConsoleEnv;

beforeAll(async () => {
  env = await startConsole();
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('web console: layout and region picker', () => {
  it('offers the places a street worker is granted (ancestors only as the way there) and keeps the choice in the URL', async () => {
    await env.user('region.admin', '区划管理员', [{ roleKey: 'system_admin', scopePath: '/' }]);
    const admin = await apiAs(env.baseUrl, 'region.admin');
    const city = await admin.post<{ id: string }>('/api/regions', { code: '511300', name: '南充市', level: 'city' });
    const county = await admin.post<{ id: string }>('/api/regions', { parentId: city.id, code: '511302', name: '顺庆区', level: 'county' });
    const street = await admin.post<{ id: string }>('/api/regions', { parentId: county.id, code: '511302001', name: '中城街道', level: 'street' });
    const lake = await admin.post<{ id: string }>('/api/regions', { parentId: street.id, code: '511302001001', name: '北湖社区', level: 'community' });
    await admin.post('/api/regions', { parentId: street.id, code: '511302001002', name: '西山社区', level: 'community' });
    await admin.post('/api/regions', { parentId: county.id, code: '511302002', name: '舞凤街道', level: 'street' });
    await env.user('street.li', '李街道', [{ roleKey: 'community_worker', scopePath: '/511300/511302/511302001/' }]);

    await env.withPage('region-picker', async ({ page }) => {
      await signIn(page, env.baseUrl, 'street.li');
      await page.getByRole('heading', { name: '您好，李街道' }).waitFor();
      await page.getByText('中城街道（511302001）').first().waitFor();
      await page.getByLabel('当前地区').click();
      const tree = page.locator('.ant-select-tree');
      await tree.getByText('北湖社区（511302001001）').waitFor();
      // The county is shown only as the way to the street; the neighbouring street is not shown at all.
      await tree.getByText('顺庆区（511302）').waitFor();
      expect(await tree.getByText('舞凤街道').count()).toBe(0);
      await tree.getByText('北湖社区（511302001001）').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe(lake.id);
      await page.locator('.ant-descriptions').getByText('北湖社区（511302001001）').waitFor();
      // Menu links carry the place along, and a reload keeps it.
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '居民' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/registry/residents');
      expect(new URL(page.url()).searchParams.get('region')).toBe(lake.id);
      await page.reload();
      await page.locator('.ant-breadcrumb').getByText('居民').waitFor();
      await page.locator('.ant-select').filter({ hasText: '北湖社区（511302001001）' }).first().waitFor();
    });
  }, 120_000);
});
