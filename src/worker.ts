/**
 * A worker-only process: consumes match runs and health snapshots from the Postgres queue. Run as
 * many as you like, on any machine that reaches the database (`DATABASE_URL`).
 */
import 'reflect-metadata';
import { logger } from './logger.js';
import { openDatabase } from './db/database.js';
import { initOrm, migrate } from './db/orm.js';
import { JobQueue } from './jobs/queue.js';
import { startAllWorkers } from './jobs/workers.js';

const db = await openDatabase();
const orm = await initOrm({ url: db.url, poolMax: 10 });
await migrate(orm);
const jobs = await new JobQueue(db.url).start();
await startAllWorkers(jobs, orm);
logger.info('worker ready');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker stopping: finishing the current job');
  await jobs.stop();
  await orm.close(true);
  await db.close();
  process.exit(0);
}
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
