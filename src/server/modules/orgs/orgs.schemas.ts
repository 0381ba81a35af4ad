import { Type } from '@sinclair/typebox';
import { FIVE_ONES_ITEMS, ORG_WARNING_CODES } from '../../../shared/org-types.ts';

export { Nullable, Opt } from '../../lib/http.ts';

/** A YYYY-MM-DD date (checked as a real date by the domain). */
export const DateStr = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });
/** An id of another record. */
export const Ref = (description?: string) => Type.String({ minLength: 1, maxLength: 64, ...(description ? { description } : {}) });
/** Free text of bounded length. */
export const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });

/** A five-ones item code. */
export const FiveOnesItemSchema = Type.Union(FIVE_ONES_ITEMS.map((i) => Type.Literal(i.code)));
/** A warning code. */
export const WarningCodeSchema = Type.Union(ORG_WARNING_CODES.map((c) => Type.Literal(c)));
