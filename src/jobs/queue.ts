import PgBoss from 'pg-boss';
import type { MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../logger.js';
import { executeMatchRun } from '../modules/matching/match-run.service.js';

export const QUEUES = {
  matchRun: 'match-run',
  healthSnapshot: 'health-snapshot',
  outboxDispatch: 'outbox-dispatch',
  requestExpiry: 'request-expiry',
  reminders: 'reminders',
  engagementRetention: 'engagement-retention',
} as const;

export interface MatchRunJob {
  runId: string;
}

export type JobHandlers = Partial<Record<string, (data: Record<string, unknown>) => Promise<void>>>;

/**
 * Background work on PostgreSQL (pg-boss): any number of processes on any number of machines can
 * call `startWorkers` and share the queue; a job whose worker dies is retried after it expires.
 * Match runs are idempotent (proposals are written in one transaction at the end), so a retry is safe.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private started = false;
  /** This process's match-run worker, if it runs one: woken on enqueue instead of waiting for its next poll. */
  private matchRunWorker: string | null = null;

  constructor(connectionString: string, private readonly opts: { schema?: string } = {}) {
    this.boss = new PgBoss({ connectionString, schema: opts.schema ?? 'pgboss', max: 4, supervise: true });
    this.boss.on('error', (err) => logger.error({ err, component: 'pg-boss' }, 'job queue error'));
  }

  async start(): Promise<this> {
    if (this.started) return this;
    await this.boss.start();
    for (const name of Object.values(QUEUES)) {
      await this.boss.createQueue(name, { name, retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 15 * 60 });
    }
    this.started = true;
    return this;
  }

  async enqueueMatchRun(runId: string): Promise<string | null> {
    const id = await this.boss.send(QUEUES.matchRun, { runId } satisfies MatchRunJob, { singletonKey: runId });
    if (this.matchRunWorker) this.boss.notifyWorker(this.matchRunWorker);
    return id;
  }

  async send(queue: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
    return this.boss.send(queue, data, options);
  }

  async schedule(queue: string, cron: string, data: object = {}): Promise<void> {
    await this.boss.schedule(queue, cron, data, { tz: 'UTC' });
  }

  /** Consume jobs in this process. `extra` adds handlers for other queues (health snapshots, reminders…). */
  async startWorkers(orm: MikroORM, extra: JobHandlers = {}): Promise<void> {
    // Polled every half second (pg-boss's minimum): a coordinator waits for pickup, and one cheap
    // query per worker per half second is nothing next to a run.
    this.matchRunWorker = await this.boss.work<MatchRunJob>(QUEUES.matchRun, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return;
      logger.info({ jobId: job.id, runId: job.data.runId }, 'match run job started');
      await executeMatchRun(orm, job.data.runId);
    });
    for (const [queue, handler] of Object.entries(extra)) {
      if (!handler) continue;
      await this.boss.work<Record<string, unknown>>(queue, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
        if (job) await handler(job.data);
      });
    }
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.started = false;
  }
}
