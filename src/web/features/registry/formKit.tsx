// Small helpers shared by the registry forms: a client id per opening, dates as YYYY-MM-DD, the phone breakpoint.
import { useState } from 'react';
import { Grid } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { newId } from '../../api/client.ts';

/**
 * A client id that stays the same while a create form is open and changes on the next opening: a double click or a retry
 * after a lost answer sends the same id, so the server returns the first record instead of making a second.
 */
export function useOpenId(open: boolean): string {
  // Derived during render, not in an effect: an effect would change the id (and so the form's key) one render after the
  // modal opened, remounting the form and wiping what a fast user (or a test under load) had already picked.
  const [state, setState] = useState(() => ({ open, id: newId() }));
  if (state.open !== open) {
    const next = { open, id: open ? newId() : state.id };
    setState(next);
    return next.id;
  }
  return state.id;
}

/** A DatePicker value as YYYY-MM-DD, or null. */
export function dateStr(v: Dayjs | null | undefined): string | null {
  return v ? v.format('YYYY-MM-DD') : null;
}

/** A YYYY-MM-DD string as a DatePicker value. */
export function dayOf(s: string | null | undefined): Dayjs | null {
  return s ? dayjs(s) : null;
}

/** True below antd's md breakpoint (phones): lists turn into cards, forms into one column. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

/** Trimmed text, or null when empty. */
export function textOrNull(s: string | null | undefined): string | null {
  const v = (s ?? '').trim();
  return v ? v : null;
}
