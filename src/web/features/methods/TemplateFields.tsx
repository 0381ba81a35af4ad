import { Col, Form, Input, Row, Select, Typography } from 'antd';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';
import { ScopePathPicker } from '../../components/RegionPicker.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { fieldId, isEditable } from './draft.ts';
import { FieldItem, useEditor } from './problems.tsx';

/** Props of the fields above the tabs. */
export interface TemplateFieldsProps {
  body: MethodTemplateBody;
  onChange(b: MethodTemplateBody): void;
  /** A new method: the key and the place it applies to can still be chosen. */
  isNew: boolean;
  scopePath: string;
  onScopePath(p: string): void;
  scopeLabel: string;
}

/** The method's key, names, description, initial stage and where it applies. */
export function TemplateFields({ body, onChange, isNew, scopePath, onScopePath, scopeLabel }: TemplateFieldsProps) {
  const { t, lang } = useI18n();
  const { readOnly, problemsAt } = useEditor();
  const st = (path: string) => (problemsAt(path).length ? ('error' as const) : undefined);
  const name = body.name && typeof body.name === 'object' ? body.name : { zh: '', en: '' };
  const stages = isEditable(body) ? body.stages.filter((s) => s.key) : [];
  return (
    <Form layout="vertical" component="div">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <FieldItem path="key" label={t('methods.field.key')} extra={isNew ? t('methods.field.keyHelp') : undefined}>
            <Input id={fieldId('key')} value={typeof body.key === 'string' ? body.key : ''} status={st('key')} disabled={readOnly || !isNew} spellCheck={false}
              onChange={(e) => onChange({ ...body, key: e.target.value })} />
          </FieldItem>
        </Col>
        <Col xs={24} md={8}>
          <FieldItem path="name.zh" label={t('methods.field.nameZh')}>
            <Input id={fieldId('name.zh')} value={name.zh ?? ''} status={st('name.zh')} disabled={readOnly} onChange={(e) => onChange({ ...body, name: { ...name, zh: e.target.value } })} />
          </FieldItem>
        </Col>
        <Col xs={24} md={8}>
          <FieldItem path="name.en" label={t('methods.field.nameEn')}>
            <Input id={fieldId('name.en')} value={name.en ?? ''} status={st('name.en')} disabled={readOnly} onChange={(e) => onChange({ ...body, name: { ...name, en: e.target.value } })} />
          </FieldItem>
        </Col>
        <Col xs={24} md={8}>
          <FieldItem path="initial" label={t('methods.field.initial')}>
            <Select id={fieldId('initial')} value={body.initial || undefined} status={st('initial')} disabled={readOnly} showSearch optionFilterProp="label"
              options={stages.map((s) => ({ value: s.key, label: `${(lang === 'en' ? s.name?.en : s.name?.zh) || s.key} · ${s.key}` }))}
              onChange={(v: string) => onChange({ ...body, initial: v })} />
          </FieldItem>
        </Col>
        <Col xs={24} md={8}>
          <FieldItem path="scopePath" label={t('methods.field.scope')} extra={isNew ? t('methods.field.scopeHelp') : undefined}>
            {isNew && !readOnly ? (
              <ScopePathPicker id={fieldId('scopePath')} includeRoot value={scopePath} onChange={onScopePath} />
            ) : (
              <Typography.Text id={fieldId('scopePath')}>{scopeLabel}</Typography.Text>
            )}
          </FieldItem>
        </Col>
        <Col xs={24} md={8}>
          <FieldItem path="description" label={t('methods.field.description')}>
            <Input.TextArea id={fieldId('description')} value={typeof body.description === 'string' ? body.description : ''} disabled={readOnly} autoSize={{ minRows: 1, maxRows: 4 }}
              onChange={(e) => onChange({ ...body, description: e.target.value })} />
          </FieldItem>
        </Col>
      </Row>
    </Form>
  );
}
