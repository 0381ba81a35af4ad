import { Button, Col, Form, Space, type ColProps } from 'antd';
import { useT } from '../i18n/index.tsx';

/**
 * The last column of a list page's filter form: search, reset, and on a phone the toggle that shows the less-used
 * filters. Aligns with the labelled fields beside it on wider screens.
 */
export function FilterActions({ col, phone, onReset, more, onToggleMore }: {
  col: ColProps;
  phone: boolean;
  onReset(): void;
  /** Whether the extra filters are shown; omit on pages without a toggle. */
  more?: boolean;
  onToggleMore?(): void;
}) {
  const t = useT();
  return (
    <Col {...col}>
      <Form.Item label={phone ? undefined : <span aria-hidden>&nbsp;</span>} colon={false}>
        <Space wrap>
          <Button type="primary" htmlType="submit">{t('common.search')}</Button>
          <Button onClick={onReset}>{t('common.reset')}</Button>
          {phone && onToggleMore && (
            <Button type="link" aria-expanded={more} onClick={onToggleMore}>
              {more ? t('common.fewerFilters') : t('common.moreFilters')}
            </Button>
          )}
        </Space>
      </Form.Item>
    </Col>
  );
}
