import { createContext, useContext, type CSSProperties, type ReactNode } from 'react';
import { Alert, Button, Form, Tag, Typography } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { anchorOf, fieldId, type Problem } from './draft.ts';

/** What every field of the editor needs: its problems and whether it may be changed. */
export interface EditorContextValue {
  problemsAt(path: string): Problem[];
  readOnly: boolean;
}

/** The editor's problems and mode, read by the fields of every tab. */
export const EditorContext = createContext<EditorContextValue>({ problemsAt: () => [], readOnly: true });

/** The problems and mode of the surrounding editor. */
export function useEditor(): EditorContextValue {
  return useContext(EditorContext);
}

/** Indexes problems by the field that shows them. */
export function indexProblems(problems: readonly Problem[]): (path: string) => Problem[] {
  const by = new Map<string, Problem[]>();
  for (const p of problems) {
    const a = anchorOf(p.field);
    by.set(a, [...(by.get(a) ?? []), p]);
  }
  return (path) => by.get(path) ?? [];
}

/** antd's error status for a control whose field has problems. */
export function useStatus(path: string): 'error' | undefined {
  return useEditor().problemsAt(path).length ? 'error' : undefined;
}

/** The problems of one field, in red under its control (inside table cells). */
export function FieldProblems({ path }: { path: string }) {
  const ps = useEditor().problemsAt(path);
  if (!ps.length) return null;
  return (
    <div id={`${fieldId(path)}-problems`} data-problem-for={path} style={{ color: '#cf1322', fontSize: 12, lineHeight: 1.4, marginTop: 2, maxWidth: 260 }}>
      {ps.map((p) => <div key={`${p.code}-${p.message}`}>{p.message}</div>)}
    </div>
  );
}

/** A labelled field whose problems show as the Form.Item's help text. */
export function FieldItem({ path, label, extra, children, style }: { path: string; label: ReactNode; extra?: ReactNode; children: ReactNode; style?: CSSProperties }) {
  const ps = useEditor().problemsAt(path);
  return (
    <Form.Item
      label={label}
      htmlFor={fieldId(path)}
      validateStatus={ps.length ? 'error' : undefined}
      help={ps.length ? <span id={`${fieldId(path)}-problems`} data-problem-for={path}>{ps.map((p) => p.message).join('；')}</span> : undefined}
      extra={extra}
      style={{ marginBottom: 12, ...style }}
    >
      {children}
    </Form.Item>
  );
}

/** Every problem of the template with its path; a click takes the user to the field. */
export function ProblemList({ problems, onGoto }: { problems: readonly Problem[]; onGoto(field: string): void }) {
  const t = useT();
  if (!problems.length) return <Alert type="success" showIcon title={t('methods.problems.none')} data-testid="template-problems" />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="template-problems"
      title={t('methods.problems.title', { n: problems.length })}
      description={
        <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 220, overflowY: 'auto' }}>
          {problems.map((p, i) => (
            <li key={`${p.field}-${p.code}-${i}`}>
              <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onGoto(p.field)} aria-label={t('methods.problems.goto', { field: p.field || t('methods.problems.root') })}>
                <Typography.Text code>{p.field || t('methods.problems.root')}</Typography.Text>
              </Button>{' '}
              {p.message}
              {p.server && <Tag style={{ marginLeft: 6 }}>{t('methods.problems.server')}</Tag>}
            </li>
          ))}
        </ul>
      }
    />
  );
}
