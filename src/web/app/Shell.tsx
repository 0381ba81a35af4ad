import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { Breadcrumb, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { GlobalOutlined, HomeOutlined, KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { FullPageSpin } from '../components/status.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from './auth.tsx';
import { RegionProvider, useRegion } from './region.tsx';
import { MENU_GROUPS, PAGES, pageAllowed, pageAt, type PageDef } from './routes.tsx';
import type { RouteHandle } from './router.tsx';

/** The page of the deepest matched route. */
function useCurrentPage(): PageDef | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const h = matches[i].handle as RouteHandle | undefined;
    if (h?.page) return h.page;
  }
  return undefined;
}

function SideMenu({ onNavigate }: { onNavigate(): void }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const { withRegion } = useRegion();
  const navigate = useNavigate();
  const page = useCurrentPage();
  const perms = me?.permissions ?? [];
  const menuPage = page?.menu ? page : page?.parent ? pageAt(page.parent) : undefined;
  const selected = menuPage ? menuPage.path : page ? '' : 'home';

  const items = useMemo<NonNullable<MenuProps['items']>>(() => {
    const link = (p: PageDef) => <Link to={withRegion('/' + p.path)} onClick={onNavigate}>{t(p.title)}</Link>;
    const out: NonNullable<MenuProps['items']> = [
      { key: 'home', icon: <HomeOutlined />, label: <Link to={withRegion('/')} onClick={onNavigate}>{t('page.home')}</Link> },
    ];
    for (const g of MENU_GROUPS) {
      const pages = PAGES.filter((p) => p.menu?.group === g.key && pageAllowed(p, perms)).sort((a, b) => a.menu!.order - b.menu!.order);
      if (!pages.length) continue;
      if (g.flat && pages.length === 1) out.push({ key: pages[0].path, icon: g.icon, label: link(pages[0]) });
      else out.push({ key: `group:${g.key}`, icon: g.icon, label: t(g.title), children: pages.map((p) => ({ key: p.path, label: link(p) })) });
    }
    return out;
  }, [perms, t, withRegion, onNavigate]);

  const openGroup = menuPage?.menu ? `group:${menuPage.menu.group}` : undefined;
  return (
    <nav aria-label={t('menu.label')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={[selected]}
        defaultOpenKeys={openGroup ? [openGroup] : MENU_GROUPS.map((g) => `group:${g.key}`)}
        onClick={(info) => {
          // Mouse clicks follow the links; Enter on a focused item arrives here.
          if (info.domEvent.type === 'keydown') {
            navigate(withRegion(info.key === 'home' ? '/' : '/' + info.key));
            onNavigate();
          }
        }}
      />
    </nav>
  );
}

function Crumbs() {
  const { t } = useI18n();
  const page = useCurrentPage();
  const { withRegion } = useRegion();
  const items: { title: ReactNode }[] = [
    { title: page ? <Link to={withRegion('/')}><HomeOutlined /> {t('page.home')}</Link> : <span><HomeOutlined /> {t('page.home')}</span> },
  ];
  if (page) {
    const group = MENU_GROUPS.find((g) => g.key === (page.menu ?? (page.parent ? pageAt(page.parent)?.menu : undefined))?.group);
    if (group && !group.flat) items.push({ title: t(group.title) });
    const parent = page.parent ? pageAt(page.parent) : undefined;
    if (parent) items.push({ title: <Link to={withRegion('/' + parent.path)}>{t(parent.title)}</Link> });
    items.push({ title: t(page.title) });
  }
  return <Breadcrumb items={items} />;
}

function UserMenu({ compact }: { compact: boolean }) {
  const { t, lang } = useI18n();
  const { me, signOut } = useAuth();
  const navigate = useNavigate();
  const { withRegion } = useRegion();
  if (!me) return null;
  const roles = [...new Set(me.user.grants.map((g) => (lang === 'en' ? g.roleNameEn : g.roleNameZh)))].join(t('common.listSep'));
  const items: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: t('user.profile') },
    { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'profile') navigate(withRegion('/profile'));
          if (key === 'password') navigate(withRegion('/profile') + '#password');
          if (key === 'logout') void signOut();
        },
      }}
    >
      <Button type="text" aria-label={t('user.menu', { name: me.user.displayName })} data-testid="user-menu" style={{ height: 'auto', maxWidth: compact ? 150 : 360 }}>
        <Space size={6} align="center">
          <UserOutlined />
          <span style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', lineHeight: 1.25, minWidth: 0 }}>
            <Typography.Text strong ellipsis style={{ maxWidth: compact ? 110 : 300 }}>{me.user.displayName}</Typography.Text>
            {!compact && roles && <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 300 }}>{roles}</Typography.Text>}
          </span>
        </Space>
      </Button>
    </Dropdown>
  );
}

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} aria-label={t('lang.switch')} lang={lang === 'en' ? 'zh-CN' : 'en'}>
      {lang === 'en' ? t('lang.zh') : t('lang.en')}
    </Button>
  );
}

function Frame() {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [drawer, setDrawer] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const close = useMemo(() => () => setDrawer(false), []);
  const brand = (
    <Link to="/" style={{ color: 'inherit', textDecoration: 'none', display: 'flex', alignItems: 'center', gap: 8 }} aria-label={t('app.home')}>
      <img src="/favicon.svg" alt="" width={24} height={24} />
      {!collapsed || mobile ? <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>{t('app.name')}</Typography.Text> : null}
    </Link>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main-content" className="gz-skip-link">
        {t('a11y.skipToContent')}
      </a>
      {!mobile && (
        <Layout.Sider theme="light" width={220} collapsible collapsed={collapsed} trigger={null} style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: collapsed ? '0 28px' : '0 20px' }}>{brand}</div>
          <SideMenu onNavigate={() => undefined} />
        </Layout.Sider>
      )}
      {mobile && (
        <Drawer placement="left" open={drawer} onClose={close} size={272} title={brand} styles={{ body: { padding: 0 } }}>
          <SideMenu onNavigate={close} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: mobile ? '0 8px' : '0 16px', display: 'flex', alignItems: 'center', gap: 8, borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: 'normal' }}
        >
          {mobile && <Button type="text" icon={<MenuOutlined />} aria-label={t('menu.open')} aria-expanded={drawer} onClick={() => setDrawer(true)} />}
          {!mobile && (
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={collapsed ? t('menu.expand') : t('menu.collapse')}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed((c) => !c)}
            />
          )}
          {mobile && brand}
          <div style={{ flex: 1 }} />
          <LanguageSwitch />
          <UserMenu compact={mobile} />
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} style={{ padding: mobile ? 12 : 24, minWidth: 0, outline: 'none' }}>
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginBottom: 16 }}>
            <Crumbs />
            <Space size={8} style={{ maxWidth: '100%' }}>
              <label htmlFor="region-picker" style={{ whiteSpace: 'nowrap' }}>{t('region.label')}</label>
              <RegionPicker id="region-picker" style={{ width: mobile ? 220 : 280, maxWidth: '60vw' }} />
            </Space>
          </div>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The signed-in layout: side menu (a drawer on phones), header with language and user, breadcrumbs and the place picker. */
export default function Shell() {
  const { status, me } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'anonymous' || !me) {
    const here = location.pathname + location.search;
    return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
  }
  if (me.user.mustChangePassword) return <Navigate to="/change-password" replace />;
  return (
    <RegionProvider>
      <Frame />
    </RegionProvider>
  );
}
