import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** `:id` path parameter. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
/** Typed `:id` params. */
export type IdParams = Static<typeof IdParams>;

/** Paging query: page from 1, pageSize up to 200. */
export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});

/** Converts page/pageSize to limit/offset. */
export function pageOf(q: { page?: number; pageSize?: number }): { limit: number; offset: number; page: number; pageSize: number } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return { limit: pageSize, offset: (page - 1) * pageSize, page, pageSize };
}

/** Client-supplied UUID for idempotent creates. */
export const ClientId = Type.Optional(Type.String({ pattern: '^[0-9a-fA-F-]{36}$', description: '客户端生成的 UUID；重试同一 id 不会重复创建' }));

/** Compare-and-set version for updates. */
export const Version = Type.Integer({ minimum: 1, description: '读取时的版本号；不一致则返回 409 STALE' });

/** The error body, for OpenAPI. */
export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    zh: Type.String(),
    en: Type.String(),
    fields: Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String(), zh: Type.String(), en: Type.String() })),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});

/**
 * A nullable field as `type: [t, 'null']`. TypeBox's Union gives anyOf, and Ajv with coerceTypes turns a null into '' or 0
 * in the first branch; a type array keeps null as null.
 */
export function Nullable<T extends TSchema>(s: T) {
  return Type.Unsafe<Static<T> | null>({ ...s, type: [(s as unknown as { type: string }).type, 'null'] });
}

/** An optional nullable field. */
export function Opt<T extends TSchema>(s: T) {
  return Type.Optional(Nullable(s));
}
