import { Type, type Static, type TSchema } from '@sinclair/typebox';

// TypeBox pieces shared by the pool, participant, meeting and action routes.

/**
 * A nullable field as `type: [t, 'null']`: TypeBox's Union gives anyOf, and Ajv with coerceTypes would turn a null into
 * '' in the first branch; a type array keeps null as null.
 */
export function Nullable<T extends TSchema>(s: T) {
  return Type.Unsafe<Static<T> | null>({ ...s, type: [(s as unknown as { type: string }).type, 'null'] });
}

/** An optional nullable field. */
export function Opt<T extends TSchema>(s: T) {
  return Type.Optional(Nullable(s));
}

/** An id of another record. */
export const Ref = (description?: string) => Type.String({ minLength: 1, maxLength: 64, ...(description ? { description } : {}) });
/** Free text of bounded length. */
export const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });
/** A YYYY-MM-DD date (checked as a real date by the domain). */
export const DateStr = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });
