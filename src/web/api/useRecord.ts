import { useCallback, useEffect, useState } from 'react';
import { isApiError } from './client.ts';
import { useApiErrorHandler } from './forms.tsx';

/** Where a detail page's record stands: loading, shown, out of the user's reach, or failed to load. */
export type RecordState = 'loading' | 'ready' | 'noAccess' | 'failed';

/**
 * Loads one record for a detail page and reloads it on demand. A 404 or 403 means the record is outside the user's
 * places (the server never says which), so the page shows "no access"; other errors are reported and, once the record
 * was shown, the last good copy stays on screen.
 */
export function useRecord<T>(fetch: () => Promise<T>, key: string) {
  const handleError = useApiErrorHandler();
  const [record, setRecord] = useState<T | null>(null);
  const [state, setState] = useState<RecordState>('loading');

  // The key (usually the record id) decides when to load afresh; fetch may be a new closure on every render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const reload = useCallback(async () => {
    try {
      setRecord(await fetch());
      setState('ready');
    } catch (e) {
      if (isApiError(e) && (e.status === 404 || e.status === 403)) setState('noAccess');
      else {
        setState((s) => (s === 'ready' ? s : 'failed'));
        handleError(e);
      }
    }
  }, [key, handleError]);

  useEffect(() => {
    setState('loading');
    void reload();
  }, [reload]);

  return { record, setRecord, state, reload };
}
