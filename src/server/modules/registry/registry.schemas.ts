import { Type, type Static } from '@sinclair/typebox';

export { Nullable, Opt } from '../../lib/http.ts';

/** A YYYY-MM-DD date (checked as a real date by the domain validators). */
export const DateStr = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });

/** Free text of bounded length. */
export const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });

/** A `:id` + `:childId` pair of path parameters. */
export const TwoIds = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), childId: Type.String({ minLength: 1, maxLength: 64 }) });
/** Typed TwoIds. */
export type TwoIds = Static<typeof TwoIds>;

/** Sort direction. */
export const SortDir = Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')]));
