import type { Generated } from 'kysely';

/** Row shapes of the accounts tables. */
export interface AccountsTables {
  app_user: {
    id: string;
    username: string;
    display_name: string;
    password_hash: string;
    password_changed_at: string;
    must_change_password: number;
    failed_attempts: Generated<number>;
    locked_until: string | null;
    disabled: Generated<number>;
    last_login_at: string | null;
    version: Generated<number>;
    created_at: string;
    updated_at: string;
    created_by: string | null;
  };
  password_history: { user_id: string; password_hash: string; created_at: string };
  role: {
    id: string;
    key: string;
    name_zh: string;
    name_en: string;
    permissions: string;
    admin_class: string | null;
    builtin: number;
    version: Generated<number>;
    created_at: string;
    updated_at: string;
    created_by: string | null;
  };
  role_grant: { id: string; user_id: string; role_id: string; scope_path: string; created_at: string; created_by: string | null };
  user_session: {
    id: string;
    user_id: string;
    csrf_token: string;
    created_at: string;
    last_seen_at: string;
    ip: string | null;
    user_agent: string | null;
    ended_at: string | null;
  };
  api_token: {
    id: string;
    user_id: string;
    name: string;
    token_hash: string;
    created_at: string;
    expires_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
  };
}
