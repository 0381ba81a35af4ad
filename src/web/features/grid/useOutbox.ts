import { useCallback, useEffect, useRef, useState } from 'react';
import { newId } from '../../api/client.ts';
import { postIncident, uploadPhoto } from './api.ts';
import { dueItems, nextRetryAt, sendQueued, type QueuedPhoto, type QueuedReport, type ReportFields } from './queue.ts';
import { loadSent, outboxStore, rememberSent, type OutboxStore, type SentRecord } from './store.ts';

/** The outbox as the page sees it. */
export interface Outbox {
  ready: boolean;
  /** False when reports live only in memory (no IndexedDB): closing the page loses them. */
  durable: boolean;
  online: boolean;
  items: QueuedReport[];
  /** The id being sent right now. */
  sendingId: string | null;
  sent: SentRecord[];
  /** Queues a report (a new client id, or the same id when a refused report is corrected) and tries to send it. */
  add(fields: ReportFields, photos: QueuedPhoto[], afterPhotos: QueuedPhoto[], id?: string): Promise<QueuedReport>;
  remove(id: string): Promise<void>;
  /** Sends every waiting report now, ignoring the backoff. */
  sendNow(): void;
}

/**
 * Keeps the grid worker's outbox and sends it while the page is open: at once after a report, when the browser says the
 * signal is back (online event), when the page becomes visible, and on a backoff timer after failures. One send at a time.
 */
export function useOutbox(userId: string, csrfToken: string | null, onSent: (r: SentRecord) => void): Outbox {
  const [store, setStore] = useState<OutboxStore | null>(null);
  const [items, setItems] = useState<QueuedReport[]>([]);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [sendingId, setSendingId] = useState<string | null>(null);
  const [sent, setSent] = useState<SentRecord[]>(() => loadSent(userId));
  const running = useRef(false);
  const again = useRef<boolean | 'force'>(false);
  const pendingAgain = () => again.current;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);
  const live = useRef({ csrfToken, onSent });
  live.current = { csrfToken, onSent };

  useEffect(() => {
    let gone = false;
    void outboxStore().then(async (s) => {
      if (gone) return;
      setStore(s);
      setItems(await s.list(userId));
    });
    return () => {
      gone = true;
    };
  }, [userId]);

  const drain = useCallback(
    async (force = false) => {
      if (!store) return;
      if (running.current) {
        again.current = force ? 'force' : again.current || true;
        return;
      }
      running.current = true;
      if (timer.current) clearTimeout(timer.current);
      try {
        let forceNow = force;
        do {
          again.current = false;
          for (const item of dueItems(await store.list(userId), Date.now(), forceNow)) {
            if (!navigator.onLine) break;
            setSendingId(item.id);
            const out = await sendQueued(item, {
              upload: (p) => uploadPhoto(p, live.current.csrfToken),
              post: postIncident,
              save: (i) => store.put(i),
              now: Date.now,
            });
            if (out.kind === 'sent') {
              await store.remove(item.id);
              const rec: SentRecord = { id: out.incidentId, categoryName: item.fields.categoryName, description: item.fields.description.slice(0, 80), stageName: out.stageName, sentAt: new Date().toISOString() };
              setSent(rememberSent(userId, rec));
              live.current.onSent(rec);
            } else {
              await store.put(out.item);
            }
            setItems(await store.list(userId));
            // The network or the server is down: the others would fail the same way; wait for the timer or the signal.
            if (out.kind === 'retry') break;
          }
          // Asked again while this round ran (read through a function: the loop above may have changed it).
          const asked = pendingAgain();
          forceNow = asked === 'force';
          if (!asked) break;
        } while (true);
      } finally {
        running.current = false;
        setSendingId(null);
        const all = await store.list(userId);
        setItems(all);
        const next = nextRetryAt(all);
        if (next !== null && mounted.current) timer.current = setTimeout(() => void drain(), Math.max(500, next - Date.now()));
      }
    },
    [store, userId],
  );

  useEffect(() => {
    if (!store) return;
    mounted.current = true;
    void drain();
    const up = () => {
      setOnline(true);
      void drain(true);
    };
    const down = () => setOnline(false);
    const seen = () => document.visibilityState === 'visible' && void drain();
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    document.addEventListener('visibilitychange', seen);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      document.removeEventListener('visibilitychange', seen);
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [store, drain]);

  const add = useCallback(
    async (fields: ReportFields, photos: QueuedPhoto[], afterPhotos: QueuedPhoto[], id?: string) => {
      const s = store ?? (await outboxStore());
      const before = id ? (await s.list(userId)).find((i) => i.id === id) : undefined;
      const item: QueuedReport = {
        id: id ?? newId(), userId, createdAt: before?.createdAt ?? new Date().toISOString(), fields, photos, afterPhotos, state: 'waiting', attempts: 0, nextAt: 0, lastError: null,
      };
      await s.put(item);
      setItems(await s.list(userId));
      void drain();
      return item;
    },
    [store, userId, drain],
  );

  const remove = useCallback(
    async (id: string) => {
      if (!store) return;
      await store.remove(id);
      setItems(await store.list(userId));
    },
    [store, userId],
  );

  return { ready: !!store, durable: store?.durable ?? true, online, items, sendingId, sent, add, remove, sendNow: () => void drain(true) };
}
