import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FOLLOW_UP_RESULTS, REFERRAL_TARGETS, type DisputeDetail, type DisputeEvent } from '../../../shared/disputes.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { dateStr, useIsPhone } from '../registry/formKit.tsx';
import { fireDisputeEvent, getDispute, listMediators, type DisputeEventInput } from './api.ts';
import { disputeEventLabel, followUpLabel, mediatorKindText, referralLabel } from './labels.ts';

/** Refusals about the dispute as a whole (its state moved on, the caller's rights) rather than one field. */
const REFUSALS = new Set(['EVENT_NOT_ALLOWED_IN_STAGE', 'DISPUTE_SESSION_REQUIRED', 'DISPUTE_MEDIATOR_REQUIRED', 'DISPUTE_NOT_RELAPSED', 'FORBIDDEN', 'OUT_OF_SCOPE']);

interface Values {
  input?: {
    mediatorIds?: string[];
    heldOn?: Dayjs | null;
    place?: string;
    notes?: string;
    agreementText?: string;
    referredTo?: string;
    note?: string;
    reason?: string;
    on?: Dayjs | null;
    result?: string;
  };
}

const renames: Record<string, string> = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`input.mediatorIds.${i}`, 'input.mediatorIds']));
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** Mediators of the pools serving the dispute's place who are active and not yet on it, as Select options. */
function useAssignable(dispute: DisputeDetail, enabled: boolean) {
  const t = useT();
  const handleError = useApiErrorHandler();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setLoading(true);
    listMediators({ usableFor: dispute.id, active: true }, 1, 100)
      .then((p) => {
        if (!live) return;
        const taken = new Set(dispute.mediators.map((m) => m.id));
        setOptions(p.items.filter((m) => !taken.has(m.id)).map((m) => ({ value: m.id, label: `${m.name} · ${mediatorKindText(t, m)} · ${m.region.name}` })));
      })
      .catch((e) => live && handleError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [dispute.id, dispute.mediators, enabled, t, handleError]);
  return { options, loading };
}

/**
 * One mediation step of a dispute: assign or release mediators, record a session (date, place, mediators present, notes),
 * the outcome (agreement text; referral to court, arbitration, a department or a higher level; withdrawal), the return
 * visit (holding or relapsed), or reopening after a relapse. Sent with the version the page showed; field problems land
 * under their fields, a refusal about the dispute shows above the form, 409 STALE offers a reload that keeps the typing.
 */
export function DisputeEventModal({ dispute, event, onClose, onDone }: { dispute: DisputeDetail; event: DisputeEvent; onClose(): void; onDone(d: DisputeDetail): void }) {
  const t = useT();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(dispute.version);
  const [refusal, setRefusal] = useState<string | null>(null);
  const assignable = useAssignable(dispute, event === 'assign');
  const assigned = dispute.mediators.map((m) => ({ value: m.id, label: `${m.name} · ${mediatorKindText(t, m)}` }));
  const title = disputeEventLabel(t, event);

  const reload = async () => {
    try {
      const d = await getDispute(dispute.id);
      setVersion(d.version);
      if (!d.abilities.events.includes(event)) setRefusal(t('disputes.action.gone'));
      else message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    const v = (await form.validateFields()).input ?? {};
    const input: DisputeEventInput = {};
    if (v.mediatorIds) input.mediatorIds = v.mediatorIds;
    if (v.heldOn) input.heldOn = dateStr(v.heldOn)!;
    if (v.on) input.on = dateStr(v.on)!;
    for (const k of ['place', 'notes', 'agreementText', 'referredTo', 'reason', 'result'] as const) if (v[k]?.trim()) input[k] = v[k]!.trim();
    if (event === 'refer' || event === 'follow_up') input.note = v.note?.trim() || null;
    setBusy(true);
    setRefusal(null);
    try {
      const d = await fireDisputeEvent(dispute.id, event, version, input);
      message.success(t('disputes.action.done', { name: title }));
      onDone(d);
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (REFUSALS.has(code)) setRefusal((e as Error).message);
      else handleError(e, { form, rename: renames, onReload: () => void reload() });
    } finally {
      setBusy(false);
    }
  };

  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  const text = (name: string, label: string, rows: number, max: number, need = true, placeholder?: string) => (
    <Form.Item label={label} name={['input', name]} rules={need ? [...required(t('disputes.action.required')), { max }] : [{ max }]}>
      <Input.TextArea autoSize={{ minRows: rows, maxRows: rows + 6 }} maxLength={max} showCount placeholder={placeholder} />
    </Form.Item>
  );
  const initial: Values = {
    input: {
      heldOn: event === 'session' ? dayjs() : undefined,
      on: event === 'follow_up' ? dayjs() : undefined,
      mediatorIds: event === 'session' ? dispute.mediators.map((m) => m.id) : undefined,
    },
  };

  return (
    <Modal
      open
      title={title}
      okText={t('disputes.action.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={phone ? '100%' : 600}
      style={phone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
    >
      <Typography.Paragraph type="secondary">{t.dyn(`disputes.action.help.${event}`, '')}</Typography.Paragraph>
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} />}
      <Form form={form} name={`disputeEvent-${event}`} layout="vertical" preserve={false} initialValues={initial}>
        {event === 'assign' && (
          <Form.Item label={t('disputes.mediators')} name={['input', 'mediatorIds']} rules={[{ required: true, type: 'array', min: 1, message: t('disputes.action.mediatorsRequired') }]}>
            <Select mode="multiple" loading={assignable.loading} options={assignable.options} optionFilterProp="label" placeholder={t('disputes.action.pickMediators')} notFoundContent={t('disputes.action.noMediators')} />
          </Form.Item>
        )}
        {event === 'unassign' && (
          <Form.Item label={t('disputes.mediators')} name={['input', 'mediatorIds']} rules={[{ required: true, type: 'array', min: 1, message: t('disputes.action.mediatorsRequired') }]}>
            <Select mode="multiple" options={assigned} optionFilterProp="label" />
          </Form.Item>
        )}
        {event === 'session' && (
          <>
            <Form.Item label={t('disputes.session.heldOn')} name={['input', 'heldOn']} rules={[{ required: true, message: t('disputes.action.required') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
            <Form.Item label={t('disputes.session.place')} name={['input', 'place']} rules={[...required(t('disputes.action.required')), { max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label={t('disputes.session.present')} name={['input', 'mediatorIds']} rules={[{ required: true, type: 'array', min: 1, message: t('disputes.action.mediatorsRequired') }]}>
              <Select mode="multiple" options={assigned} optionFilterProp="label" />
            </Form.Item>
            {text('notes', t('disputes.session.notes'), 4, 4000)}
          </>
        )}
        {event === 'agree' && text('agreementText', t('disputes.outcome.agreementText'), 4, 4000, true, t('disputes.action.agreementPlaceholder'))}
        {event === 'refer' && (
          <>
            <Form.Item label={t('disputes.outcome.referredTo')} name={['input', 'referredTo']} rules={[{ required: true, message: t('disputes.action.required') }]}>
              <Radio.Group options={REFERRAL_TARGETS.map((r) => ({ value: r, label: referralLabel(t, r) }))} />
            </Form.Item>
            {text('note', t('disputes.outcome.referralNote'), 2, 500, true, t('disputes.action.referralPlaceholder'))}
          </>
        )}
        {(event === 'withdraw' || event === 'reopen') && text('reason', t('disputes.action.reason'), 2, 500)}
        {event === 'follow_up' && (
          <>
            <Form.Item label={t('disputes.followUp.on')} name={['input', 'on']} rules={[{ required: true, message: t('disputes.action.required') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
            <Form.Item label={t('disputes.followUp.result')} name={['input', 'result']} rules={[{ required: true, message: t('disputes.action.required') }]}>
              <Radio.Group options={FOLLOW_UP_RESULTS.map((r) => ({ value: r, label: followUpLabel(t, r) }))} />
            </Form.Item>
            {text('note', t('disputes.followUp.note'), 2, 1000, false)}
          </>
        )}
      </Form>
    </Modal>
  );
}
