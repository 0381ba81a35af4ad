import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { SimpleList } from '../components/SimpleList.tsx';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from './auth.tsx';
import { useRegion } from './region.tsx';
import { PAGES, pageAllowed } from './routes.tsx';

/** The start page: who you are, where you work, and the screens you may open. */
export default function HomePage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  if (!me) return null;
  const pages = PAGES.filter((p) => p.menu && pageAllowed(p, me.permissions));
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('home.welcome', { name: me.user.displayName })}
      </Typography.Title>
      <Card title={t('home.myRoles')}>
        <SimpleList
          items={me.user.grants}
          rowKey={(g) => g.id}
          empty={t('home.noRoles')}
          render={(g) => (
            <Flex wrap gap={12} align="baseline">
              <Typography.Text strong>{lang === 'en' ? g.roleNameEn : g.roleNameZh}</Typography.Text>
              <Typography.Text type="secondary">{region.labelOfPath(g.scopePath)}</Typography.Text>
            </Flex>
          )}
        />
      </Card>
      <Card title={t('home.workingOn')}>
        <Descriptions
          column={1}
          items={[{ key: 'place', label: t('region.label'), children: region.selected ? region.labelOfPath(region.selected.scopePath) : t('region.allMine') }]}
        />
      </Card>
      <Card title={t('home.shortcuts')}>
        {pages.length === 0 ? (
          <Typography.Text type="secondary">{t('home.noShortcuts')}</Typography.Text>
        ) : (
          <Flex wrap gap={8}>
            {pages.map((p) => (
              <Button key={p.path} onClick={() => navigate(region.withRegion('/' + p.path))}>
                {t(p.title)}
              </Button>
            ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
