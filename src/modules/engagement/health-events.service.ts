import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainEventType } from './engagement.enums.js';
import { eventPayload, insertOutboxRows, outboxRow } from './outbox.service.js';
import { query } from './sql.js';

interface Change {
  mentorship_id: string;
  organization_id: string;
  day: string;
  status: string;
  score: number;
  previous_status: string;
}

/**
 * After the daily health snapshots: a `health.status_changed` event for every mentorship whose
 * snapshot of `now`'s UTC day has a status different from the last status announced for it (never
 * announced: from its previous snapshot; a first snapshot is compared with NEW). The outbox itself
 * is the watermark, so a change is announced once even when a day's run was missed, and the dedupe
 * key (mentorship, day, status) makes a rerun — or two workers at once — insert nothing twice.
 */
export async function emitHealthStatusChanges(em: EntityManager, now: Date, opts: { batchSize?: number } = {}): Promise<{ changed: number }> {
  const batchSize = opts.batchSize ?? 200;
  const changes = await query<Change>(
    em,
    `with latest as (
       select h.mentorship_id, h.organization_id, h.day, h.status, h.score from health_snapshot h where h.day = ?::date
     ), announced as (
       select distinct on (o.aggregate_id) o.aggregate_id, o.payload->>'status' as status
         from outbox_event o
        where o.type = 'health.status_changed' and o.aggregate_id in (select mentorship_id from latest)
        order by o.aggregate_id, o.sequence desc
     )
     select l.mentorship_id, l.organization_id, l.day::text as day, l.status, l.score,
            coalesce(a.status, (select p.status from health_snapshot p where p.mentorship_id = l.mentorship_id and p.day < l.day order by p.day desc limit 1), 'NEW') as previous_status
       from latest l left join announced a on a.aggregate_id = l.mentorship_id`,
    [now.toISOString().slice(0, 10)],
  );
  const changed = changes.filter((c) => c.status !== c.previous_status);
  let inserted = 0;
  for (let i = 0; i < changed.length; i += batchSize) {
    const batch = changed.slice(i, i + batchSize);
    inserted += await em.fork().transactional(async (tx) =>
      insertOutboxRows(
        tx.getKnex(),
        tx.getTransactionContext(),
        batch.map((c) =>
          outboxRow({
            organizationId: c.organization_id,
            type: DomainEventType.HEALTH_STATUS_CHANGED,
            aggregateType: 'Mentorship',
            aggregateId: c.mentorship_id,
            actorId: null,
            payload: eventPayload({ status: c.status, previousStatus: c.previous_status, healthScore: c.score, day: c.day, mentorshipId: c.mentorship_id }),
            at: now,
            dedupeKey: `health:${c.mentorship_id}:${c.day}:${c.status}`,
          }),
        ),
      ),
    );
  }
  return { changed: inserted };
}
