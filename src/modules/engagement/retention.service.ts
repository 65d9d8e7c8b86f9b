/**
 * Retention of the engagement log. Every domain event, webhook delivery and delivery attempt is a
 * row; without pruning these tables grow for ever. Daily, in small batches (short transactions,
 * no long locks), rows older than the retention period go:
 *   - delivery attempts older than the period;
 *   - deliveries that ended (DELIVERED or FAILED) before the period;
 *   - dispatched events older than the period, unless something still needs them: a PENDING
 *     delivery, a notification (people's inboxes are not the log's to prune), or being the latest
 *     event of their aggregate (the next event's sequence is the latest + 1, so keeping it keeps
 *     sequences increasing for receivers that order or dedupe by them).
 * Nothing pending is ever touched, so pruning cannot lose an event that has not gone out.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './sql.js';

export interface RetentionResult {
  attempts: number;
  deliveries: number;
  events: number;
}

export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

async function inBatches(em: EntityManager, sql: (limit: number) => string, params: unknown[], batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await em.fork().transactional(async (tx) => (await query<{ id: string }>(tx, sql(batchSize), params)).length);
    total += n;
    if (n < batchSize) return total;
  }
}

export async function pruneEngagementLog(em: EntityManager, now: Date, opts: { retentionDays?: number; batchSize?: number } = {}): Promise<RetentionResult> {
  const days = opts.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isFinite(days) || days < 1) throw new RangeError(`retentionDays must be at least 1, got ${days}`);
  const batchSize = opts.batchSize ?? 5_000;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const attempts = await inBatches(
    em,
    (limit) => `delete from webhook_delivery_attempt where id in (select id from webhook_delivery_attempt where attempted_at < ? limit ${limit}) returning id`,
    [cutoff],
    batchSize,
  );
  const deliveries = await inBatches(
    em,
    (limit) =>
      `delete from webhook_delivery where id in (
         select id from webhook_delivery where status in ('DELIVERED', 'FAILED') and coalesce(delivered_at, last_attempt_at, created_at) < ? limit ${limit}
       ) returning id`,
    [cutoff],
    batchSize,
  );
  const events = await inBatches(
    em,
    (limit) =>
      `delete from outbox_event where id in (
         select o.id from outbox_event o
          where o.dispatched_at is not null and o.occurred_at < ?
            and not exists (select 1 from webhook_delivery d where d.event_id = o.id)
            and not exists (select 1 from notification n where n.event_id = o.id)
            and exists (select 1 from outbox_event later where later.aggregate_id = o.aggregate_id and later.sequence > o.sequence)
          limit ${limit}
       ) returning id`,
    [cutoff],
    batchSize,
  );
  return { attempts, deliveries, events };
}
