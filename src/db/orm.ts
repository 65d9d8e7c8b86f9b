import { MikroORM, type Options, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.js';
import { migrationsList } from '../../migrations/index.js';
import { logger } from '../logger.js';

export interface OrmOptions {
  url: string;
  /** Connection pool size per process. */
  poolMax?: number;
  debug?: boolean;
}

/**
 * Migrations are handed over as a static list: the migrator's dynamic import of files does not
 * work under vitest (.ts) nor for CommonJS-emitted .js in an ESM package.
 */
export function ormConfig(opts: OrmOptions): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: opts.url,
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    pool: { min: 0, max: opts.poolMax ?? 10 },
    debug: opts.debug ?? false,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    loadStrategy: 'select-in',
    migrations: {
      migrationsList,
      path: 'migrations',
      pathTs: 'migrations',
      emit: 'ts',
      snapshot: true,
      snapshotName: '.snapshot',
      transactional: true,
      allOrNothing: true,
    },
    logger: (msg: string) => logger.debug({ component: 'orm' }, msg),
  };
}

export async function initOrm(opts: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(opts));
}

export async function migrate(orm: MikroORM): Promise<void> {
  const applied = await orm.getMigrator().up();
  if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
}
