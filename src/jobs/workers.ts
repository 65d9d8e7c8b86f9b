import type { MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../logger.js';
import { QUEUES, type JobQueue } from './queue.js';
import { snapshotHealth } from '../modules/mentorship/health-snapshot.service.js';
import { emitHealthStatusChanges } from '../modules/engagement/health-events.service.js';
import { engagementHandlers, scheduleEngagementJobs } from '../modules/engagement/engagement.jobs.js';

/** Daily at 02:15 UTC; the job is idempotent per mentorship and day, so a re-run or a second worker is harmless. */
export const HEALTH_SNAPSHOT_CRON = '15 2 * * *';

/** Start consuming every queue in this process, and make sure the recurring jobs are scheduled. */
export async function startAllWorkers(jobs: JobQueue, orm: MikroORM, now: () => Date = () => new Date()): Promise<void> {
  await jobs.startWorkers(orm, {
    [QUEUES.healthSnapshot]: async () => {
      const result = await snapshotHealth(orm.em.fork(), null, now());
      logger.info({ job: QUEUES.healthSnapshot, ...result }, 'health snapshots written');
      const health = await emitHealthStatusChanges(orm.em.fork(), now());
      logger.info({ job: QUEUES.healthSnapshot, ...health }, 'health status changes emitted');
    },
    ...engagementHandlers(orm, now),
  });
  await jobs.schedule(QUEUES.healthSnapshot, HEALTH_SNAPSHOT_CRON);
  await scheduleEngagementJobs(jobs);
}
