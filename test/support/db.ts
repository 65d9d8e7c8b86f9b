import { inject } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { withDatabase } from '../../src/db/embedded.js';
import { ensureDatabase } from '../../src/db/database.js';
import { initOrm } from '../../src/db/orm.js';

let counter = 0;

/** A fresh, migrated database for this test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<{ url: string; name: string }> {
  const serverUrl = inject('pgServerUrl');
  const name = `mm_t${process.pid}_${counter++}_${inject('pgRunId')}`;
  await ensureDatabase(serverUrl, name, inject('pgTemplate'));
  return { url: withDatabase(serverUrl, name), name };
}

export async function createTestOrm(): Promise<{ orm: MikroORM; url: string }> {
  const { url } = await createTestDatabase();
  const orm = await initOrm({ url, poolMax: 20 });
  return { orm, url };
}
