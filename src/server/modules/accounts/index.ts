export { accountsRoutes } from './accounts.routes.ts';
export { actorFor, bootstrapAdmins, createUserWithGrants, ensureBuiltinRoles, generatePassword, login } from './accounts.service.ts';
export { SYSTEM_ACTOR, can, scopesFor, requireAt, requireScopes, hasPermission, type Actor } from './actor.ts';
export { BUILTIN_ROLES } from './accounts.ts';
