// Client ids without the rest of the API client, so the public pages can make them without the console's strings.

/** A client-generated id for idempotent creates: a UUIDv7, like the server's own (works over plain http too). */
export { newId } from '../../shared/ids.ts';
