import { useMemo, useState } from 'react';
import { Button, Drawer, Empty, Flex, Input, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { CategoryVersionView } from '../../../shared/incidents.ts';
import type { I18nName } from '../../../shared/method-template.ts';
import { useI18n } from '../../i18n/index.tsx';

/** A 小类 with its 大类, as the picker lists it. */
export interface MinorChoice {
  code: string;
  name: I18nName;
  major: { code: string; name: I18nName };
}

/** The 小类 of a category tree with their 大类. */
export function minorsOf(tree: CategoryVersionView | null): MinorChoice[] {
  if (!tree) return [];
  const majors = new Map(tree.categories.filter((c) => c.code.length === 2).map((c) => [c.code, c]));
  return tree.categories
    .filter((c) => c.code.length === 4 && majors.has(c.code.slice(0, 2)))
    .map((c) => ({ code: c.code, name: c.name, major: { code: c.code.slice(0, 2), name: majors.get(c.code.slice(0, 2))!.name } }));
}

/** Whether a 小类 matches a search text: its code, or its own or its 大类's name in either language. */
export function matchesCategory(c: MinorChoice, q: string): boolean {
  const s = q.trim().toLowerCase();
  if (!s) return true;
  return [c.code, c.name.zh, c.name.en, c.major.name.zh, c.major.name.en].some((x) => x.toLowerCase().includes(s));
}

/** Props of CategoryPicker; a Form.Item drives value (a 小类 code) and onChange. */
export interface CategoryPickerProps {
  minors: MinorChoice[];
  value?: string;
  onChange?(code: string): void;
  id?: string;
  [aria: `aria-${string}`]: string | boolean | undefined;
}

const rowStyle = { minHeight: 52, height: 'auto', justifyContent: 'space-between', textAlign: 'left' as const, whiteSpace: 'normal' as const, padding: '8px 12px' };

/** A phone-sized category picker: a big button that opens a sheet with a search box, 大类 first, then their 小类. */
export function CategoryPicker({ minors, value, onChange, id, ...aria }: CategoryPickerProps) {
  const { t, lang } = useI18n();
  const name = (n: I18nName) => (lang === 'en' ? n.en : n.zh);
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [major, setMajor] = useState<string | null>(null);
  const chosen = minors.find((m) => m.code === value);
  const majors = useMemo(() => {
    const out = new Map<string, { code: string; name: I18nName; count: number }>();
    for (const m of minors) out.set(m.major.code, { ...m.major, count: (out.get(m.major.code)?.count ?? 0) + 1 });
    return [...out.values()];
  }, [minors]);

  const pick = (code: string) => {
    onChange?.(code);
    setOpen(false);
    setQ('');
    setMajor(null);
  };
  const list = q.trim() ? minors.filter((m) => matchesCategory(m, q)) : major ? minors.filter((m) => m.major.code === major) : null;

  return (
    <>
      <Button id={id} {...aria} size="large" block onClick={() => setOpen(true)} style={{ ...rowStyle, display: 'flex' }} data-testid="category-button">
        <span style={{ minWidth: 0 }}>
          {chosen ? (
            <>
              <Typography.Text type="secondary">{name(chosen.major.name)} / </Typography.Text>
              <Typography.Text strong>{name(chosen.name)}</Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">{t('grid.category.placeholder')}</Typography.Text>
          )}
        </span>
        <RightOutlined />
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="bottom"
        size="85%"
        title={t('grid.category.title')}
        styles={{ body: { padding: 12 } }}
      >
        <Input.Search
          allowClear
          size="large"
          placeholder={t('grid.category.search')}
          aria-label={t('grid.category.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ marginBottom: 12 }}
        />
        {!list && (
          <Flex vertical gap={8} role="list" aria-label={t('grid.category.majors')}>
            {majors.map((m) => (
              <Button key={m.code} role="listitem" size="large" block style={{ ...rowStyle, display: 'flex' }} onClick={() => setMajor(m.code)}>
                <span>{name(m.name)}</span>
                <Typography.Text type="secondary">{t('grid.category.count', { n: m.count })} <RightOutlined /></Typography.Text>
              </Button>
            ))}
          </Flex>
        )}
        {list && (
          <Flex vertical gap={8} role="list" aria-label={t('grid.category.minors')}>
            {major && !q.trim() && (
              <Button type="link" icon={<LeftOutlined />} onClick={() => setMajor(null)} style={{ alignSelf: 'flex-start', minHeight: 44 }}>
                {t('grid.category.back')}
              </Button>
            )}
            {list.length === 0 && <Empty description={t('grid.category.none')} />}
            {list.map((m) => (
              <Button
                key={m.code}
                role="listitem"
                size="large"
                block
                type={m.code === value ? 'primary' : 'default'}
                style={{ ...rowStyle, display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}
                onClick={() => pick(m.code)}
              >
                <span>{name(m.name)}</span>
                {q.trim() && <Typography.Text type={m.code === value ? undefined : 'secondary'} style={{ fontSize: 12, color: m.code === value ? 'inherit' : undefined }}>{name(m.major.name)}</Typography.Text>}
              </Button>
            ))}
          </Flex>
        )}
      </Drawer>
    </>
  );
}
