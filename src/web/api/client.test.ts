import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCurrentLang } from '../i18n/core.ts';
import { ApiError, request, setAuthHandlers, setCsrfToken, toApiError, urlOf } from './client.ts';

const body = {
  error: {
    code: 'VALIDATION_FAILED', message: '提交的信息有误', zh: '提交的信息有误', en: 'Some fields are invalid',
    fields: [{ field: 'currentPassword', code: 'WRONG_PASSWORD', message: '当前密码不正确', zh: '当前密码不正确', en: 'The current password is wrong' }],
  },
};

function answer(status: number, json: unknown) {
  return vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  setAuthHandlers(null);
  setCsrfToken(null);
  setCurrentLang('zh-CN');
});

describe('API client', () => {
  it('turns an error answer into an ApiError in the UI language, fields included', () => {
    const zh = toApiError(400, body);
    expect(zh).toBeInstanceOf(ApiError);
    expect([zh.status, zh.code, zh.message]).toEqual([400, 'VALIDATION_FAILED', '提交的信息有误']);
    expect(zh.fields).toEqual([{ field: 'currentPassword', code: 'WRONG_PASSWORD', message: '当前密码不正确' }]);
    setCurrentLang('en');
    const en = toApiError(400, body);
    expect(en.message).toBe('Some fields are invalid');
    expect(en.fields[0].message).toBe('The current password is wrong');
  });

  it('keeps details such as lockedUntil and copes with a body that is not the error shape', () => {
    const locked = toApiError(423, { error: { code: 'ACCOUNT_LOCKED', zh: '锁定', en: 'locked', fields: [], details: { lockedUntil: '2026-11-26T08:15:00.000Z' } } });
    expect(locked.details.lockedUntil).toBe('2026-11-26T08:15:00.000Z');
    const odd = toApiError(502, null);
    expect(odd.code).toBe('HTTP_502');
    expect(odd.message).toContain('502');
  });

  it('sends the CSRF token on unsafe methods only, and leaves empty query values out', async () => {
    const f = answer(200, { ok: true });
    vi.stubGlobal('fetch', f);
    setCsrfToken('tok-1');
    await request('GET', '/api/users', { query: { q: '', page: 2, x: undefined } });
    await request('POST', '/api/users', { body: { username: 'a' } });
    const [getUrl, getInit] = f.mock.calls[0];
    const [, postInit] = f.mock.calls[1];
    expect(getUrl).toBe('/api/users?page=2');
    expect((getInit.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    expect((postInit.headers as Record<string, string>)['x-csrf-token']).toBe('tok-1');
    expect(postInit.body).toBe('{"username":"a"}');
    expect(urlOf('/api/a?x=1', { y: 'z' })).toBe('/api/a?x=1&y=z');
  });

  it('reports an expired session and a pending password change to the app, unless asked not to', async () => {
    const onSignedOut = vi.fn();
    const onPasswordChangeRequired = vi.fn();
    setAuthHandlers({ onSignedOut, onPasswordChangeRequired });
    vi.stubGlobal('fetch', answer(401, { error: { code: 'SESSION_EXPIRED', zh: '长时间未操作，登录已过期，请重新登录', en: 'expired', fields: [] } }));
    await expect(request('GET', '/api/audit')).rejects.toMatchObject({ code: 'SESSION_EXPIRED', message: '长时间未操作，登录已过期，请重新登录' });
    expect(onSignedOut).toHaveBeenCalledWith('SESSION_EXPIRED');
    await expect(request('GET', '/api/auth/me', { noAuthRedirect: true })).rejects.toBeInstanceOf(ApiError);
    expect(onSignedOut).toHaveBeenCalledTimes(1);
    vi.stubGlobal('fetch', answer(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', zh: '请先修改密码', en: 'change', fields: [] } }));
    await expect(request('GET', '/api/users')).rejects.toMatchObject({ status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure into a NETWORK error with a readable message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(request('GET', '/api/health')).rejects.toMatchObject({ status: 0, code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
  });
});
