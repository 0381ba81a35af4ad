import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../server/lib/context.ts';
import { SYSTEM_ACTOR } from '../../server/modules/accounts/actor.ts';
import { seedPlaces, type TransferPlaces } from '../../server/modules/transfer/testing/fixtures.ts';
import { makeResidentWorkbook, syntheticIdNumber } from '../../server/modules/transfer/testing/workbook.ts';
import { screenshot, scrollsSideways, signIn, startConsole, type ConsoleEnv } from './browser.ts';

let env: ConsoleEnv;
let places: TransferPlaces;
let dir: string;
const ROWS = 6;
/** The row (0-based) whose ID number gets a wrong check character: spreadsheet row 4 under the header. */
const BAD = 2;
const ids: string[] = [];

/** Replaces the last character of an ID number by a wrong check character. */
function breakCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

beforeAll(async () => {
  env = await startConsole();
  const ctx: Ctx = { actor: SYSTEM_ACTOR, keys: env.deps.keys, clock: env.clock };
  places = await seedPlaces(env.deps.db, ctx);
  await env.user('import.worker', '吴社工', [{ roleKey: 'community_worker', scopePath: places.communityA.path }]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-import-e2e-'));
  const place = { communityCode: places.communityA.code, compoundName: places.compoundA.name };
  const fixed = (i: number, r: (string | null)[]) => {
    r[6] = syntheticIdNumber(3000 + i);
    r[7] = '139' + String(3000 + i).padStart(8, '0');
    if (ids.length < ROWS) ids.push(r[6]);
    return r;
  };
  fs.writeFileSync(path.join(dir, '居民-修改后.xlsx'), await makeResidentWorkbook(ROWS, place, fixed));
  fs.writeFileSync(
    path.join(dir, '居民-有错.xlsx'),
    await makeResidentWorkbook(ROWS, place, (i, r) => {
      fixed(i, r);
      if (i === BAD) r[6] = breakCheck(r[6]!);
      return r;
    }),
  );
}, 240_000);

afterAll(async () => {
  await env?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The mask the server shows for an ID number: first 3 and last 4 characters kept. */
const masked = (id: string) => `${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(-4)}`;

describe('web console: import wizard', () => {
  it('shows the bad ID number’s row and column 身份证号, takes the fixed file without restarting, commits, and lists the residents masked', async () => {
    await env.withPage('import-residents', async ({ page }) => {
      await signIn(page, env.baseUrl, 'import.worker');
      await page.getByRole('heading', { name: '您好，吴社工' }).waitFor();
      await page.goto(`${env.baseUrl}/transfer`);
      await page.getByRole('heading', { name: '导入导出' }).waitFor();

      // Step 1: the entity (居民 by default) with its template and column list.
      await page.getByRole('radio', { name: '居民' }).check();
      await page.getByRole('table', { name: '文件中的列' }).getByText('身份证号').first().waitFor();
      expect(await page.getByRole('link', { name: /下载导入模板/ }).getAttribute('href')).toBe('/api/imports/residents/template.xlsx');
      await page.getByRole('button', { name: /下一步/ }).click();

      // Step 2: choose the file with the broken ID number and check it.
      await page.locator('input[type=file]').setInputFiles(path.join(dir, '居民-有错.xlsx'));
      await page.getByText('已选择：居民-有错.xlsx').waitFor();
      await page.getByRole('button', { name: '检查文件' }).click();

      // Step 3: the problem is listed with its row number and the column 身份证号, the value masked.
      const problems = page.getByRole('table', { name: '问题清单' });
      await problems.waitFor();
      const row = problems.locator('tr.ant-table-row');
      await expect.poll(() => row.count()).toBe(1);
      const cells = await row.first().locator('td').allInnerTexts();
      expect(cells[1]).toBe(String(BAD + 2));
      expect(cells[2]).toBe('身份证号');
      expect(cells[3]).toBe(masked(breakCheck(ids[BAD])));
      expect(cells[4]).toContain('校验位');
      await page.getByRole('button', { name: '下载错误清单 (.xlsx)' }).waitFor();
      expect(await page.getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);
      // The preview masks ID numbers too.
      const preview = await page.getByRole('table', { name: /数据预览/ }).innerText();
      expect(preview).toContain(masked(ids[0]));
      expect(preview).not.toContain(ids[0]);
      await screenshot(page, 'import-dry-run-problems');

      // The corrected file is chosen on the same step and checked at once.
      await page.locator('input[type=file]').setInputFiles(path.join(dir, '居民-修改后.xlsx'));
      await page.getByText(`检查通过：文件“居民-修改后.xlsx”共 ${ROWS} 行数据，没有发现问题，可以导入。`).waitFor();
      expect(await page.getByRole('table', { name: '问题清单' }).count()).toBe(0);
      await page.getByRole('button', { name: /确认导入/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
      await page.getByText('导入完成').waitFor();
      await page.getByText(`已写入 ${ROWS} 条记录（文件共 ${ROWS} 行）。`).waitFor();
      await screenshot(page, 'import-done');

      // The resident list shows the imported residents with masked ID numbers only.
      await page.getByRole('link', { name: '查看居民列表' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/registry/residents');
      await page.getByText(masked(ids[0])).first().waitFor();
      const text = await page.locator('#main-content').innerText();
      for (const id of ids) {
        expect(text).not.toContain(id);
      }
      expect(text).toContain(masked(ids[1]));
    });
  }, 180_000);

  it('is usable at 390 px: the wizard and the export list do not scroll sideways, and an export downloads', async () => {
    await env.withPage(
      'import-390px',
      async ({ page }) => {
        await signIn(page, env.baseUrl, 'import.worker');
        await page.getByRole('heading', { name: '您好，吴社工' }).waitFor();
        await page.goto(`${env.baseUrl}/transfer`);
        await page.getByRole('table', { name: '文件中的列' }).getByText('身份证号').first().waitFor();
        await page.getByRole('button', { name: /导出 Excel/ }).first().waitFor();
        expect(await scrollsSideways(page)).toBe(false);
        // The export button downloads the masked list the server prepares.
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export=residents]').click()]);
        expect(download.suggestedFilename()).toBe('居民导出.xlsx');
        const file = await download.path();
        expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
        await page.getByText('已开始下载 居民导出.xlsx').waitFor();
      },
      { width: 390, height: 844 },
    );
  }, 120_000);
});
