import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, List, Modal, Space, Typography } from 'antd';
import type { CampaignView, TaskView } from '../../../shared/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { allOpenTasks, finishCampaign, getCampaign } from './api.ts';
import { reasonRules } from './WaiveModal.tsx';

// A task that is no longer open is reported on its hidden id; show it under that compound's reason instead.
const renames: Record<string, string> = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`waive.${i}.taskId`, `waive.${i}.reason`]));

interface Values {
  waive?: { taskId: string; reason?: string }[];
  all?: string;
}

/**
 * 结束整治: asks the server to finish. When it refuses because compounds are still open, the refusal shows with the
 * remaining count and every open compound gets a reason field (or one reason for all), so the manager can waive the rest
 * and finish in the same step; compounds added after the start without a task must be added first.
 */
export function FinishModal({ campaign, onClose, onDone }: { campaign: CampaignView; onClose(): void; onDone(c: CampaignView): void }) {
  const t = useT();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(campaign.version);
  const [refusal, setRefusal] = useState<{ code: string; message: string; count: number } | null>(null);
  const [open, setOpen] = useState<TaskView[]>([]);

  const reload = async () => {
    try {
      setVersion((await getCampaign(campaign.id)).version);
      message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    const v = open.length ? await form.validateFields() : {};
    const waive = (v.waive ?? []).map((w) => ({ taskId: w.taskId, reason: (w.reason ?? '').trim() }));
    setBusy(true);
    try {
      const done = await finishCampaign(campaign.id, version, waive);
      message.success(t('campaigns.finish.done'));
      onDone(done);
    } catch (e) {
      if (isApiError(e, 'CAMPAIGN_TASKS_OPEN')) {
        const tasks = await allOpenTasks(campaign.id).catch(() => [] as TaskView[]);
        const count = Number(e.details.open ?? tasks.length);
        setRefusal({ code: e.code, message: e.message, count });
        setOpen(tasks);
        const typed = new Map((form.getFieldValue('waive') as Values['waive'] ?? []).map((w) => [w.taskId, w.reason]));
        form.setFieldValue('waive', tasks.map((x) => ({ taskId: x.id, reason: typed.get(x.id) ?? '' })));
      } else if (isApiError(e, 'CAMPAIGN_COMPOUNDS_UNLISTED', 'CAMPAIGN_NOT_RUNNING', 'FORBIDDEN', 'OUT_OF_SCOPE')) {
        setRefusal({ code: e.code, message: e.message, count: 0 });
      } else {
        handleError(e, { form, rename: renames, onReload: () => void reload() });
      }
    } finally {
      setBusy(false);
    }
  };

  const fillAll = () => {
    const all = (form.getFieldValue('all') as string | undefined)?.trim();
    if (!all) return;
    form.setFieldValue('waive', open.map((x, i) => ({ taskId: x.id, reason: (form.getFieldValue(['waive', i, 'reason']) as string | undefined)?.trim() || all })));
    void form.validateFields(open.map((_x, i) => ['waive', i, 'reason'])).catch(() => undefined);
  };

  return (
    <Modal
      open
      title={t('campaigns.finish.title', { name: campaign.name })}
      okText={open.length ? t('campaigns.finish.waiveAndFinish', { n: open.length }) : t('campaigns.finish.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={phone ? '100%' : 680}
      style={phone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
    >
      {refusal ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={refusal.code === 'CAMPAIGN_TASKS_OPEN' ? t('campaigns.finish.refusedOpen', { n: refusal.count }) : t('campaigns.finish.refused')}
          description={refusal.message}
        />
      ) : (
        <Typography.Paragraph>{t('campaigns.finish.help', { inspected: campaign.coverage.inspected, inScope: campaign.coverage.inScope, open: campaign.coverage.open })}</Typography.Paragraph>
      )}
      <Form form={form} name="finish" layout="vertical" preserve={false}>
        {open.length > 0 && (
          <>
            <Typography.Paragraph>{t('campaigns.finish.waiveHelp')}</Typography.Paragraph>
            <Flex gap={8} wrap align="start" style={{ marginBottom: 12 }}>
              <Form.Item name="all" style={{ flex: '1 1 220px', marginBottom: 0 }}>
                <Input placeholder={t('campaigns.finish.allPlaceholder')} maxLength={500} aria-label={t('campaigns.finish.allPlaceholder')} />
              </Form.Item>
              <Button onClick={fillAll}>{t('campaigns.finish.fillAll')}</Button>
            </Flex>
            <Form.List name="waive">
              {(fields) => (
                <List
                  size="small"
                  bordered
                  dataSource={fields}
                  rowKey="key"
                  style={{ maxHeight: 360, overflowY: 'auto' }}
                  renderItem={(f, i) => (
                    <List.Item>
                      <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                        <Space wrap size={4}>
                          <Typography.Text strong>{open[i]?.compound.name}</Typography.Text>
                          <Typography.Text type="secondary">{open[i]?.community.name}</Typography.Text>
                        </Space>
                        <Form.Item name={[f.name, 'taskId']} hidden><Input /></Form.Item>
                        <Form.Item name={[f.name, 'reason']} rules={reasonRules(t)} style={{ marginBottom: 0 }}>
                          <Input maxLength={500} placeholder={t('campaigns.waive.reasonPlaceholder')} aria-label={t('campaigns.finish.reasonFor', { name: open[i]?.compound.name ?? '' })} />
                        </Form.Item>
                      </Flex>
                    </List.Item>
                  )}
                />
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Modal>
  );
}
