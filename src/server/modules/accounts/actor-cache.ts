/**
 * Signed-in callers kept for a few seconds, so a busy client's requests do not each read its token or session, user and
 * grants. Every change to accounts in this process (grants, users, passwords, tokens, sessions, roles) forgets them all at
 * once; changes made by another process are seen within TTL_MS. An entry read before a change began is never served
 * after it: entries carry the generation their read started in.
 */

/** How long a cached caller is trusted without reading it again. */
export const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

let generation = 0;
const entries = new Map<string, { value: unknown; generation: number; at: number }>();

/** The generation a read starts in; pass it to remember() with what was read. */
export function currentGeneration(): number {
  return generation;
}

/** What was remembered under the key, if it is younger than TTL_MS and no change happened since its read began. */
export function recall<T>(key: string, nowMs = performance.now()): T | undefined {
  const e = entries.get(key);
  if (!e) return undefined;
  if (e.generation !== generation || nowMs - e.at > TTL_MS) {
    entries.delete(key);
    return undefined;
  }
  return e.value as T;
}

/** Remembers a value read in the given generation (ignored when a change happened meanwhile). */
export function remember(key: string, value: unknown, readGeneration: number, nowMs = performance.now()): void {
  if (readGeneration !== generation) return;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, { value, generation: readGeneration, at: nowMs });
}

/** Forgets every cached caller: called around each change to accounts. */
export function forgetActors(): void {
  generation++;
  entries.clear();
}
