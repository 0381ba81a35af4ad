import dayjs from 'dayjs';

/** An ISO time as YYYY-MM-DD HH:mm in the browser's zone. */
export function dateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}
