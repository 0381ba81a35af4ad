/** Every permission a role can hold, as `resource.action`. */
export const PERMISSIONS = [
  'region.read', 'region.write',
  'compound.read', 'compound.write',
  'resident.read', 'resident.write', 'resident.reveal',
  'grid.read', 'grid.write',
  'org.read', 'org.write',
  'import.run', 'export.run',
  'user.manage', 'grant.manage', 'role.manage',
  'audit.read',
  'method.read', 'method.manage', 'calendar.manage',
  'deliberation.read', 'deliberation.write', 'opinion.write',
  'incident.read', 'incident.report', 'incident.handle', 'incident.dispatch', 'incident.verify', 'incident.configure',
  'dispute.read', 'dispute.write',
  'campaign.read', 'campaign.manage',
] as const;

/** A permission string. */
export type Permission = (typeof PERMISSIONS)[number];

/** The three separated administrator classes of 等保 (三员). */
export const ADMIN_CLASSES = ['system', 'security', 'audit'] as const;
/** One administrator class. */
export type AdminClass = (typeof ADMIN_CLASSES)[number];
