import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Mentorship } from './mentorship.entity.js';
import { LIVE_STATUSES } from './mentorship.service.js';
import { evaluateMentorshipHealth, loadHealthSources } from './mentorship-health.service.js';

export interface SnapshotHealthResult {
  /** The UTC calendar day the snapshots were written for. */
  day: string;
  /** Live mentorships snapshotted (inserted or refreshed). */
  snapshots: number;
  /** Batches processed; each costs a constant number of statements. */
  batches: number;
}

export interface SnapshotHealthOptions {
  /** Mentorships per batch (default 1,000): bounds memory and the size of each upsert. */
  batchSize?: number;
}

/** The shape stored in `health_snapshot.components`. */
export interface StoredHealthComponent {
  name: string;
  score: number;
  weight: number;
  neutral: boolean;
  reasons: string[];
}

/**
 * Write today's health of every live (ACTIVE or PAUSED) mentorship — of one organisation, or of all
 * when `organizationId` is null — as one HealthSnapshot per mentorship per UTC day. Idempotent: a
 * second run on the same day refreshes the day's row (`insert … on conflict (mentorship_id, day)
 * do update`), so a retried or duplicated job is harmless.
 *
 * Works in keyset batches over mentorship IDs on its own fork of `em`: per batch one statement
 * for the mentorships, one for their facts (see `loadHealthSources`) and one upsert — no N+1,
 * whatever the number of mentorships. Each batch commits on its own: a crash half-way leaves whole
 * days for the batches that ran, and a rerun completes the rest.
 */
export async function snapshotHealth(em: EntityManager, organizationId: string | null | undefined, now: Date, options: SnapshotHealthOptions = {}): Promise<SnapshotHealthResult> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  const day = now.toISOString().slice(0, 10);
  const work = em.fork();
  let lastId: string | null = null;
  let snapshots = 0;
  let batches = 0;
  for (;;) {
    const where: Record<string, unknown> = { status: { $in: [...LIVE_STATUSES] } };
    if (organizationId) where.organization = organizationId;
    if (lastId) where.id = { $gt: lastId };
    const batch = await work.find(Mentorship, where, { orderBy: { id: 'asc' }, limit: batchSize });
    if (batch.length === 0) break;
    batches += 1;
    const sources = await loadHealthSources(work, batch);
    const rows = batch.map((m) => {
      const health = evaluateMentorshipHealth(sources.get(m.id)!, now);
      const components: StoredHealthComponent[] = health.components.map((c) => ({ name: c.name, score: c.score, weight: c.weight, neutral: c.neutral, reasons: c.reasons }));
      return { id: randomUUID(), organization_id: m.organization.id, mentorship_id: m.id, score: health.score, status: health.status, components };
    });
    await work.getKnex().raw(
      `insert into "health_snapshot" ("id", "created_at", "updated_at", "organization_id", "mentorship_id", "day", "score", "status", "components")
       select r.id, ?, ?, r.organization_id, r.mentorship_id, ?::date, r.score, r.status, r.components
         from jsonb_to_recordset(?::jsonb) as r(id uuid, organization_id uuid, mentorship_id uuid, score smallint, status text, components jsonb)
       on conflict ("mentorship_id", "day") do update
         set "score" = excluded."score", "status" = excluded."status", "components" = excluded."components", "updated_at" = excluded."updated_at"`,
      [now, now, day, JSON.stringify(rows)],
    );
    snapshots += rows.length;
    lastId = batch[batch.length - 1]!.id;
    work.clear();
    if (batch.length < batchSize) break;
  }
  return { day, snapshots, batches };
}
