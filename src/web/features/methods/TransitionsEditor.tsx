import { Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { MethodTemplateBody, TransitionDef } from '../../../shared/method-template.ts';
import { useI18n } from '../../i18n/index.tsx';
import { fieldId, fromList } from './draft.ts';
import { InputsTable } from './InputsTable.tsx';
import { FieldItem, FieldProblems, useEditor } from './problems.tsx';
import { groupedRoleOptions, type RoleOption } from './roles.ts';

const RESETS = { auto: undefined, true: true, false: false } as const;

/** The transitions of a template, one card each: event, names, from and to, who, inputs and deadline handling. */
export function TransitionsEditor({ body, onChange, roles }: { body: MethodTemplateBody; onChange(b: MethodTemplateBody): void; roles: RoleOption[] }) {
  const { t, lang } = useI18n();
  const { readOnly, problemsAt } = useEditor();
  const st = (path: string) => (problemsAt(path).length ? ('error' as const) : undefined);
  const patch = (j: number, p: Partial<TransitionDef>) => onChange({ ...body, transitions: body.transitions.map((x, k) => (k === j ? { ...x, ...p } : x)) });
  const stageOptions = body.stages.filter((s) => s.key).map((s) => ({ value: s.key, label: `${(lang === 'en' ? s.name?.en : s.name?.zh) || s.key} · ${s.key}` }));
  const roleOptions = groupedRoleOptions(roles, t);

  return (
    <Flex vertical gap={12}>
      <FieldProblems path="transitions" />
      {body.transitions.map((tr, j) => {
        const p = (f: string) => `transitions.${j}.${f}`;
        const dateInputs = (tr.inputs ?? []).filter((i) => i.kind === 'date' && i.key).map((i) => ({ value: i.key, label: i.key }));
        const title = (lang === 'en' ? tr.name?.en : tr.name?.zh) || tr.event || '';
        return (
          <Card
            key={j}
            size="small"
            data-testid={`transition-${j}`}
            title={t('methods.transition.title', { n: j + 1, name: title })}
            extra={!readOnly && (
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={`${t('methods.transition.remove')} ${j + 1}`}
                onClick={() => onChange({ ...body, transitions: body.transitions.filter((_, k) => k !== j) })} />
            )}
          >
            <Form layout="vertical" component="div">
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <FieldItem path={p('event')} label={t('methods.transition.event')}>
                    <Input id={fieldId(p('event'))} value={tr.event ?? ''} status={st(p('event'))} disabled={readOnly} spellCheck={false} onChange={(e) => patch(j, { event: e.target.value })} />
                  </FieldItem>
                </Col>
                <Col xs={24} md={8}>
                  <FieldItem path={p('name.zh')} label={t('methods.transition.nameZh')}>
                    <Input id={fieldId(p('name.zh'))} value={tr.name?.zh ?? ''} disabled={readOnly} onChange={(e) => patch(j, { name: { zh: e.target.value, en: tr.name?.en ?? '' } })} />
                  </FieldItem>
                </Col>
                <Col xs={24} md={8}>
                  <FieldItem path={p('name.en')} label={t('methods.transition.nameEn')}>
                    <Input id={fieldId(p('name.en'))} value={tr.name?.en ?? ''} disabled={readOnly} onChange={(e) => patch(j, { name: { zh: tr.name?.zh ?? '', en: e.target.value } })} />
                  </FieldItem>
                </Col>
                <Col xs={24} md={8}>
                  <FieldItem path={p('from')} label={t('methods.transition.from')}>
                    <Select id={fieldId(p('from'))} mode="multiple" value={fromList(tr)} options={stageOptions} status={st(p('from'))} disabled={readOnly} optionFilterProp="label"
                      onChange={(v: string[]) => patch(j, { from: v })} />
                  </FieldItem>
                </Col>
                <Col xs={24} md={8}>
                  <FieldItem path={p('to')} label={t('methods.transition.to')}>
                    <Select id={fieldId(p('to'))} value={tr.to || undefined} options={stageOptions} status={st(p('to'))} disabled={readOnly} showSearch optionFilterProp="label"
                      onChange={(v: string) => patch(j, { to: v })} />
                  </FieldItem>
                </Col>
                <Col xs={24} md={8}>
                  <FieldItem path={p('who')} label={t('methods.transition.who')}>
                    <Select id={fieldId(p('who'))} mode="multiple" value={Array.isArray(tr.who) ? tr.who : []} options={roleOptions} status={st(p('who'))} disabled={readOnly}
                      optionFilterProp="label" popupMatchSelectWidth={false} onChange={(v: string[]) => patch(j, { who: v })} />
                  </FieldItem>
                </Col>
                <Col xs={24} md={8}>
                  <FieldItem path={p('deadlineInput')} label={t('methods.transition.deadlineInput')}>
                    <Select id={fieldId(p('deadlineInput'))} value={tr.deadlineInput ?? ''} status={st(p('deadlineInput'))} disabled={readOnly}
                      options={[{ value: '', label: t('methods.transition.deadlineInputNone') }, ...dateInputs]} onChange={(v: string) => patch(j, { deadlineInput: v || undefined })} />
                  </FieldItem>
                </Col>
                <Col xs={24} md={8}>
                  <FieldItem path={p('counts')} label={t('methods.transition.counts')} extra={t('methods.transition.countsHelp')}>
                    <Input id={fieldId(p('counts'))} value={tr.counts ?? ''} status={st(p('counts'))} disabled={readOnly} spellCheck={false} onChange={(e) => patch(j, { counts: e.target.value || undefined })} />
                  </FieldItem>
                </Col>
                <Col xs={24} md={8}>
                  <FieldItem path={p('resetsDeadline')} label={t('methods.transition.resets')}>
                    <Select id={fieldId(p('resetsDeadline'))} value={(tr.resetsDeadline === undefined ? 'auto' : String(tr.resetsDeadline)) as keyof typeof RESETS} disabled={readOnly}
                      options={[{ value: 'auto', label: t('methods.transition.resetsAuto') }, { value: 'true', label: t('methods.transition.resetsTrue') }, { value: 'false', label: t('methods.transition.resetsFalse') }]}
                      onChange={(v: keyof typeof RESETS) => patch(j, { resetsDeadline: RESETS[v] })} />
                  </FieldItem>
                </Col>
              </Row>
            </Form>
            <Typography.Text strong>{t('methods.transition.inputs')}</Typography.Text>
            {!(tr.inputs ?? []).length && readOnly && <Typography.Text type="secondary"> {t('methods.transition.noInputs')}</Typography.Text>}
            <InputsTable base={p('inputs')} inputs={Array.isArray(tr.inputs) ? tr.inputs : []} onChange={(inputs) => patch(j, { inputs })} />
          </Card>
        );
      })}
      {!readOnly && (
        <Button
          icon={<PlusOutlined />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => onChange({ ...body, transitions: [...body.transitions, { event: `event_${body.transitions.length + 1}`, from: [], to: '', who: [] }] })}
        >
          {t('methods.transition.add')}
        </Button>
      )}
    </Flex>
  );
}
