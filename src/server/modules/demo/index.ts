import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Keyring } from '../../lib/crypto.ts';

/** Loads the demo city when the registry is empty; null when it is not. */
export async function loadDemoIfEmpty(_db: Db, _deps: { keys: Keyring; clock: Clock }): Promise<{ summary: string; accounts: { username: string; role: string; password: string }[] } | null> {
  return null;
}
