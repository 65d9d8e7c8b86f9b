import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../../logger.js';
import { QUEUES, type JobHandlers, type JobQueue } from '../../jobs/queue.js';
import { closeOpenItemsOfMatchedMentees, declineRequestsOfUnavailableMentors, expireRequests } from '../request/request.service.js';
import { DomainEventType } from './engagement.enums.js';
import { deliverWebhooks, fanOutEvents, type DeliveryOptions, type DeliveryResult, type FanOutResult, type OutboxRecord } from './dispatcher.service.js';
import { runReminders } from './reminders.service.js';
import { pruneEngagementLog } from './retention.service.js';
import { loadConfig } from '../../config.js';

/**
 * Every minute, plus a nudge after request mutations. Each job polls for `DISPATCH_BUDGET_MS`
 * (below the queue's 10 s graceful-stop wait, so a shutdown never cuts a pass short).
 */
export const OUTBOX_DISPATCH_CRON = '* * * * *';
/** Every 15 minutes: requests past their expiry become EXPIRED; requests to mentors made unavailable elsewhere are declined. */
export const REQUEST_EXPIRY_CRON = '*/15 * * * *';
/** Daily at 07:00 UTC; idempotent per (kind, subject, recipient, due day), so a rerun is harmless. */
export const REMINDERS_CRON = '0 7 * * *';
/** Daily at 03:30 UTC: the engagement log past ENGAGEMENT_RETENTION_DAYS is pruned (see retention.service.ts). */
export const RETENTION_CRON = '30 3 * * *';
const DISPATCH_BUDGET_MS = 8_000;
const DISPATCH_POLL_MS = 2_000;

/**
 * Reactions run inside the fan-out transaction: when a mentorship starts by any path (an approval
 * or override included), the mentee's other pending requests in the programme are INVALIDATED and
 * their open proposals WITHDRAWN.
 */
export async function reactToEvents(tx: EntityManager, events: readonly OutboxRecord[], now: Date): Promise<void> {
  const started = events.filter((e) => e.type === DomainEventType.MENTORSHIP_STARTED).map((e) => e.aggregate_id);
  if (started.length) await closeOpenItemsOfMatchedMentees(tx, started, now);
}

/**
 * One dispatch pass: fan every undispatched event out (notifications, webhook deliveries), then
 * send every due delivery. Callable directly with an injected clock (tests), or as a job.
 */
export async function dispatchOutbox(em: EntityManager, now: () => Date, delivery: DeliveryOptions = {}): Promise<{ fanOut: FanOutResult; delivery: DeliveryResult }> {
  const fanOut = await fanOutEvents(em, now(), { react: reactToEvents });
  return { fanOut, delivery: await deliverWebhooks(em, now, delivery) };
}

/** Queue handlers of the engagement module, for `JobQueue.startWorkers`. */
export function engagementHandlers(orm: MikroORM, now: () => Date = () => new Date()): JobHandlers {
  return {
    [QUEUES.outboxDispatch]: async () => {
      const until = Date.now() + DISPATCH_BUDGET_MS;
      for (;;) {
        const { fanOut, delivery } = await dispatchOutbox(orm.em.fork(), now);
        if (fanOut.events || delivery.attempted) logger.info({ job: QUEUES.outboxDispatch, ...fanOut, ...delivery }, 'outbox dispatched');
        if (Date.now() + DISPATCH_POLL_MS >= until) return;
        await new Promise((resolve) => setTimeout(resolve, DISPATCH_POLL_MS));
      }
    },
    [QUEUES.requestExpiry]: async () => {
      const at = now();
      const result = { ...(await expireRequests(orm.em.fork(), at)), ...(await declineRequestsOfUnavailableMentors(orm.em.fork(), at)) };
      if (result.expired || result.declined) logger.info({ job: QUEUES.requestExpiry, ...result }, 'requests expired or declined');
    },
    [QUEUES.reminders]: async () => {
      const counts = await runReminders(orm.em.fork(), now());
      logger.info({ job: QUEUES.reminders, ...counts }, 'reminders created');
    },
    [QUEUES.engagementRetention]: async () => {
      const retentionDays = loadConfig().engagementRetentionDays;
      const pruned = await pruneEngagementLog(orm.em.fork(), now(), { retentionDays });
      logger.info({ job: QUEUES.engagementRetention, retentionDays, ...pruned }, 'engagement log pruned');
    },
  };
}

export async function scheduleEngagementJobs(jobs: JobQueue): Promise<void> {
  await jobs.schedule(QUEUES.outboxDispatch, OUTBOX_DISPATCH_CRON);
  await jobs.schedule(QUEUES.requestExpiry, REQUEST_EXPIRY_CRON);
  await jobs.schedule(QUEUES.reminders, REMINDERS_CRON);
  await jobs.schedule(QUEUES.engagementRetention, RETENTION_CRON);
}

/** Ask for a dispatch soon (at most one queued per second), after a mutation wrote events. Best effort: the cron catches up anyway. */
export async function nudgeDispatcher(jobs: JobQueue | null): Promise<void> {
  if (!jobs) return;
  await jobs.send(QUEUES.outboxDispatch, {}, { singletonKey: 'nudge', singletonSeconds: 1 }).catch((err: unknown) => logger.warn({ err }, 'could not queue an outbox dispatch'));
}
