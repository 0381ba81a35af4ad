import { useState } from 'react';
import { App, Button, Tooltip, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../i18n/index.tsx';
import { downloadExport, type ExportEntity } from './api.ts';

/** Props of the export button. */
export interface ExportButtonProps {
  /** The list to export: GET /api/exports/<entity>.xlsx. */
  entity: ExportEntity;
  /** The list's current filters (same names as the list endpoint; arrays repeat the key; empty values are dropped). */
  filters: Record<string, unknown>;
  /** Button text; default 导出 Excel. */
  label?: string;
  size?: ButtonProps['size'];
  type?: ButtonProps['type'];
}

/**
 * Downloads a list as .xlsx with the list's filters. Shown only to users holding export.run; the server masks personal
 * data, applies the data scope and records the export in the audit log. Spins while the file is prepared; a refusal
 * (e.g. EXPORT_TOO_LARGE) shows the server's message.
 */
export function ExportButton({ entity, filters, label, size, type }: ExportButtonProps) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!can('export.run')) return null;

  const run = async () => {
    if (busy) return;
    setBusy(true);
    const key = `export-${entity}`;
    message.open({ key, type: 'loading', content: t('transfer.export.preparing'), duration: 0 });
    try {
      const name = await downloadExport(entity, filters);
      message.open({ key, type: 'success', content: t('transfer.export.done', { file: name }) });
    } catch (e) {
      message.open({ key, type: 'error', content: isApiError(e) ? e.message : t('error.unexpected'), duration: 6 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tooltip title={t('transfer.export.hint')}>
      <Button icon={<DownloadOutlined />} loading={busy} aria-busy={busy} size={size} type={type} onClick={() => void run()} data-export={entity}>
        {label ?? t('transfer.export.button')}
      </Button>
    </Tooltip>
  );
}
