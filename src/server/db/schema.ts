import type { AccountsTables } from '../modules/accounts/accounts.table.ts';
import type { AuditTables } from '../modules/audit/audit.table.ts';
import type { CampaignsTables } from '../modules/campaigns/campaigns.table.ts';
import type { DeliberationTables } from '../modules/deliberation/deliberation.table.ts';
import type { DisputesTables } from '../modules/disputes/disputes.table.ts';
import type { EscalationTables } from '../modules/escalation/escalation.table.ts';
import type { IncidentsTables } from '../modules/incidents/incidents.table.ts';
import type { MethodsTables } from '../modules/methods/methods.table.ts';
import type { Open311Tables } from '../modules/open311/open311.table.ts';
import type { OrgsTables } from '../modules/orgs/orgs.table.ts';
import type { OutboxTables } from '../modules/outbox/outbox.table.ts';
import type { RegistryTables } from '../modules/registry/registry.table.ts';

/** The whole database as Kysely sees it: the union of the modules' tables. */
export interface Database extends AccountsTables, AuditTables, RegistryTables, OrgsTables, MethodsTables, DeliberationTables, OutboxTables, IncidentsTables,
  DisputesTables, CampaignsTables, EscalationTables, Open311Tables {}
