import { useState } from 'react';
import { Alert, Flex, Input, Typography } from 'antd';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';
import { useI18n } from '../../i18n/index.tsx';
import { normalise } from './draft.ts';
import { useEditor } from './problems.tsx';

/**
 * The template as JSON. Text that parses replaces the template at once (the tables and the checks follow); text that
 * does not parse stays in the box with the parser's message and changes nothing.
 */
export function JsonTab({ body, onChange }: { body: MethodTemplateBody; onChange(b: MethodTemplateBody): void }) {
  const { t } = useI18n();
  const { readOnly } = useEditor();
  // Mounted when the tab opens, so it starts from the current template.
  const [text, setText] = useState(() => JSON.stringify(normalise(body), null, 2));
  const [error, setError] = useState<string | null>(null);
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('methods.json.help')}</Typography.Text>
      {error && <Alert type="error" showIcon title={t('methods.json.parseError', { message: error })} />}
      <Input.TextArea
        id="tpl-json"
        aria-label={t('methods.json.label')}
        value={text}
        readOnly={readOnly}
        spellCheck={false}
        autoSize={{ minRows: 18, maxRows: 40 }}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value) as MethodTemplateBody);
            setError(null);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      />
    </Flex>
  );
}
