import type { ComponentType, ReactNode } from 'react';
import { AlertOutlined, ApartmentOutlined, AuditOutlined, CommentOutlined, SettingOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import type { MessageKey } from '../i18n/index.tsx';

/** A side-menu group. */
export type MenuGroupKey = 'registry' | 'orgs' | 'deliberation' | 'incidents' | 'transfer' | 'admin' | 'audit';

/** A side-menu group: its label, icon, and whether a group with one page shows that page as a top-level item. */
export interface MenuGroup {
  key: MenuGroupKey;
  title: MessageKey;
  icon: ReactNode;
  flat?: boolean;
}

/** The side-menu groups in display order. */
export const MENU_GROUPS: MenuGroup[] = [
  { key: 'registry', title: 'menu.registry', icon: <ApartmentOutlined /> },
  { key: 'orgs', title: 'menu.orgs', icon: <TeamOutlined /> },
  { key: 'deliberation', title: 'menu.deliberation', icon: <CommentOutlined /> },
  { key: 'incidents', title: 'menu.incidents', icon: <AlertOutlined /> },
  { key: 'transfer', title: 'menu.transfer', icon: <SwapOutlined />, flat: true },
  { key: 'admin', title: 'menu.admin', icon: <SettingOutlined /> },
  { key: 'audit', title: 'menu.audit', icon: <AuditOutlined />, flat: true },
];

/** One page of the console inside the layout. Phase-2 screens are added here (see README in the report). */
export interface PageDef {
  /** Path under `/`, without the leading slash; may hold params: `registry/compounds/:id`. */
  path: string;
  /** Locale key of the page title: the menu label and the last breadcrumb. */
  title: MessageKey;
  /** Listed in the side menu under this group, in this order. Pages with params are reached by links instead. */
  menu?: { group: MenuGroupKey; order: number };
  /** Shown when the user holds any of these permissions (from /api/auth/me); otherwise the "no access" page. Absent: everyone signed in. */
  anyOf?: string[];
  /** Path of the page above this one in the breadcrumbs (a list for its detail page). */
  parent?: string;
  /** The page module with a default-exported component; loaded on first visit (its own chunk). Absent: "coming soon". */
  load?: () => Promise<{ default: ComponentType }>;
}

/** Every page of the console. A page without `load` shows the "coming soon" placeholder until its phase lands. */
export const PAGES: PageDef[] = [
  // 登记管理 — phase 2 (registry)
  { path: 'registry/compounds', title: 'page.compounds', menu: { group: 'registry', order: 1 }, anyOf: ['compound.read'], load: () => import('../features/registry/CompoundsPage.tsx') },
  { path: 'registry/compounds/:id', title: 'registry.page.compound', parent: 'registry/compounds', anyOf: ['compound.read'], load: () => import('../features/registry/CompoundPage.tsx') },
  { path: 'registry/residents', title: 'page.residents', menu: { group: 'registry', order: 2 }, anyOf: ['resident.read'], load: () => import('../features/registry/ResidentsPage.tsx') },
  { path: 'registry/residents/:id', title: 'registry.page.resident', parent: 'registry/residents', anyOf: ['resident.read'], load: () => import('../features/registry/ResidentPage.tsx') },
  // 组织管理 — phase 2 (orgs)
  { path: 'orgs/organisations', title: 'page.organisations', menu: { group: 'orgs', order: 1 }, anyOf: ['org.read'], load: () => import('../features/orgs/OrgsPage.tsx') },
  { path: 'orgs/organisations/:id', title: 'orgs.page.detail', parent: 'orgs/organisations', anyOf: ['org.read'], load: () => import('../features/orgs/OrgPage.tsx') },
  { path: 'orgs/warnings', title: 'page.warnings', menu: { group: 'orgs', order: 2 }, anyOf: ['org.read'], load: () => import('../features/orgs/WarningsPage.tsx') },
  { path: 'orgs/five-ones', title: 'page.fiveOnes', menu: { group: 'orgs', order: 3 }, anyOf: ['org.read', 'compound.read'], load: () => import('../features/orgs/FiveOnesPage.tsx') },
  // 议事协商 — issue 4 (deliberation)
  { path: 'deliberation/matters', title: 'matters.page.list', menu: { group: 'deliberation', order: 1 }, anyOf: ['deliberation.read'], load: () => import('../features/deliberation/MattersPage.tsx') },
  { path: 'deliberation/matters/:id', title: 'matters.page.detail', parent: 'deliberation/matters', anyOf: ['deliberation.read'], load: () => import('../features/deliberation/MatterPage.tsx') },
  { path: 'deliberation/opinions', title: 'page.opinions', menu: { group: 'deliberation', order: 3 }, anyOf: ['deliberation.read', 'opinion.write'], load: () => import('../features/deliberation/OpinionsPage.tsx') },
  { path: 'deliberation/meetings', title: 'page.meetings', menu: { group: 'deliberation', order: 4 }, anyOf: ['deliberation.read'], load: () => import('../features/deliberation/MeetingsPage.tsx') },
  { path: 'deliberation/meetings/:id', title: 'page.meeting', parent: 'deliberation/meetings', anyOf: ['deliberation.read'], load: () => import('../features/deliberation/MeetingPage.tsx') },
  { path: 'deliberation/pool', title: 'page.pool', menu: { group: 'deliberation', order: 5 }, anyOf: ['deliberation.read'], load: () => import('../features/deliberation/PoolPage.tsx') },
  { path: 'deliberation/reports', title: 'page.delibReports', menu: { group: 'deliberation', order: 6 }, anyOf: ['deliberation.read'], load: () => import('../features/deliberation/ReportsPage.tsx') },
  // 网格事件 — issue 5 (incidents; escalation, grid, disputes and campaigns pages join this group)
  { path: 'incidents', title: 'incidents.page.list', menu: { group: 'incidents', order: 1 }, anyOf: ['incident.read', 'incident.handle'], load: () => import('../features/incidents/IncidentsPage.tsx') },
  { path: 'incidents/dispatch', title: 'incidents.page.dispatch', menu: { group: 'incidents', order: 2 }, anyOf: ['incident.dispatch'], load: () => import('../features/incidents/DispatchBoardPage.tsx') },
  { path: 'incidents/kpis', title: 'incidents.page.kpis', menu: { group: 'incidents', order: 3 }, anyOf: ['incident.read'], load: () => import('../features/incidents/KpiPage.tsx') },
  { path: 'incidents/categories', title: 'incidents.page.categories', menu: { group: 'incidents', order: 4 }, anyOf: ['incident.read', 'incident.report', 'incident.configure'], load: () => import('../features/incidents/CategoriesPage.tsx') },
  // A handling organisation's people may hold no incident permission at all (they act as its handlers), hence method.read.
  { path: 'incidents/:id', title: 'incidents.page.detail', parent: 'incidents', anyOf: ['incident.read', 'incident.report', 'incident.handle', 'method.read'], load: () => import('../features/incidents/IncidentPage.tsx') },
  // 四级联席会议 — issue 5 (escalation ladder, joint meetings)
  { path: 'joint-meetings', title: 'joint.page.list', menu: { group: 'incidents', order: 5 }, anyOf: ['incident.read', 'incident.configure'], load: () => import('../features/escalation/JointMeetingsPage.tsx') },
  { path: 'joint-meetings/:id', title: 'joint.page.detail', parent: 'joint-meetings', anyOf: ['incident.read', 'incident.configure'], load: () => import('../features/escalation/JointBodyPage.tsx') },
  // 专项整治、矛盾纠纷 — issue 5 (campaigns, disputes)
  { path: 'campaigns', title: 'campaigns.page.list', menu: { group: 'incidents', order: 10 }, anyOf: ['campaign.read'], load: () => import('../features/campaigns/CampaignsPage.tsx') },
  { path: 'campaigns/:id', title: 'campaigns.page.detail', parent: 'campaigns', anyOf: ['campaign.read'], load: () => import('../features/campaigns/CampaignPage.tsx') },
  { path: 'disputes', title: 'disputes.page.list', menu: { group: 'incidents', order: 11 }, anyOf: ['dispute.read'], load: () => import('../features/disputes/DisputesPage.tsx') },
  { path: 'disputes/mediators', title: 'disputes.page.mediators', menu: { group: 'incidents', order: 12 }, anyOf: ['dispute.read'], load: () => import('../features/disputes/MediatorsPage.tsx') },
  { path: 'disputes/stats', title: 'disputes.page.stats', menu: { group: 'incidents', order: 13 }, anyOf: ['dispute.read'], load: () => import('../features/disputes/StatsPage.tsx') },
  { path: 'disputes/:id', title: 'disputes.page.detail', parent: 'disputes', anyOf: ['dispute.read'], load: () => import('../features/disputes/DisputePage.tsx') },
  // 网格巡查 — issue 5: the grid worker's phone page (report with offline queue, my tasks)
  { path: 'grid', title: 'grid.page.title', menu: { group: 'incidents', order: 0 }, anyOf: ['incident.report'], load: () => import('../features/grid/GridPage.tsx') },
  // 导入导出 — phase 2 (transfer)
  { path: 'transfer', title: 'page.transfer', menu: { group: 'transfer', order: 1 }, anyOf: ['import.run', 'export.run'], load: () => import('../features/transfer/TransferPage.tsx') },
  // 系统管理
  {
    path: 'admin/users', title: 'page.users', menu: { group: 'admin', order: 1 }, anyOf: ['user.manage', 'grant.manage'],
    load: () => import('../features/accounts/UsersPage.tsx'),
  },
  {
    path: 'admin/roles', title: 'page.roles', menu: { group: 'admin', order: 2 }, anyOf: ['grant.manage', 'role.manage', 'user.manage'],
    load: () => import('../features/accounts/RolesPage.tsx'),
  },
  // 议事方法模板 (methods module): list, editor of a key's versions, a new method.
  { path: 'methods/templates', title: 'methods.page.templates', menu: { group: 'deliberation', order: 9 }, anyOf: ['method.read', 'method.manage'], load: () => import('../features/methods/TemplatesPage.tsx') },
  { path: 'methods/templates/:key', title: 'methods.page.editor', parent: 'methods/templates', anyOf: ['method.read', 'method.manage'], load: () => import('../features/methods/TemplateEditorPage.tsx') },
  { path: 'methods/new', title: 'methods.page.new', parent: 'methods/templates', anyOf: ['method.manage'], load: () => import('../features/methods/TemplateEditorPage.tsx') },
  // 审计日志
  { path: 'audit', title: 'page.audit', menu: { group: 'audit', order: 1 }, anyOf: ['audit.read'], load: () => import('../features/audit/AuditPage.tsx') },
  // Reached from the user menu in the header.
  { path: 'profile', title: 'page.profile', load: () => import('../features/accounts/ProfilePage.tsx') },
];

/** Whether a user with these permissions may open the page. */
export function pageAllowed(page: PageDef, permissions: readonly string[]): boolean {
  return !page.anyOf || page.anyOf.length === 0 || page.anyOf.some((p) => permissions.includes(p));
}

/** The page registered at a path, if any. */
export function pageAt(path: string): PageDef | undefined {
  return PAGES.find((p) => p.path === path);
}
