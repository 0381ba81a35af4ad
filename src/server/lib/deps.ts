import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import type { Keyring } from './crypto.ts';

/** Everything the app is built from; passed explicitly, never looked up. */
export interface AppDeps {
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  keys: Keyring;
}
