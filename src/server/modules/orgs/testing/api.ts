import type { Client } from '../../../testing/harness.ts';

/** Posts and expects 201 (or the given status); returns the JSON body. */
async function created(c: Client, url: string, body: unknown): Promise<any> {
  const r = await c.post(url, body);
  if (r.statusCode !== 201) throw new Error(`POST ${url} → ${r.statusCode} ${r.body}`);
  return r.json();
}

/** Creates an organisation through the API. */
export function mkOrg(c: Client, body: Record<string, unknown>): Promise<any> {
  return created(c, '/api/orgs', body);
}

/** Registers a person through the API. */
export function mkPerson(c: Client, body: Record<string, unknown>): Promise<any> {
  return created(c, '/api/people', body);
}

/** Appoints a person to a post through the API. */
export function appoint(c: Client, orgId: string, personId: string, post: string, extra: Record<string, unknown> = {}): Promise<any> {
  return created(c, `/api/orgs/${orgId}/positions`, { personId, post, ...extra });
}

/** Records a pairing through the API. */
export function mkPairing(c: Client, body: Record<string, unknown>): Promise<any> {
  return created(c, '/api/pairings', body);
}
