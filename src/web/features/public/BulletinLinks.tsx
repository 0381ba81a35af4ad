import { Button, Flex, Popover, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined, QrcodeOutlined, ExportOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';
import { qrUrl } from './api.ts';
import { publicPath } from './nav.tsx';

/**
 * The console's way to a compound's public pages: a "公示栏" button whose popover shows the QR code and opens the
 * bulletin and its print version in a new tab (they are public, so staff see exactly what residents see).
 */
export function BulletinLinks({ compoundId }: { compoundId: string }) {
  const t = useT();
  const base = publicPath(compoundId);
  const content = (
    <Flex vertical gap={8} style={{ width: 240 }}>
      <img src={qrUrl(compoundId)} alt={t('public.staff.qr')} width={160} height={160} style={{ alignSelf: 'center', border: '1px solid #f0f0f0' }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('public.staff.qrHint')}</Typography.Text>
      <Button href={base} target="_blank" rel="noopener" icon={<ExportOutlined />} block>{t('public.staff.open')}</Button>
      <Button href={publicPath(compoundId, 'print')} target="_blank" rel="noopener" icon={<PrinterOutlined />} block>{t('public.staff.print')}</Button>
      <Button href={qrUrl(compoundId)} download={`bulletin-qr-${compoundId}.svg`} icon={<DownloadOutlined />} block>{t('public.staff.downloadQr')}</Button>
    </Flex>
  );
  return (
    <Popover content={content} title={t('public.staff.qr')} trigger="click" placement="bottomRight">
      <Button icon={<QrcodeOutlined />} data-testid="bulletin-links">{t('public.staff.button')}</Button>
    </Popover>
  );
}
