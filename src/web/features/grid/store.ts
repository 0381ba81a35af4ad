// Where the outbox lives: IndexedDB (Blobs included, so photos survive a closed tab), or memory where IndexedDB is missing
// or refused (some private modes): then the queue lasts as long as the page, which the page says.
import type { QueuedReport } from './queue.ts';

/** The outbox storage. */
export interface OutboxStore {
  /** True when reports survive closing the page. */
  readonly durable: boolean;
  list(userId: string): Promise<QueuedReport[]>;
  put(item: QueuedReport): Promise<void>;
  remove(id: string): Promise<void>;
}

const DB_NAME = 'gongzhi-grid';
const STORE = 'outbox';

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => {
      const s = r.result.createObjectStore(STORE, { keyPath: 'id' });
      s.createIndex('userId', 'userId');
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
}

class IdbStore implements OutboxStore {
  readonly durable = true;
  constructor(private readonly db: IDBDatabase) {}
  private tx(mode: IDBTransactionMode) {
    return this.db.transaction(STORE, mode).objectStore(STORE);
  }
  async list(userId: string) {
    return req(this.tx('readonly').index('userId').getAll(userId)) as Promise<QueuedReport[]>;
  }
  async put(item: QueuedReport) {
    await req(this.tx('readwrite').put(item));
  }
  async remove(id: string) {
    await req(this.tx('readwrite').delete(id));
  }
}

/** A store in memory (tests, and browsers without IndexedDB). */
export class MemoryStore implements OutboxStore {
  readonly durable = false;
  private readonly items = new Map<string, QueuedReport>();
  async list(userId: string) {
    return [...this.items.values()].filter((i) => i.userId === userId);
  }
  async put(item: QueuedReport) {
    this.items.set(item.id, item);
  }
  async remove(id: string) {
    this.items.delete(id);
  }
}

let opened: Promise<OutboxStore> | null = null;

/** The page's outbox store, opened once. */
export function outboxStore(): Promise<OutboxStore> {
  opened ??= (typeof indexedDB === 'undefined' ? Promise.reject(new Error('no IndexedDB')) : openDb().then((db) => new IdbStore(db) as OutboxStore)).catch(
    () => new MemoryStore(),
  );
  return opened;
}

/** A report this phone sent recently, for the "sent" list (kept in localStorage, newest first, at most 10). */
export interface SentRecord {
  id: string;
  categoryName: QueuedReport['fields']['categoryName'];
  description: string;
  stageName: QueuedReport['fields']['categoryName'];
  sentAt: string;
}

const sentKey = (userId: string) => `gongzhi.grid.sent.${userId}`;

/** The reports this phone sent lately. */
export function loadSent(userId: string): SentRecord[] {
  try {
    const v = JSON.parse(localStorage.getItem(sentKey(userId)) ?? '[]');
    return Array.isArray(v) ? (v as SentRecord[]) : [];
  } catch {
    return [];
  }
}

/** Remembers one more sent report. */
export function rememberSent(userId: string, r: SentRecord): SentRecord[] {
  const list = [r, ...loadSent(userId).filter((x) => x.id !== r.id)].slice(0, 10);
  try {
    localStorage.setItem(sentKey(userId), JSON.stringify(list));
  } catch {
    // storage full or disabled: the list lasts as long as the page
  }
  return list;
}
