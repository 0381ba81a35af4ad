import { Ajv } from 'ajv';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { Nullable, Opt } from './http.ts';

// The app's validator coerces types (coerceTypes: 'array'); a nullable field must come through as null, not '' or 0.
const ajv = new Ajv({ coerceTypes: 'array', allErrors: true, useDefaults: true });

describe('nullable fields under type coercion', () => {
  it('keep a null number, string and integer as null', () => {
    const validate = ajv.compile(Type.Object({ lat: Opt(Type.Number({ minimum: -90, maximum: 90 })), note: Opt(Type.String({ maxLength: 5 })), n: Nullable(Type.Integer()) }));
    const body: Record<string, unknown> = { lat: null, note: null, n: null };
    expect(validate(body)).toBe(true);
    expect(body).toEqual({ lat: null, note: null, n: null });
  });

  it('still checks the value when one is given', () => {
    const validate = ajv.compile(Type.Object({ lat: Opt(Type.Number({ minimum: -90, maximum: 90 })) }));
    expect(validate({ lat: 120 })).toBe(false);
    const body = { lat: '30.5' };
    expect(validate(body)).toBe(true);
    expect(body.lat).toBe(30.5);
  });
});
