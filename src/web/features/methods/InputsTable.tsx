import { Button, Checkbox, Input, InputNumber, Select, Table, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { INPUT_KINDS, type InputDef, type InputKind } from '../../../shared/method-template.ts';
import { useI18n } from '../../i18n/index.tsx';
import { fieldId } from './draft.ts';
import { FieldProblems, useEditor } from './problems.tsx';

type Row = InputDef & { index: number };

/** The inputs one transition asks for: key, kind, required, names, and the options or bounds their kind takes. */
export function InputsTable({ base, inputs, onChange }: { base: string; inputs: InputDef[]; onChange(list: InputDef[]): void }) {
  const { t } = useI18n();
  const { readOnly, problemsAt } = useEditor();
  const st = (path: string) => (problemsAt(path).length ? ('error' as const) : undefined);
  const patch = (i: number, p: Partial<InputDef>) => onChange(inputs.map((x, k) => (k === i ? { ...x, ...p } : x)));
  const path = (i: number, f: string) => `${base}.${i}.${f}`;
  const cell = (p: string, control: ReactNode) => (
    <div>
      {control}
      <FieldProblems path={p} />
    </div>
  );
  const text = (i: number, f: 'key', label: string, value: string) =>
    cell(path(i, f), <Input id={fieldId(path(i, f))} aria-label={label} value={value} status={st(path(i, f))} disabled={readOnly} spellCheck={false} onChange={(e) => patch(i, { [f]: e.target.value })} />);
  const name = (x: Row, lang: 'zh' | 'en') =>
    cell(path(x.index, `name.${lang}`), (
      <Input id={fieldId(path(x.index, `name.${lang}`))} aria-label={t(lang === 'zh' ? 'methods.input.nameZh' : 'methods.input.nameEn')} value={x.name?.[lang] ?? ''}
        status={st(path(x.index, `name.${lang}`))} disabled={readOnly}
        onChange={(e) => patch(x.index, { name: { zh: x.name?.zh ?? '', en: x.name?.en ?? '', [lang]: e.target.value } })} />
    ));
  const bound = (x: Row, f: 'min' | 'max') =>
    cell(path(x.index, f), (
      <InputNumber id={fieldId(path(x.index, f))} aria-label={t(f === 'min' ? 'methods.input.min' : 'methods.input.max')} style={{ width: 68 }} value={x[f] ?? null}
        status={st(path(x.index, f))} disabled={readOnly || x.kind !== 'number'} onChange={(v) => patch(x.index, { [f]: v ?? undefined })} />
    ));

  const columns: TableColumnsType<Row> = [
    { title: t('methods.input.key'), key: 'key', width: 120, render: (_, x) => text(x.index, 'key', t('methods.input.key'), x.key ?? '') },
    {
      title: t('methods.input.kind'), key: 'kind', width: 130,
      render: (_, x) => cell(path(x.index, 'kind'), (
        <Select id={fieldId(path(x.index, 'kind'))} aria-label={t('methods.input.kind')} style={{ width: '100%' }} value={x.kind} status={st(path(x.index, 'kind'))} disabled={readOnly}
          popupMatchSelectWidth={false} options={INPUT_KINDS.map((k) => ({ value: k, label: t.dyn(`methods.kind.${k}`, k) }))} onChange={(k: InputKind) => patch(x.index, { kind: k })} />
      )),
    },
    {
      title: t('methods.input.required'), key: 'required', width: 64, align: 'center',
      render: (_, x) => cell(path(x.index, 'required'), (
        <Checkbox id={fieldId(path(x.index, 'required'))} aria-label={`${t('methods.input.required')} ${x.key}`} checked={x.required === true} disabled={readOnly} onChange={(e) => patch(x.index, { required: e.target.checked })} />
      )),
    },
    { title: t('methods.input.nameZh'), key: 'zh', width: 130, render: (_, x) => name(x, 'zh') },
    { title: t('methods.input.nameEn'), key: 'en', width: 130, render: (_, x) => name(x, 'en') },
    {
      title: t('methods.input.options'), key: 'options', width: 180,
      render: (_, x) => cell(path(x.index, 'options'), (
        <Select id={fieldId(path(x.index, 'options'))} aria-label={t('methods.input.options')} mode="tags" style={{ width: '100%' }} value={x.options ?? []} tokenSeparators={[',', '，']}
          status={st(path(x.index, 'options'))} disabled={readOnly || x.kind !== 'choice'} placeholder={x.kind === 'choice' ? t('methods.input.optionsPlaceholder') : undefined}
          open={false} suffixIcon={null} onChange={(v: string[]) => patch(x.index, { options: v })} />
      )),
    },
    { title: t('methods.input.min'), key: 'min', width: 80, render: (_, x) => bound(x, 'min') },
    { title: t('methods.input.max'), key: 'max', width: 80, render: (_, x) => bound(x, 'max') },
    {
      title: '', key: 'remove', width: 44,
      render: (_, x) => (
        <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('methods.input.remove', { key: x.key })} disabled={readOnly}
          onClick={() => onChange(inputs.filter((_, k) => k !== x.index))} />
      ),
    },
  ];

  return (
    <div>
      <FieldProblems path={base} />
      {inputs.length > 0 && (
        <Table<Row> rowKey="index" size="small" columns={columns} dataSource={inputs.map((x, index) => ({ ...x, index }))} pagination={false} scroll={{ x: 'max-content' }} />
      )}
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 6 }} onClick={() => onChange([...inputs, { key: `input_${inputs.length + 1}`, kind: 'text', required: true }])}>
          {t('methods.input.add')}
        </Button>
      )}
    </div>
  );
}
