import { DatePicker, Flex, Form, Input, InputNumber, Rate, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import type { InputDef } from '../../../../shared/method-template.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { choiceLabel, nameIn } from '../labels.ts';
import { AttachmentInput } from './AttachmentInput.tsx';

/** A vote tally as the form holds it. */
export interface VoteValue {
  for?: number | null;
  against?: number | null;
  abstain?: number | null;
  eligible?: number | null;
}

/** Four counts of a show-of-hands vote: for, against, abstain, and (optional) how many could vote. */
export function VoteInput({ value, onChange, id }: { value?: VoteValue; onChange?(v: VoteValue): void; id?: string }) {
  const { t } = useI18n();
  const part = (k: keyof VoteValue, label: string) => (
    <Flex vertical gap={2} style={{ flex: '1 1 110px' }}>
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <InputNumber
        id={`${id}-${k}`}
        min={0}
        precision={0}
        style={{ width: '100%' }}
        value={value?.[k] ?? null}
        onChange={(n) => onChange?.({ ...value, [k]: n })}
      />
    </Flex>
  );
  return (
    <Flex wrap gap={8} id={id}>
      {part('for', t('matters.vote.for'))}
      {part('against', t('matters.vote.against'))}
      {part('abstain', t('matters.vote.abstain'))}
      {part('eligible', t('matters.vote.eligible'))}
    </Flex>
  );
}

/** The label of a template input: its name, or its key when the template gave none. */
export function inputLabel(def: InputDef, lang: 'zh-CN' | 'en'): string {
  return nameIn(def.name, lang) || def.key;
}

/** One form field for one template input, named ['input', key] so the server's `input.<key>` problems land on it. */
export function InputField({ def }: { def: InputDef }) {
  const { t, lang } = useI18n();
  const label = inputLabel(def, lang);
  const required: Rule[] = def.required ? [{ required: true, message: t('matters.event.required', { name: label }) }] : [];
  const name = ['input', def.key];
  switch (def.kind) {
    case 'text':
    case 'decision_text':
    case 'minutes':
      return (
        <Form.Item label={label} name={name} rules={[...required.map((r) => ({ ...r, whitespace: true }))]}>
          <Input.TextArea autoSize={{ minRows: def.kind === 'minutes' ? 5 : 3, maxRows: 14 }} maxLength={20000} />
        </Form.Item>
      );
    case 'vote_result':
      return (
        <Form.Item
          label={label}
          name={name}
          rules={[
            {
              validator: async (_, v: VoteValue | undefined) => {
                const given = [v?.for, v?.against, v?.abstain].filter((x) => x !== null && x !== undefined).length;
                if (given === 0 && !def.required) return;
                if (given < 3) throw new Error(t('matters.vote.incomplete'));
              },
            },
          ]}
        >
          <VoteInput />
        </Form.Item>
      );
    case 'photos':
    case 'attachments':
      return (
        <Form.Item label={label} name={name} rules={def.required ? [{ required: true, type: 'array', min: 1, message: t('matters.event.required', { name: label }) }] : []}>
          <AttachmentInput photos={def.kind === 'photos'} />
        </Form.Item>
      );
    case 'satisfaction':
      return (
        <Form.Item label={label} name={name} rules={def.required ? [{ required: true, type: 'number', min: 1, message: t('matters.event.required', { name: label }) }] : []}>
          <Rate />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item label={label} name={name} rules={required}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item label={label} name={name} rules={required}>
          <InputNumber min={def.min} max={def.max} style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'choice':
      return (
        <Form.Item label={label} name={name} rules={required}>
          <Select allowClear options={(def.options ?? []).map((o) => ({ value: o, label: choiceLabel(t, o) }))} />
        </Form.Item>
      );
  }
}

/** A form value as the API takes it; undefined leaves the input out. */
export function inputToWire(def: InputDef, v: unknown): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  switch (def.kind) {
    case 'date':
      return (v as Dayjs).format('YYYY-MM-DD');
    case 'text':
    case 'decision_text':
    case 'minutes':
      return (v as string).trim() === '' ? undefined : v;
    case 'vote_result': {
      const x = v as VoteValue;
      if (x.for == null && x.against == null && x.abstain == null) return undefined;
      const out: Record<string, number> = { for: x.for ?? 0, against: x.against ?? 0, abstain: x.abstain ?? 0 };
      if (x.eligible != null) out.eligible = x.eligible;
      return out;
    }
    case 'photos':
    case 'attachments':
      return (v as string[]).length ? v : undefined;
    case 'satisfaction':
      return (v as number) > 0 ? v : undefined;
    default:
      return v;
  }
}
