import type { Generated } from 'kysely';

/** Row shapes of the methods tables. */
export interface MethodsTables {
  method_template: {
    id: string;
    key: string;
    /** The template's own version number (1, 2, …), unique per key; rows are never edited apart from status. */
    version: number;
    status: string;
    name_zh: string;
    name_en: string;
    body: string;
    scope_path: string;
    created_at: string;
    created_by: string | null;
    updated_at: string;
    published_at: string | null;
    published_by: string | null;
  };
  method_instance: {
    id: string;
    template_id: string;
    template_key: string;
    template_version: number;
    subject_type: string;
    subject_id: string;
    stage: string;
    stage_entered_at: string;
    due_at: string | null;
    terminal: number;
    closed_at: string | null;
    relations: string;
    counters: string;
    scope_path: string;
    version: Generated<number>;
    created_at: string;
    updated_at: string;
    created_by: string | null;
  };
  method_event: {
    id: string;
    instance_id: string;
    seq: number;
    event: string;
    from_stage: string | null;
    to_stage: string;
    actor_id: string | null;
    actor_name: string;
    at: string;
    input: string;
    comment: string | null;
    attachments: string;
    old_due_at: string | null;
    new_due_at: string | null;
  };
  attachment: {
    id: string;
    instance_id: string | null;
    event_id: string | null;
    scope_path: string | null;
    file_name: string;
    mime_type: string;
    size_bytes: number;
    sha256: string;
    storage_key: string;
    uploaded_by: string | null;
    at: string;
  };
  calendar_day: {
    scope_path: string;
    date: string;
    kind: string;
    name: string;
    updated_at: string;
    updated_by: string | null;
  };
}
