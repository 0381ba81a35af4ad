// What the public pages keep on the resident's own phone: an opinion that could not be sent yet, and the ratings given
// (so a reload shows "you rated 4 stars" and a resend reuses the same client id). Private mode simply remembers nothing.

/** An opinion draft kept after a failed send; `id` is the client id reused by every resend. */
export interface OpinionDraft {
  id: string;
  content: string;
  category: string;
  name: string;
  phone: string;
  savedAt: string;
}

/** A rating of one matter from this phone. */
export interface RatingRecord {
  id: string;
  satisfaction: number;
  sent: boolean;
}

const draftKey = (compoundId: string) => `gongzhi.opinionDraft.${compoundId}`;
const RATINGS_KEY = 'gongzhi.ratings';

function read<T>(key: string): T | null {
  try {
    const s = globalThis.localStorage?.getItem(key);
    return s ? (JSON.parse(s) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the draft lives only as long as the page
  }
}

/** The unsent opinion of this compound, if any. */
export function loadDraft(compoundId: string): OpinionDraft | null {
  const d = read<OpinionDraft>(draftKey(compoundId));
  return d && typeof d.id === 'string' && typeof d.content === 'string' ? d : null;
}

/** Keeps an unsent opinion for a later resend. */
export function saveDraft(compoundId: string, d: OpinionDraft): void {
  write(draftKey(compoundId), d);
}

/** Forgets the unsent opinion (sent, or discarded). */
export function clearDraft(compoundId: string): void {
  write(draftKey(compoundId), null);
}

/** This phone's rating of a matter, if any. */
export function ratingOf(matterId: string): RatingRecord | null {
  return read<Record<string, RatingRecord>>(RATINGS_KEY)?.[matterId] ?? null;
}

/** Records this phone's rating of a matter (sent or still to send). */
export function saveRating(matterId: string, r: RatingRecord): void {
  write(RATINGS_KEY, { ...(read<Record<string, RatingRecord>>(RATINGS_KEY) ?? {}), [matterId]: r });
}
