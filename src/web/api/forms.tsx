import { useCallback } from 'react';
import { App, Button, type FormInstance } from 'antd';
import { useT, type T } from '../i18n/index.tsx';
import { ApiError, type FieldError } from './client.ts';

/** A form field name as antd takes it: `rows.3.phone` becomes ['rows', 3, 'phone']. */
export function namePathOf(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Options for mapping server errors onto a form. */
export interface FieldMapOptions {
  /** Server field name → form field name, when they differ. */
  rename?: Record<string, string>;
  /** Top-level error codes that belong to one field (e.g. WEAK_PASSWORD → newPassword). */
  codeFields?: Record<string, string>;
}

/**
 * Puts the server's field problems (VALIDATION_FAILED, or a code listed in codeFields) under the matching antd Form fields
 * with form.setFields, leaving the values the user typed untouched. Returns the problems that match no field in the form.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, opts: FieldMapOptions = {}): { applied: number; unmatched: FieldError[] } {
  if (!(err instanceof ApiError)) return { applied: 0, unmatched: [] };
  const problems: FieldError[] = [...err.fields];
  const byCode = opts.codeFields?.[err.code];
  if (byCode && problems.length === 0) problems.push({ field: byCode, code: err.code, message: err.message });
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const grouped = new Map<string, string[]>();
  const unmatched: FieldError[] = [];
  for (const p of problems) {
    const name = opts.rename?.[p.field] ?? p.field;
    if (!registered.has(name)) {
      unmatched.push(p);
      continue;
    }
    grouped.set(name, [...(grouped.get(name) ?? []), p.message]);
  }
  form.setFields([...grouped].map(([name, errors]) => ({ name: namePathOf(name), errors })));
  return { applied: grouped.size, unmatched };
}

type Notify = ReturnType<typeof App.useApp>['notification'];

/**
 * Shows 409 STALE as a lasting notice with a Reload button. The form is not touched: onReload should fetch the record again and
 * take only its new `version` (and show the fresh values beside the form if it likes), so what the user typed survives.
 */
export function showStaleNotice(notification: Notify, t: T, onReload: () => void): void {
  const key = 'gongzhi-stale';
  notification.warning({
    key,
    title: t('stale.title'),
    description: t('stale.body'),
    duration: 0,
    actions: (
      <Button
        type="primary"
        size="small"
        onClick={() => {
          notification.destroy(key);
          onReload();
        }}
      >
        {t('stale.reload')}
      </Button>
    ),
  });
}

/** What to do with an error of a submit. */
export interface SubmitErrorOptions extends FieldMapOptions {
  form?: FormInstance;
  /** Enables the STALE notice; fetch the record again here (see showStaleNotice). */
  onReload?: () => void;
}

/**
 * The standard reaction to a failed submit or action: field problems under their fields, STALE as a notice with Reload,
 * anything else as a message. Session and password-change answers are already handled by the API client.
 */
export function useApiErrorHandler(): (err: unknown, opts?: SubmitErrorOptions) => void {
  const { message, notification } = App.useApp();
  const t = useT();
  return useCallback(
    (err: unknown, opts: SubmitErrorOptions = {}) => {
      if (!(err instanceof ApiError)) {
        message.error(t('error.unexpected'));
        return;
      }
      if (err.status === 401 || err.code === 'PASSWORD_CHANGE_REQUIRED') return;
      if (err.code === 'STALE' && opts.onReload) {
        showStaleNotice(notification, t, opts.onReload);
        return;
      }
      if (opts.form) {
        const { applied, unmatched } = applyFieldErrors(opts.form, err, opts);
        if (applied > 0 && unmatched.length === 0) return;
        if (unmatched.length) {
          message.error([err.message, ...unmatched.map((u) => `${u.field}: ${u.message}`)].join('；'));
          return;
        }
      }
      message.error(err.message);
    },
    [message, notification, t],
  );
}
