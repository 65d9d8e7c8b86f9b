import { afterAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestOrm } from '../support/db.js';

describe('migrations', () => {
  let orm: MikroORM;
  afterAll(async () => orm?.close(true));

  it('leave nothing for the entities to change: entities and committed migrations agree', async () => {
    ({ orm } = await createTestOrm());
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('have every migration applied and none pending', async () => {
    const pending = await orm.getMigrator().getPendingMigrations();
    expect(pending).toEqual([]);
    const executed = await orm.getMigrator().getExecutedMigrations();
    expect(executed.length).toBeGreaterThan(0);
  });
});
