import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Flex, Form, Popconfirm, Radio, Result, Space, Spin, Steps, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import {
  commitImport, downloadProblems, dryRun, importColumns, isImportFile, templateUrl, IMPORT_ENTITIES,
  type CommitResult, type ImportColumn, type ImportEntity, type ImportInvalidDetails, type ImportReport, type ImportSpec,
} from './api.ts';
import { ImportProblems } from './ImportProblems.tsx';

const ENTITY_LABEL: Record<ImportEntity, MessageKey> = {
  compounds: 'transfer.entity.compounds',
  households: 'transfer.entity.households',
  residents: 'transfer.entity.residents',
};

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The columns an entity's file has, with what to write in them. */
function ColumnsTable({ spec, loading }: { spec: ImportSpec | null; loading: boolean }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<ImportColumn> = [
    {
      title: t('transfer.columns.header'),
      dataIndex: 'zh',
      key: 'zh',
      width: 130,
      render: (v: string, c) => (
        <Flex vertical gap={2} align="flex-start">
          <Typography.Text strong>{v}</Typography.Text>
          {lang === 'en' && c.aliases[0] && <Typography.Text type="secondary">{c.aliases[0]}</Typography.Text>}
          {c.required ? <Tag color="red">{t('transfer.columns.requiredYes')}</Tag> : <Tag>{t('transfer.columns.optional')}</Tag>}
        </Flex>
      ),
    },
    { title: t('transfer.columns.help'), dataIndex: 'help', key: 'help' },
    {
      title: t('transfer.columns.example'),
      dataIndex: 'example',
      key: 'example',
      width: 170,
      responsive: ['md'],
      render: (v: string | number) => <Typography.Text code>{String(v)}</Typography.Text>,
    },
  ];
  return (
    <Table<ImportColumn>
      aria-label={t('transfer.columns.title')}
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={spec?.columns ?? []}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('transfer.columns.empty') }}
    />
  );
}

/** The first rows of the file as the server read them (personal data masked). */
function PreviewTable({ preview }: { preview: ImportReport['preview'] }) {
  const { t } = useI18n();
  const headers = useMemo(() => {
    const seen: string[] = [];
    for (const r of preview) for (const k of Object.keys(r.values)) if (!seen.includes(k)) seen.push(k);
    return seen;
  }, [preview]);
  type Row = { row: number; values: Record<string, string> };
  // Each column as wide as its longest text (CJK counts double), within bounds, so masked ID numbers show whole.
  const widthOf = (h: string) => {
    const len = (x: string) => [...x].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    const longest = Math.max(len(h), ...preview.map((r) => len(r.values[h] ?? '')));
    return Math.min(240, Math.max(72, longest * 8 + 24));
  };
  const widths = headers.map(widthOf);
  const columns: TableColumnsType<Row> = [
    { title: t('transfer.preview.row'), dataIndex: 'row', key: 'row', width: 64, fixed: 'left', align: 'right' },
    ...headers.map((h, i) => ({ title: h, key: h, render: (_: unknown, r: Row) => r.values[h] ?? '', ellipsis: true, width: widths[i] })),
  ];
  return (
    <Table<Row>
      aria-label={t('transfer.preview.title', { n: preview.length })}
      size="small"
      rowKey="row"
      columns={columns}
      dataSource={preview}
      scroll={{ x: 64 + widths.reduce((a, b) => a + b, 0) }}
      pagination={false}
      locale={{ emptyText: t('transfer.preview.empty') }}
    />
  );
}

/**
 * The import wizard: choose the entity (template, column list) → choose a .xlsx/.csv file → dry run (problems with
 * row and column, downloadable as .xlsx; warnings; preview) → commit, allowed only for a file without problems.
 * A corrected file can be chosen and checked again on the check step without starting over.
 */
export function ImportWizard() {
  const { t } = useI18n();
  const { me } = useAuth();
  const region = useRegion();
  const { message } = App.useApp();
  const csrf = me?.csrfToken ?? null;
  const [step, setStep] = useState(0);
  const [entity, setEntity] = useState<ImportEntity>('residents');
  const [spec, setSpec] = useState<ImportSpec | null>(null);
  const [specLoading, setSpecLoading] = useState(true);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refused, setRefused] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [result, setResult] = useState<CommitResult | null>(null);

  useEffect(() => {
    let live = true;
    setSpecLoading(true);
    importColumns(entity)
      .then((s) => live && setSpec(s))
      .catch(() => live && setSpec(null))
      .finally(() => live && setSpecLoading(false));
    return () => {
      live = false;
    };
  }, [entity]);

  const errorText = (e: unknown) => (isApiError(e) ? e.message : t('error.unexpected'));

  const check = async (f: File) => {
    setStep(2);
    setChecking(true);
    setFailure(null);
    setRefused(false);
    setReport(null);
    try {
      setReport(await dryRun(entity, f, csrf));
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setChecking(false);
    }
  };

  /** Keeps the chosen file in state (nothing is uploaded by antd); on the check step it is checked at once. */
  const choose = (f: File, thenCheck: boolean) => {
    if (!isImportFile(f.name)) {
      message.error(t('transfer.file.wrongType'));
      return Upload.LIST_IGNORE;
    }
    setFile(f);
    setReport(null);
    setFailure(null);
    setRefused(false);
    if (thenCheck) void check(f);
    return false;
  };

  const commit = async () => {
    if (!file || !report) return;
    setCommitting(true);
    setFailure(null);
    try {
      setResult(await commitImport(entity, file, csrf));
      setStep(3);
    } catch (e) {
      if (isApiError(e, 'IMPORT_INVALID')) {
        const d = e.details as unknown as Partial<ImportInvalidDetails>;
        setReport({ ...report, problemCount: d.problemCount ?? 0, problems: d.problems ?? [], warnings: d.warnings ?? [], rows: d.rows ?? report.rows, valid: d.valid ?? 0 });
        setRefused(true);
      } else {
        setFailure(errorText(e));
      }
    } finally {
      setCommitting(false);
    }
  };

  const saveProblems = async () => {
    if (!file) return;
    setDownloading(true);
    try {
      await downloadProblems(entity, file, csrf);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setDownloading(false);
    }
  };

  const restart = () => {
    setStep(1);
    setFile(null);
    setReport(null);
    setResult(null);
    setFailure(null);
    setRefused(false);
  };

  const canCommit = !!report && !refused && report.problemCount === 0 && report.rows > 0 && !checking;
  const chooseButton = (again: boolean) => (
    <Upload accept={ACCEPT} maxCount={1} showUploadList={false} beforeUpload={(f) => choose(f, again)}>
      <Button icon={<CloudUploadOutlined />} type={again ? 'default' : 'primary'}>
        {again ? t('transfer.file.chooseAgain') : t('transfer.file.choose')}
      </Button>
    </Upload>
  );
  const fileLine = file ? (
    <Typography.Text>
      <FileExcelOutlined /> {t('transfer.file.chosen', { name: file.name, size: sizeOf(file.size) })}
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary">{t('transfer.file.none')}</Typography.Text>
  );

  return (
    <Flex vertical gap={16}>
      <Steps
        current={step}
        size="small"
        items={[
          { title: t('transfer.step.entity') },
          { title: t('transfer.step.file') },
          { title: t('transfer.step.check') },
          { title: t('transfer.step.commit') },
        ]}
      />

      {step === 0 && (
        <Flex vertical gap={16}>
          <Form layout="vertical" onFinish={() => setStep(1)}>
            <Form.Item label={t('transfer.entity.label')}>
              <Radio.Group
                aria-label={t('transfer.entity.label')}
                value={entity}
                optionType="button"
                buttonStyle="solid"
                onChange={(e) => {
                  setEntity(e.target.value as ImportEntity);
                  setFile(null);
                  setReport(null);
                }}
                options={IMPORT_ENTITIES.map((e) => ({ value: e, label: t(ENTITY_LABEL[e]) }))}
              />
            </Form.Item>
            <Space wrap>
              <Button href={templateUrl(entity)} download icon={<DownloadOutlined />}>
                {t('transfer.template')}
              </Button>
              <Button type="primary" htmlType="submit">
                {t('transfer.next')}
              </Button>
            </Space>
          </Form>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('transfer.columns.title')}
          </Typography.Title>
          <ColumnsTable spec={spec} loading={specLoading} />
        </Flex>
      )}

      {step === 1 && (
        <Flex vertical gap={16}>
          <Form layout="vertical">
            <Form.Item label={t('transfer.file.label')} extra={t('transfer.file.hint')}>
              <Flex vertical gap={8} align="flex-start">
                {chooseButton(false)}
                {fileLine}
              </Flex>
            </Form.Item>
          </Form>
          <Space wrap>
            <Button onClick={() => setStep(0)}>{t('transfer.prev')}</Button>
            <Button type="primary" disabled={!file} onClick={() => file && void check(file)}>
              {t('transfer.dryRun')}
            </Button>
          </Space>
        </Flex>
      )}

      {step === 2 && (
        <Flex vertical gap={16}>
          <Card size="small">
            <Flex wrap gap={12} align="center" justify="space-between">
              {fileLine}
              <Space wrap>
                {chooseButton(true)}
                <Button icon={<ReloadOutlined />} disabled={!file || checking} onClick={() => file && void check(file)}>
                  {t('transfer.dryRunAgain')}
                </Button>
              </Space>
            </Flex>
          </Card>

          {checking && (
            <Flex justify="center" style={{ padding: 32 }} role="status" aria-live="polite">
              <Spin description={t('transfer.checking')} />
            </Flex>
          )}
          {failure && <Alert type="error" showIcon title={failure} />}

          {report && !checking && (
            <Flex vertical gap={16}>
              {report.problemCount === 0 && !refused ? (
                <Alert type="success" showIcon title={t('transfer.report.ok', { file: report.fileName, rows: report.rows })} />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  title={refused ? t('transfer.report.commitRefused', { n: report.problemCount }) : t('transfer.report.summary', { file: report.fileName, rows: report.rows, valid: report.valid, problems: report.problemCount })}
                  description={t('transfer.report.bad', { n: report.problemCount })}
                />
              )}

              {report.problemCount > 0 && (
                <Card
                  size="small"
                  title={t('transfer.problems.title')}
                  extra={
                    <Button size="small" icon={<DownloadOutlined />} loading={downloading} onClick={() => void saveProblems()}>
                      {t('transfer.problems.download')}
                    </Button>
                  }
                >
                  {report.problemCount > report.problems.length && (
                    <Alert style={{ marginBottom: 12 }} type="info" showIcon title={t('transfer.report.truncated', { shown: report.problems.length, n: report.problemCount })} />
                  )}
                  <ImportProblems problems={report.problems} label={t('transfer.problems.title')} />
                </Card>
              )}

              {report.warnings.length > 0 && (
                <Card size="small" title={t('transfer.warnings.title')}>
                  <ImportProblems problems={report.warnings} label={t('transfer.warnings.title')} pageSize={5} />
                </Card>
              )}

              {report.preview.length > 0 && (
                <Card size="small" title={t('transfer.preview.title', { n: report.preview.length })}>
                  <PreviewTable preview={report.preview} />
                </Card>
              )}
            </Flex>
          )}

          <Space wrap>
            <Button onClick={() => setStep(1)} disabled={committing}>
              {t('transfer.prev')}
            </Button>
            <Popconfirm
              title={t('transfer.commitConfirm', { n: report?.rows ?? 0 })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              disabled={!canCommit}
              onConfirm={() => commit()}
            >
              <Button type="primary" icon={<CheckCircleOutlined />} disabled={!canCommit} loading={committing}>
                {committing ? t('transfer.committing') : t('transfer.commit')}
              </Button>
            </Popconfirm>
            {!!report && !canCommit && <Typography.Text type="secondary">{t('transfer.commitDisabled')}</Typography.Text>}
          </Space>
        </Flex>
      )}

      {step === 3 && result && (
        <Result
          status="success"
          title={t('transfer.done.title')}
          subTitle={t('transfer.done.body', { written: result.written, rows: result.rows })}
          extra={[
            entity === 'residents' ? (
              <Link key="list" to={region.withRegion('/registry/residents')}>
                {t('transfer.done.residents')}
              </Link>
            ) : (
              <Link key="list" to={region.withRegion('/registry/compounds')}>
                {t('transfer.done.compounds')}
              </Link>
            ),
            <Button key="again" onClick={restart}>
              {t('transfer.restart')}
            </Button>,
          ]}
        />
      )}
    </Flex>
  );
}
