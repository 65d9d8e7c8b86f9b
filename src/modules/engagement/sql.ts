import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A raw statement in the caller's transaction (if any). Goes through knex, which hands JS arrays to
 * PostgreSQL as array parameters (`= any(?::uuid[])`), one bind per list whatever its length.
 */
export async function query<T>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const q = em.getKnex().raw(sql, params as never);
  const trx = em.getTransactionContext();
  const res = (await (trx ? q.transacting(trx) : q)) as { rows: T[] };
  return res.rows;
}
