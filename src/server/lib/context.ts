import type { Actor } from '../modules/accounts/actor.ts';
import type { Keyring } from './crypto.ts';
import type { Clock } from './clock.ts';

/** What a use case needs to know about its call besides the database: who, keys, time. */
export interface Ctx {
  actor: Actor;
  keys: Keyring;
  clock: Clock;
}

/** Now as an ISO-8601 UTC string, the one timestamp format stored in both databases. */
export function nowIso(ctx: { clock: Clock }): string {
  return ctx.clock.now().toISOString();
}
