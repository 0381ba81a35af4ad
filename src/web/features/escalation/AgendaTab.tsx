import { useCallback, useEffect, useState } from 'react';
import { App, Button, Empty, Flex, Form, Input, List, Modal, Space, Spin, Tag, Typography } from 'antd';
import { FileAddOutlined, FormOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n, useT } from '../../i18n/index.tsx';
import { useOpenId } from '../registry/formKit.tsx';
import { addCase, getAgenda, type AgendaEntry, type AgendaView, type JointBodyView } from './api.ts';
import { cstTime, kindLabel, levelLabel } from './labels.ts';
import { SessionModal } from './SessionModal.tsx';

/** The next session's agenda: what rose to this level and is still open, and hard cases; record a session or add a case from here. */
export function AgendaTab({ body, onChanged }: { body: JointBodyView; onChanged(): void }) {
  const t = useT();
  const { lang } = useI18n();
  const region = useRegion();
  const handleError = useApiErrorHandler();
  const [agenda, setAgenda] = useState<AgendaView | null>(null);
  const [recording, setRecording] = useState(false);
  const [adding, setAdding] = useState(false);

  const load = useCallback(() => getAgenda(body.id).then(setAgenda, (e: unknown) => handleError(e)), [body.id, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  const name = (n: { zh: string; en: string }) => (lang === 'en' ? n.en : n.zh);
  const item = (a: AgendaEntry) => {
    const i = a.incident;
    const e = a.escalation;
    return (
      <List.Item key={`${a.kind}:${a.ref}`}>
        <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
          <Space wrap size={4}>
            {a.kind === 'case' ? <Tag color="gold">{t(a.case?.disputeId ? 'joint.agenda.referredDispute' : 'joint.agenda.case')}</Tag> : <Tag color={e?.kind === 'overdue' ? 'red' : 'blue'}>{kindLabel(t, e!.kind)}</Tag>}
            {i && <Tag>{name(i.categoryName)}</Tag>}
            {i?.overdue && <Tag color="error">{t('joint.agenda.overdue')}</Tag>}
            <Typography.Text strong style={{ wordBreak: 'break-word' }}>{a.kind === 'case' ? a.title : i?.description ?? a.title}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {[
              e ? t('joint.agenda.escalatedBy', { from: levelLabel(t, e.fromLevel), who: e.actorName, at: cstTime(e.at) }) : `${a.case?.createdByName} · ${cstTime(a.case?.createdAt)}`,
              i ? t('joint.agenda.stage', { stage: name(i.stageName) }) : null,
              i?.deadlineAt ? t('joint.agenda.deadline', { at: cstTime(i.deadlineAt) }) : null,
            ].filter(Boolean).join(' · ')}
          </Typography.Text>
          {(e?.reason || a.case?.reason) && <Typography.Text style={{ fontSize: 13 }}>{t('joint.agenda.reason', { reason: (e?.reason ?? a.case?.reason)! })}</Typography.Text>}
          {i && <Link to={region.withRegion(`/incidents/${i.id}`)}>{t('joint.agenda.openIncident')}</Link>}
          {a.case?.disputeId && <Link to={region.withRegion(`/disputes/${a.case.disputeId}`)}>{t('joint.agenda.openDispute')}</Link>}
        </Flex>
      </List.Item>
    );
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" style={{ flex: '1 1 320px' }}>
          {agenda?.lastHeldOn ? t('joint.agenda.since', { date: agenda.lastHeldOn }) : t('joint.agenda.first')}
        </Typography.Text>
        {body.abilities.record && (
          <Space wrap>
            <Button icon={<FileAddOutlined />} onClick={() => setAdding(true)}>{t('joint.agenda.addCase')}</Button>
            <Button type="primary" icon={<FormOutlined />} onClick={() => setRecording(true)} disabled={!agenda}>{t('joint.agenda.record')}</Button>
          </Space>
        )}
      </Flex>
      <Spin spinning={!agenda}>
        {agenda && agenda.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('joint.agenda.empty')} /> : <List bordered dataSource={agenda?.items ?? []} renderItem={item} />}
      </Spin>
      {agenda && <SessionModal open={recording} body={body} agenda={agenda} onClose={() => setRecording(false)} onDone={() => { setRecording(false); onChanged(); }} />}
      <CaseModal open={adding} bodyId={body.id} onClose={() => setAdding(false)} onDone={() => { setAdding(false); void load(); }} />
    </Flex>
  );
}

/** Adds a hard case to the agenda with the reason the joint meeting should take it up. */
function CaseModal({ open, bodyId, onClose, onDone }: { open: boolean; bodyId: string; onClose(): void; onDone(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ title: string; reason: string; incidentId?: string }>();
  const [saving, setSaving] = useState(false);
  const id = useOpenId(open);
  const submit = async (v: { title: string; reason: string; incidentId?: string }) => {
    setSaving(true);
    try {
      await addCase(bodyId, { id, title: v.title, reason: v.reason, incidentId: v.incidentId?.trim() || null });
      message.success(t('joint.case.added'));
      form.resetFields();
      onDone();
    } catch (e) {
      handleError(e, { form });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('joint.case.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" name="jointCase" onFinish={submit}>
        <Form.Item label={t('joint.case.name')} name="title" rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
        <Form.Item label={t('joint.case.reason')} name="reason" rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
        <Form.Item label={t('joint.case.incident')} name="incidentId"><Input maxLength={64} /></Form.Item>
      </Form>
    </Modal>
  );
}
