import { Table, Typography, type TableColumnsType } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { ImportProblem } from './api.ts';

/** The problems (or warnings) of an import file: sheet, row, column, masked value and the message in the UI language; paged. */
export function ImportProblems({ problems, label, pageSize = 10 }: { problems: ImportProblem[]; label: string; pageSize?: number }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<ImportProblem & { key: number }> = [
    { title: t('transfer.problems.sheet'), dataIndex: 'sheet', key: 'sheet', width: 100 },
    { title: t('transfer.problems.row'), dataIndex: 'row', key: 'row', width: 72, align: 'right' },
    {
      title: t('transfer.problems.column'),
      dataIndex: 'column',
      key: 'column',
      width: 130,
      render: (v: string) => v || <Typography.Text type="secondary">{t('transfer.problems.wholeRow')}</Typography.Text>,
    },
    {
      title: t('transfer.problems.value'),
      dataIndex: 'value',
      key: 'value',
      width: 190,
      render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : t('common.none')),
    },
    { title: t('transfer.problems.problem'), key: 'problem', render: (_: unknown, p) => (lang === 'en' ? p.en : p.zh) },
  ];
  return (
    <Table<ImportProblem & { key: number }>
      aria-label={label}
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={problems.map((p, i) => ({ ...p, key: i }))}
      scroll={{ x: 720 }}
      locale={{ emptyText: t('transfer.problems.empty') }}
      pagination={problems.length > pageSize ? { pageSize, showSizeChanger: false, showTotal: (n) => t('common.total', { n }), size: 'small' } : false}
    />
  );
}
