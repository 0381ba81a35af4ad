import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { contentTypeOf, dryRun, fileNameOf, filterQuery, isImportFile } from './api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('transfer api helpers', () => {
  it('builds export queries with repeated keys for arrays and without empty values', () => {
    expect(filterQuery({ regionId: 'r1', q: '', missing: ['contact_unit', 'work_plan'], x: undefined, y: null, minor: false })).toBe(
      'regionId=r1&missing=contact_unit&missing=work_plan&minor=false',
    );
  });

  it('reads the UTF-8 file name of a Content-Disposition header, falling back to the plain name', () => {
    expect(fileNameOf(`attachment; filename="_____.xlsx"; filename*=UTF-8''${encodeURIComponent('居民导出.xlsx')}`, 'x.xlsx')).toBe('居民导出.xlsx');
    expect(fileNameOf('attachment; filename="plain.xlsx"', 'x.xlsx')).toBe('plain.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
  });

  it('sends .xlsx and .csv with the content types the server parses, whatever the browser reports', () => {
    expect(contentTypeOf({ name: '居民.XLSX', type: '' })).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(contentTypeOf({ name: 'a.csv', type: 'application/vnd.ms-excel' })).toBe('text/csv');
    expect(isImportFile('a.xls')).toBe(false);
    expect(isImportFile('b.csv')).toBe(true);
  });

  it('posts the raw file with a percent-encoded name and the CSRF token, and turns an error answer into ApiError', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'FILE_UNREADABLE', zh: '无法读取文件：坏', en: 'The file cannot be read: bad' } }), { status: 400 }));
    vi.stubGlobal('fetch', fetchMock);
    const file = new File(['x'], '居民 名单.csv', { type: '' });
    const err = await dryRun('residents', file, 'tok').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('FILE_UNREADABLE');
    expect((err as ApiError).message).toBe('无法读取文件：坏');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/imports/residents/dry-run');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(file);
    expect(init.headers).toMatchObject({ 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('居民 名单.csv'), 'x-csrf-token': 'tok' });
  });
});
