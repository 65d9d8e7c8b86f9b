import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { decodeCursor, encodeCursor, pageSize, toConnection, type ConnectionShape } from '../../graphql/connection.js';
import { badUserInput } from '../../graphql/errors.js';

/**
 * Keyset pagination newest first, on (createdAt desc, id desc): inboxes and logs read backwards in
 * time. Two statements: the page (limit + 1) and the count.
 */
export async function paginateNewestFirst<T extends { id: string; createdAt: Date }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: { first?: number | null; after?: string | null },
): Promise<ConnectionShape<T>> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, ['string', 'string']);
  let filter = where as Record<string, unknown>;
  if (after) {
    const at = new Date(after[0] as string);
    if (Number.isNaN(at.getTime())) throw badUserInput('"after" is not a valid cursor for this list.');
    filter = { $and: [filter, { $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: after[1] } }] }] };
  }
  const [rows, total] = await Promise.all([
    limit === 0 ? Promise.resolve([] as T[]) : em.find(entity, filter as FilterQuery<T>, { orderBy: { createdAt: 'desc', id: 'desc' } as never, limit: limit + 1 }),
    em.count(entity, where),
  ]);
  return toConnection(rows as T[], limit, total, (r) => encodeCursor([r.createdAt.toISOString(), r.id]), after !== null);
}
