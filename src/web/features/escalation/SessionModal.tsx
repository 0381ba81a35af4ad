import { useEffect, useState } from 'react';
import { Alert, App, Card, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useT } from '../../i18n/index.tsx';
import { useIsPhone, useOpenId } from '../registry/formKit.tsx';
import { recordSession, searchOrgs, type AgendaView, type ItemBody, type JointBodyView } from './api.ts';
import { orgOptions } from './OrgPicker.tsx';

interface ItemValues {
  ref: string;
  kind: 'escalation' | 'case';
  title: string;
  takeUp: boolean;
  note?: string;
  text?: string;
  orgId?: string | null;
  dueOn?: Dayjs | null;
}

interface Values {
  heldOn: Dayjs;
  place: string;
  chairOrgId?: string;
  attendees: string[];
  minutes: string;
  items: ItemValues[];
}

/**
 * Records a held session: date, place, chair (the month's rota chair unless changed), units present, minutes, and for each
 * agenda item taken up the discussion and the decision (text, responsible organisation, due date), which goes down as a task.
 */
export function SessionModal({ open, body, agenda, onClose, onDone }: { open: boolean; body: JointBodyView; agenda: AgendaView; onClose(): void; onDone(): void }) {
  const t = useT();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const id = useOpenId(open);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      heldOn: dayjs(), place: '', attendees: body.members.map((m) => m.id), minutes: '',
      items: agenda.items.map((a) => ({ ref: a.ref, kind: a.kind, title: a.kind === 'case' ? a.title : a.incident?.description ?? a.title, takeUp: true, dueOn: dayjs().add(10, 'day') })),
    });
  }, [open, form, body.members, agenda.items]);

  const loadOrgs = async (q: string) => {
    const members = body.members.filter((m) => !q || m.name.includes(q)).map((m) => ({ value: m.id, label: m.name }));
    const found = (await searchOrgs(q)).filter((o) => !members.some((m) => m.value === o.id)).map((o) => ({ value: o.id, label: o.name }));
    return [...members, ...found];
  };

  const submit = async (shown: Values) => {
    // Each item's ref, kind and title are kept in the store without a field of their own, so read the whole store.
    const v = { ...shown, items: (form.getFieldsValue(true) as Values).items };
    const rename: Record<string, string> = {};
    const items: ItemBody[] = [];
    v.items.forEach((it, k) => {
      if (!it.takeUp) return;
      const j = items.length;
      for (const [from, to] of [['text', 'text'], ['responsibleOrgId', 'orgId'], ['dueOn', 'dueOn']]) rename[`items.${j}.decision.${from}`] = `items.${k}.${to}`;
      rename[`items.${j}.${it.kind === 'case' ? 'caseId' : 'incidentId'}`] = `items.${k}.note`;
      const text = it.text?.trim();
      items.push({
        ...(it.kind === 'case' ? { caseId: it.ref } : { incidentId: it.ref }),
        note: it.note?.trim() || null,
        decision: text ? { text, responsibleOrgId: it.orgId ?? '', dueOn: it.dueOn?.format('YYYY-MM-DD') ?? '' } : null,
      });
    });
    setSaving(true);
    try {
      await recordSession(body.id, { id, heldOn: v.heldOn.format('YYYY-MM-DD'), place: v.place, chairOrgId: v.chairOrgId || null, attendees: v.attendees, minutes: v.minutes, items });
      message.success(t('joint.session.recorded'));
      onDone();
    } catch (e) {
      handleError(e, { form, rename });
    } finally {
      setSaving(false);
    }
  };

  const needsDecisionPart = (k: number) => ({
    validator: async (_: unknown, v: unknown) => {
      const it = form.getFieldValue(['items', k]) as ItemValues;
      if (it?.takeUp && it.text?.trim() && !v) throw new Error(t('joint.session.decisionRequired'));
    },
  });
  const half = { xs: 24, md: 12 };
  return (
    <Modal open={open} title={t('joint.session.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden width={phone ? '100%' : 900} style={phone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}>
      <Form form={form} layout="vertical" name="jointSession" onFinish={submit}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item label={t('joint.session.heldOn')} name="heldOn" rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('joint.session.place')} name="place" rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('joint.session.chair')} name="chairOrgId" extra={t('joint.session.chairHint')}>
              <Select allowClear options={orgOptions(body.members)} placeholder={agenda.chairThisMonth?.name} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('joint.session.attendees')} name="attendees">
          <Checkbox.Group options={orgOptions(body.members)} />
        </Form.Item>
        <Form.Item label={t('joint.session.minutes')} name="minutes" rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        <Typography.Title level={5}>{t('joint.session.items')}</Typography.Title>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={agenda.items.length ? t('joint.session.dispatchHint') : t('joint.session.noItems')} />
        <Form.List name="items">
          {(fields) => fields.map((f) => {
            const it = form.getFieldValue(['items', f.name]) as ItemValues;
            return (
              <Card key={f.key} size="small" style={{ marginBottom: 12 }} title={<Typography.Text style={{ whiteSpace: 'normal' }}>{it?.title}</Typography.Text>}
                extra={<Form.Item name={[f.name, 'takeUp']} valuePropName="checked" noStyle><Checkbox>{t('joint.session.takeUp')}</Checkbox></Form.Item>}>
                <Form.Item label={t('joint.session.note')} name={[f.name, 'note']}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
                <Form.Item label={t('joint.session.decision')} name={[f.name, 'text']}><Input.TextArea rows={2} maxLength={2000} placeholder={t('joint.session.decisionPlaceholder')} /></Form.Item>
                <Row gutter={12}>
                  <Col {...half}>
                    <Form.Item label={t('joint.session.responsible')} name={[f.name, 'orgId']} rules={[needsDecisionPart(f.name)]} dependencies={[['items', f.name, 'text']]}>
                      <RemoteSelect load={loadOrgs} />
                    </Form.Item>
                  </Col>
                  <Col {...half}>
                    <Form.Item label={t('joint.session.dueOn')} name={[f.name, 'dueOn']} rules={[needsDecisionPart(f.name)]} dependencies={[['items', f.name, 'text']]}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            );
          })}
        </Form.List>
      </Form>
    </Modal>
  );
}
