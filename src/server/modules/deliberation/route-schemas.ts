import { Type } from '@sinclair/typebox';

// TypeBox pieces shared by the pool, participant, meeting and action routes.

export { Nullable, Opt } from '../../lib/http.ts';

/** An id of another record. */
export const Ref = (description?: string) => Type.String({ minLength: 1, maxLength: 64, ...(description ? { description } : {}) });
/** Free text of bounded length. */
export const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });
/** A YYYY-MM-DD date (checked as a real date by the domain). */
export const DateStr = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });
