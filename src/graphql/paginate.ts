import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { decodeCursor, encodeCursor, pageSize, toConnection, type ConnectionShape } from './connection.js';

export interface KeysetOrder<T> {
  /** Sort columns, ascending; the last must be unique (id) so the order is total. */
  keys: { field: keyof T & string; type: 'string' | 'number' }[];
}

/**
 * Keyset pagination: `WHERE (k1, k2) > (cursor)` instead of OFFSET, so page 1,000 costs what page 1
 * costs. Exactly two statements: the page (limit + 1) and the count.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  order: KeysetOrder<T>,
  args: { first?: number | null; after?: string | null },
): Promise<ConnectionShape<T>> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, order.keys.map((k) => k.type));
  let filter = where as Record<string, unknown>;
  if (after) {
    // (a, b, c) > (x, y, z)  ⇔  a > x ∨ (a = x ∧ b > y) ∨ (a = x ∧ b = y ∧ c > z)
    const or: Record<string, unknown>[] = order.keys.map((key, i) => {
      const clause: Record<string, unknown> = {};
      for (let j = 0; j < i; j++) clause[order.keys[j]!.field] = after[j];
      clause[key.field] = { $gt: after[i] };
      return clause;
    });
    filter = { $and: [where as Record<string, unknown>, { $or: or }] };
  }
  const orderBy = Object.fromEntries(order.keys.map((k) => [k.field, 'asc']));
  const [rows, total] = await Promise.all([
    limit === 0 ? Promise.resolve([] as T[]) : em.find(entity, filter as FilterQuery<T>, { orderBy: orderBy as never, limit: limit + 1 }),
    em.count(entity, where),
  ]);
  const cursorOf = (row: T) => encodeCursor(order.keys.map((k) => (row as Record<string, unknown>)[k.field] as string | number));
  return toConnection(rows as T[], limit, total, cursorOf, after !== null);
}
