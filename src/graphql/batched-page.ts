import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';
import { decodeCursor, encodeCursor, pageSize, toConnection, type ConnectionShape } from './connection.js';

/**
 * Nested connections (e.g. each programme's enrolments in a list of programmes) in one statement
 * for the whole list: a window function numbers each parent's rows and keeps the first `limit + 1`.
 * Rows are ordered by (sortColumn, id); totals come from one grouped count: two statements in all.
 */
export async function batchedPages<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  opts: {
    table: string;
    parentColumn: string;
    parentIds: readonly string[];
    sortColumn: string;
    sortProperty: keyof T & string;
    sortType: 'string' | 'number' | 'date';
    /** Extra `column = value` conditions. Column names are code constants, never user input. */
    equals?: Record<string, string | number | boolean>;
    first?: number | null;
    after?: string | null;
  },
): Promise<Map<string, ConnectionShape<T>>> {
  const limit = pageSize(opts.first);
  const cursorType = opts.sortType === 'number' ? 'number' : 'string';
  const after = decodeCursor(opts.after, [cursorType, 'string']);
  const knex = em.getKnex();
  const params: (string | number | boolean | string[])[] = [[...opts.parentIds]];
  let where = `t."${opts.parentColumn}" = any(?)`;
  for (const [col, value] of Object.entries(opts.equals ?? {})) {
    where += ` and t."${col}" = ?`;
    params.push(value);
  }
  const cursorParams: (string | number)[] = after ? [after[0]!, after[1]!] : [];
  const pageQuery = `select * from (
      select t.*, row_number() over (partition by t."${opts.parentColumn}" order by t."${opts.sortColumn}", t.id) as "__page_rn"
        from "${opts.table}" t
       where ${where} and ${after ? `(t."${opts.sortColumn}", t.id) > (?, ?)` : 'true'}
    ) z where z."__page_rn" <= ?`;
  const countQuery = `select t."${opts.parentColumn}" as parent, count(*)::int as total from "${opts.table}" t where ${where} group by 1`;
  const [rows, counts] = await Promise.all([
    knex.raw(pageQuery, [...params, ...cursorParams, limit + 1]).then((r: { rows: Record<string, unknown>[] }) => r.rows),
    knex.raw(countQuery, params).then((r: { rows: { parent: string; total: number }[] }) => r.rows),
  ]);
  const totals = new Map(counts.map((c) => [String(c.parent), c.total]));
  const grouped = new Map<string, { rows: T[]; total: number }>();
  for (const id of opts.parentIds) grouped.set(id, { rows: [], total: totals.get(id) ?? 0 });
  for (const row of rows) {
    const parent = String(row[opts.parentColumn]);
    delete row.__page_rn;
    grouped.get(parent)?.rows.push(em.map(entity, row as never));
  }
  const result = new Map<string, ConnectionShape<T>>();
  for (const [parent, g] of grouped) {
    const cursorOf = (r: T) => {
      const v = (r as Record<string, unknown>)[opts.sortProperty];
      const key = v instanceof Date ? v.toISOString() : (v as string | number);
      return encodeCursor([key, r.id]);
    };
    result.set(parent, toConnection(limit === 0 ? [] : g.rows, limit, g.total, cursorOf, after !== null));
  }
  return result;
}
