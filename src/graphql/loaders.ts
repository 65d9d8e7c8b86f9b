import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';

interface HasId {
  id: string;
}

/**
 * Per-request DataLoaders: every relation a list resolver touches goes through one of these, so a
 * page of N items costs one SQL statement per relation, not N. All loads are tenant-scoped.
 */
export class Loaders {
  private readonly byIdLoaders = new Map<unknown, DataLoader<string, unknown>>();
  private readonly manyLoaders = new Map<string, DataLoader<string, unknown[]>>();

  constructor(
    /** The request's EntityManager, forked on first use. */
    private readonly emOf: () => EntityManager,
    private readonly organizationId: string | null,
  ) {}

  private scope<T>(where: Record<string, unknown>, entity: EntityName<T>): FilterQuery<T> {
    // Organization itself has no organization column.
    const name = typeof entity === 'function' ? entity.name : String(entity);
    if (name === 'Organization' || this.organizationId === null) return where as FilterQuery<T>;
    return { ...where, organization: this.organizationId } as FilterQuery<T>;
  }

  /** Load entities by primary key within the viewer's organisation; missing or foreign → null. */
  byId<T extends HasId>(entity: EntityName<T>): DataLoader<string, T | null> {
    let loader = this.byIdLoaders.get(entity) as DataLoader<string, T | null> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T | null>(async (ids) => {
        const rows = await this.emOf().find(entity, this.scope({ id: { $in: [...ids] } }, entity));
        const map = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => map.get(id) ?? null);
      });
      this.byIdLoaders.set(entity, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  /** Load the rows whose `fk` column points at each key (one-to-many), ordered by `orderBy`. */
  manyBy<T extends object>(entity: EntityName<T>, fk: string, orderBy: Record<string, 'asc' | 'desc'> = { id: 'asc' }, extra: Record<string, unknown> = {}): DataLoader<string, T[]> {
    const name = typeof entity === 'function' ? entity.name : String(entity);
    const key = `${name}.${fk}.${JSON.stringify(orderBy)}.${JSON.stringify(extra)}`;
    let loader = this.manyLoaders.get(key) as DataLoader<string, T[]> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T[]>(async (keys) => {
        const rows = await this.emOf().find(entity, this.scope({ [fk]: { $in: [...keys] }, ...extra }, entity), { orderBy: orderBy as never });
        const grouped = new Map<string, T[]>();
        for (const row of rows) {
          const ref = (row as Record<string, unknown>)[fk] as HasId | string;
          const k = typeof ref === 'string' ? ref : ref.id;
          const list = grouped.get(k);
          if (list) list.push(row);
          else grouped.set(k, [row]);
        }
        return keys.map((k) => grouped.get(k) ?? []);
      });
      this.manyLoaders.set(key, loader as DataLoader<string, unknown[]>);
    }
    return loader;
  }

  /** Arbitrary keyed batch loader, memoised per request under `key`. */
  custom<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.manyLoaders.get(key) as unknown as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      this.manyLoaders.set(key, loader as unknown as DataLoader<string, unknown[]>);
    }
    return loader;
  }
}
