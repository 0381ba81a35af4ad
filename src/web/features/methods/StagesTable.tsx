import type { ReactNode } from 'react';
import { Button, Flex, Input, InputNumber, Select, Space, Switch, Table, Tooltip, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DEADLINE_UNITS, type DeadlineUnit, type MethodTemplateBody, type StageDef } from '../../../shared/method-template.ts';
import { useI18n } from '../../i18n/index.tsx';
import { fieldId, moveItem, renameStage } from './draft.ts';
import { FieldProblems, useEditor } from './problems.tsx';
import { groupedRoleOptions, type RoleOption } from './roles.ts';

type Row = StageDef & { index: number };

/** The stages of a template as an editable table: key, names, terminal, time limit, owner, order. */
export function StagesTable({ body, onChange, roles }: { body: MethodTemplateBody; onChange(b: MethodTemplateBody): void; roles: RoleOption[] }) {
  const { t } = useI18n();
  const { readOnly, problemsAt } = useEditor();
  const st = (path: string) => (problemsAt(path).length ? ('error' as const) : undefined);
  const patch = (i: number, p: Partial<StageDef>) => onChange({ ...body, stages: body.stages.map((s, k) => (k === i ? { ...s, ...p } : s)) });
  const unitOptions = DEADLINE_UNITS.map((u) => ({ value: u, label: t.dyn(`methods.unit.${u}`, u) }));
  const roleOptions = groupedRoleOptions(roles, t);
  const cell = (path: string, control: ReactNode) => (
    <div>
      {control}
      <FieldProblems path={path} />
    </div>
  );

  const columns: TableColumnsType<Row> = [
    {
      title: t('methods.stage.order'), key: 'order', width: 68,
      render: (_, s) => (
        <Space size={2}>
          <Tooltip title={t('methods.stage.up')}>
            <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`${t('methods.stage.up')} ${s.key}`} disabled={readOnly || s.index === 0} onClick={() => onChange({ ...body, stages: moveItem(body.stages, s.index, -1) })} />
          </Tooltip>
          <Tooltip title={t('methods.stage.down')}>
            <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`${t('methods.stage.down')} ${s.key}`} disabled={readOnly || s.index === body.stages.length - 1} onClick={() => onChange({ ...body, stages: moveItem(body.stages, s.index, 1) })} />
          </Tooltip>
        </Space>
      ),
    },
    {
      title: t('methods.stage.key'), key: 'key', width: 150,
      render: (_, s) => cell(`stages.${s.index}.key`, (
        <Input id={fieldId(`stages.${s.index}.key`)} aria-label={t('methods.stage.key')} value={s.key ?? ''} status={st(`stages.${s.index}.key`)} disabled={readOnly}
          spellCheck={false} onChange={(e) => onChange(renameStage(body, s.index, e.target.value))} />
      )),
    },
    {
      title: t('methods.stage.nameZh'), key: 'zh', width: 140,
      render: (_, s) => cell(`stages.${s.index}.name.zh`, (
        <Input id={fieldId(`stages.${s.index}.name.zh`)} aria-label={t('methods.stage.nameZh')} value={s.name?.zh ?? ''} status={st(`stages.${s.index}.name.zh`)} disabled={readOnly}
          onChange={(e) => patch(s.index, { name: { zh: e.target.value, en: s.name?.en ?? '' } })} />
      )),
    },
    {
      title: t('methods.stage.nameEn'), key: 'en', width: 160,
      render: (_, s) => cell(`stages.${s.index}.name.en`, (
        <Input id={fieldId(`stages.${s.index}.name.en`)} aria-label={t('methods.stage.nameEn')} value={s.name?.en ?? ''} status={st(`stages.${s.index}.name.en`)} disabled={readOnly}
          onChange={(e) => patch(s.index, { name: { zh: s.name?.zh ?? '', en: e.target.value } })} />
      )),
    },
    {
      title: t('methods.stage.terminal'), key: 'terminal', width: 72, align: 'center',
      render: (_, s) => cell(`stages.${s.index}.terminal`, (
        <Switch id={fieldId(`stages.${s.index}.terminal`)} aria-label={`${t('methods.stage.terminal')} ${s.key}`} checked={s.terminal === true} disabled={readOnly}
          onChange={(v) => patch(s.index, v ? { terminal: true, deadline: undefined } : { terminal: false })} />
      )),
    },
    {
      title: t('methods.stage.deadline'), key: 'deadline', width: 206,
      render: (_, s) => cell(`stages.${s.index}.deadline`, (
        <Space.Compact>
          <InputNumber id={fieldId(`stages.${s.index}.deadline`)} aria-label={t('methods.stage.amount')} min={1} max={3650} precision={0} style={{ width: 72 }}
            value={s.deadline?.amount ?? null} status={st(`stages.${s.index}.deadline`)} disabled={readOnly || s.terminal === true}
            onChange={(v) => patch(s.index, { deadline: v === null ? undefined : { amount: v, unit: s.deadline?.unit ?? 'natural_days' } })} />
          <Select aria-label={t('methods.stage.unit')} style={{ width: 122 }} options={unitOptions} value={s.deadline?.unit ?? 'natural_days'}
            disabled={readOnly || s.terminal === true || !s.deadline}
            onChange={(u: DeadlineUnit) => patch(s.index, { deadline: { amount: s.deadline?.amount ?? 1, unit: u } })} />
        </Space.Compact>
      )),
    },
    {
      title: t('methods.stage.owner'), key: 'owner', width: 200,
      render: (_, s) => cell(`stages.${s.index}.owner`, (
        <Select id={fieldId(`stages.${s.index}.owner`)} aria-label={t('methods.stage.owner')} style={{ width: '100%' }} allowClear showSearch optionFilterProp="label"
          options={roleOptions} value={s.owner || undefined} status={st(`stages.${s.index}.owner`)} disabled={readOnly} popupMatchSelectWidth={false}
          onChange={(v?: string) => patch(s.index, { owner: v })} />
      )),
    },
    {
      title: '', key: 'remove', width: 48,
      render: (_, s) => (
        <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('methods.stage.remove', { key: s.key })} disabled={readOnly}
          onClick={() => onChange({ ...body, stages: body.stages.filter((_, k) => k !== s.index) })} />
      ),
    },
  ];

  return (
    <Flex vertical gap={8}>
      <FieldProblems path="stages" />
      <Table<Row>
        rowKey="index"
        size="small"
        columns={columns}
        dataSource={body.stages.map((s, index) => ({ ...s, index }))}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      {!readOnly && (
        <Button icon={<PlusOutlined />} onClick={() => onChange({ ...body, stages: [...body.stages, { key: `stage_${body.stages.length + 1}`, name: { zh: '', en: '' } }] })} style={{ alignSelf: 'flex-start' }}>
          {t('methods.stage.add')}
        </Button>
      )}
    </Flex>
  );
}
