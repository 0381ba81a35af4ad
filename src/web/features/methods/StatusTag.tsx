import { Tag } from 'antd';
import { useT } from '../../i18n/index.tsx';
import type { TemplateStatus } from './api.ts';

const COLOURS: Record<TemplateStatus, string> = { draft: 'gold', published: 'green', retired: 'default' };

/** A template version's status as a coloured tag. */
export function StatusTag({ status }: { status: TemplateStatus }) {
  const t = useT();
  return <Tag color={COLOURS[status]} data-status={status}>{t.dyn(`methods.status.${status}`, status)}</Tag>;
}
