/**
 * `npm run migration:create [-- --initial]`: diff the entities against the committed migrations and
 * write a new TypeScript migration into migrations/. Runs against a throwaway database.
 */
import 'reflect-metadata';
import { startEmbeddedPostgres, withDatabase } from './embedded.js';
import { dropDatabase, ensureDatabase } from './database.js';
import { initOrm } from './orm.js';
import os from 'node:os';
import path from 'node:path';

const embedded = process.env.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `mm-migrate-${process.pid}`), persistent: false, fast: true });
const serverUrl = process.env.DATABASE_URL ?? embedded!.serverUrl;
const scratch = `mm_migrate_${process.pid}`;
await ensureDatabase(serverUrl, scratch);
const orm = await initOrm({ url: withDatabase(serverUrl, scratch) });
try {
  const migrator = orm.getMigrator();
  await migrator.up();
  const result = await migrator.createMigration('migrations', false, process.argv.includes('--initial'));
  if (!result.fileName) console.log('No changes: entities and migrations agree.');
  else console.log(`Wrote migrations/${result.fileName}; add it to migrations/index.ts.`);
} finally {
  await orm.close(true);
  await dropDatabase(serverUrl, scratch);
  await embedded?.stop();
}
