import { useCallback, useEffect, useState } from 'react';
import { App, Button, Checkbox, Empty, Flex, Form, Input, List, Modal, Pagination, Space, Spin, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { useT } from '../../i18n/index.tsx';
import { completeTask, listTasks, type JointBodyView, type JointTaskView } from './api.ts';
import { cstTime, stateLabel } from './labels.ts';

const PAGE = 20;

/** The tasks this body's decisions sent down, open first, overdue ones marked; the responsible units mark them done with what was done. */
export function TasksTab({ body, onChanged }: { body: JointBodyView; onChanged(): void }) {
  const t = useT();
  const region = useRegion();
  const handleError = useApiErrorHandler();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: JointTaskView[]; total: number } | null>(null);
  const [doing, setDoing] = useState<JointTaskView | null>(null);

  const load = useCallback(() => listTasks({ bodyId: body.id, overdue }, page, PAGE).then(setData, (e: unknown) => handleError(e)), [body.id, overdue, page, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  const state = (x: JointTaskView) => (x.overdue ? <Tag color="error">{t('joint.tasks.overdue')}</Tag> : <Tag color={x.state === 'done' ? 'green' : 'blue'}>{stateLabel(t, x.state)}</Tag>);
  return (
    <Flex vertical gap={12}>
      <Checkbox checked={overdue} onChange={(e) => { setPage(1); setOverdue(e.target.checked); }}>{t('joint.tasks.onlyOverdue')}</Checkbox>
      <Spin spinning={!data}>
        {data && data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('joint.tasks.empty')} /> : (
          <List
            bordered
            dataSource={data?.items ?? []}
            renderItem={(x) => (
              <List.Item key={x.id} actions={x.abilities.complete ? [<Button key="done" size="small" icon={<CheckOutlined />} onClick={() => setDoing(x)}>{t('joint.tasks.done')}</Button>] : []}>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Space wrap size={4}>
                    {state(x)}
                    <Typography.Text strong style={{ wordBreak: 'break-word' }}>{x.decision}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 13, wordBreak: 'break-word' }}>
                    {[`${t('joint.tasks.org')}：${x.org.name}`, `${t('joint.tasks.dueOn')} ${x.dueOn}`, x.title].join(' · ')}
                  </Typography.Text>
                  {x.state === 'done' && <Typography.Text style={{ fontSize: 13 }}>{t('joint.tasks.doneBy', { who: x.doneByName ?? '', at: cstTime(x.doneAt), evidence: x.evidence ?? '' })}</Typography.Text>}
                  {x.incidentId && <Link to={region.withRegion(`/incidents/${x.incidentId}`)}>{t('joint.agenda.openIncident')}</Link>}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Spin>
      {data && data.total > PAGE && <Pagination simple style={{ justifyContent: 'center' }} current={page} pageSize={PAGE} total={data.total} onChange={setPage} />}
      <DoneModal task={doing} onClose={() => setDoing(null)} onDone={() => { setDoing(null); void load(); onChanged(); }} onReload={load} />
    </Flex>
  );
}

function DoneModal({ task, onClose, onDone, onReload }: { task: JointTaskView | null; onClose(): void; onDone(): void; onReload(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ evidence: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: { evidence: string }) => {
    if (!task) return;
    setSaving(true);
    try {
      await completeTask(task.id, { version: task.version, evidence: v.evidence });
      message.success(t('joint.tasks.doneOk'));
      form.resetFields();
      onDone();
    } catch (e) {
      handleError(e, { form, onReload: () => { onClose(); onReload(); } });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={!!task} title={t('joint.tasks.doneTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Typography.Paragraph>{task?.decision}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="jointTaskDone" onFinish={submit}>
        <Form.Item label={t('joint.tasks.evidence')} name="evidence" rules={[{ required: true, whitespace: true, min: 4 }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
