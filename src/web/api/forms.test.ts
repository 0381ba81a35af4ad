import { describe, expect, it } from 'vitest';
import type { FormInstance } from 'antd';
import { ApiError } from './client.ts';
import { applyFieldErrors, namePathOf } from './forms.tsx';

/** Just enough of an antd form: the registered fields and what setFields received. */
function fakeForm(fields: string[]) {
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  const form = {
    getFieldsError: () => fields.map((f) => ({ name: namePathOf(f), errors: [], warnings: [] })),
    setFields: (x: typeof set) => set.push(...x),
  } as unknown as FormInstance;
  return { form, set };
}

describe('form error helpers', () => {
  it('puts each field problem under its field and returns the ones no field matches', () => {
    const { form, set } = fakeForm(['displayName', 'rows.3.phone']);
    const err = new ApiError(400, 'VALIDATION_FAILED', '提交的信息有误', [
      { field: 'displayName', code: 'REQUIRED', message: '必填' },
      { field: 'rows.3.phone', code: 'PHONE', message: '手机号格式不正确' },
      { field: 'body.extra', code: 'SCHEMA_ADDITIONALPROPERTIES', message: '不认识的字段' },
    ]);
    const r = applyFieldErrors(form, err);
    expect(r.applied).toBe(2);
    expect(r.unmatched.map((u) => u.field)).toEqual(['body.extra']);
    expect(set).toEqual([
      { name: ['displayName'], errors: ['必填'] },
      { name: ['rows', 3, 'phone'], errors: ['手机号格式不正确'] },
    ]);
  });

  it('maps a top-level code onto a field when told to, and renames server fields', () => {
    const { form, set } = fakeForm(['newPassword', 'name']);
    applyFieldErrors(form, new ApiError(400, 'WEAK_PASSWORD', '密码太弱'), { codeFields: { WEAK_PASSWORD: 'newPassword' } });
    applyFieldErrors(form, new ApiError(400, 'VALIDATION_FAILED', 'x', [{ field: 'displayName', code: 'R', message: '必填' }]), { rename: { displayName: 'name' } });
    expect(set).toEqual([
      { name: ['newPassword'], errors: ['密码太弱'] },
      { name: ['name'], errors: ['必填'] },
    ]);
  });
});
