import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { PARTY_SIDES } from '../../../shared/disputes.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { sideLabel } from './labels.ts';
import { idNumberProblem, phoneProblem, ruleOf } from './validate.ts';

/** A party row of the form. */
export interface PartyValues {
  side?: string | null;
  name?: string;
  phone?: string;
  idNumber?: string;
}

/** The party rows as the API takes them: trimmed, empty optional fields left out. */
export function partiesToWire(rows: PartyValues[] | undefined) {
  return (rows ?? []).map((p) => ({
    name: (p.name ?? '').trim(),
    phone: p.phone?.trim() || null,
    idNumber: p.idNumber?.trim() || null,
    side: (p.side || null) as 'applicant' | 'respondent' | 'other' | null,
  }));
}

/**
 * The parties of a dispute inside a form (Form.List `parties`): side, name (required), mobile and ID number (optional,
 * checked with the shared validators). Server problems such as `parties.1.idNumber` land under the same fields.
 */
export function PartiesFields({ min = 1 }: { min?: number }) {
  const { t, lang } = useI18n();
  const phone = useIsPhone();
  const today = dayjs().format('YYYY-MM-DD');
  const span = phone ? 24 : 12;
  return (
    <Form.List
      name="parties"
      rules={[{ validator: async (_r, v: unknown[] | undefined) => { if ((v?.length ?? 0) < min) throw new Error(t('disputes.form.partiesRequired')); } }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={t('disputes.form.partyN', { n: i + 1 })}
              extra={fields.length > min && (
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('disputes.form.removeParty', { n: i + 1 })} onClick={() => remove(f.name)} />
              )}
            >
              <Row gutter={12}>
                <Col span={span}>
                  <Form.Item label={t('disputes.party.name')} name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('disputes.form.nameRequired') }, { max: 50 }]}>
                    <Input autoComplete="off" maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={span}>
                  <Form.Item label={t('disputes.party.side')} name={[f.name, 'side']}>
                    <Select allowClear options={PARTY_SIDES.map((s) => ({ value: s, label: sideLabel(t, s) }))} />
                  </Form.Item>
                </Col>
                <Col span={span}>
                  <Form.Item label={t('disputes.party.phone')} name={[f.name, 'phone']} rules={[ruleOf((v) => phoneProblem(v, lang))]}>
                    <Input inputMode="tel" autoComplete="off" maxLength={30} />
                  </Form.Item>
                </Col>
                <Col span={span}>
                  <Form.Item label={t('disputes.party.idNumber')} name={[f.name, 'idNumber']} rules={[ruleOf((v) => idNumberProblem(v, today, lang))]}>
                    <Input autoComplete="off" maxLength={20} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 50}>
            {t('disputes.form.addParty')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
