import type { MikroORM } from '@mikro-orm/postgresql';

export interface DatabaseDigest {
  /** Table → `rows:md5-of-all-rows`. */
  tables: Record<string, string>;
}

/**
 * A fingerprint of every application table: row count and an md5 over all rows in a stable order.
 * Two equal digests mean no row was inserted, deleted or changed in between. Meant for small test
 * databases (it reads every row).
 */
export async function databaseDigest(orm: MikroORM): Promise<DatabaseDigest> {
  const knex = orm.em.getKnex();
  const tables = ((await knex.raw(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'mikro_orm_%' order by 1`,
  )) as { rows: { table_name: string }[] }).rows.map((r) => r.table_name);
  const sql = tables
    .map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`)
    .join(' union all ');
  const rows = ((await knex.raw(sql)) as { rows: { t: string; n: number; h: string }[] }).rows;
  return { tables: Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`])) };
}

/** Tables whose fingerprint differs. */
export function changedTables(a: DatabaseDigest, b: DatabaseDigest): string[] {
  const names = new Set([...Object.keys(a.tables), ...Object.keys(b.tables)]);
  return [...names].filter((t) => a.tables[t] !== b.tables[t]).sort();
}
