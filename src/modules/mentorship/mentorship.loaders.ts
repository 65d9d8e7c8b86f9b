import type DataLoader from 'dataloader';
import type { HealthResult } from '../../health/index.js';
import type { Context } from '../../graphql/context.js';
import { isCoordinator, requireViewer } from '../../graphql/context.js';
import type { MentorshipRecord } from './mentorship.record.js';
import { evaluateMentorshipHealth, loadHealthSources, type MentorshipHealthSource } from './mentorship-health.service.js';
import { RelationshipHealthStatus } from './health.enums.js';
import { canSeeMentorship } from './mentorship.service.js';

/**
 * Per-request batch loaders of the mentorship module. Each turns "one per parent" into one
 * statement per page: every mentorship whose health is asked for in a request is evaluated from
 * one batched load of facts.
 */

export interface EvaluatedHealth {
  source: MentorshipHealthSource<MentorshipRecord>;
  result: HealthResult;
}

/** Keys are the mentorships themselves (entities, unique per request by the identity map, or the records of a page). */
export function healthLoader(ctx: Context): DataLoader<MentorshipRecord, EvaluatedHealth> {
  return ctx.loaders.custom<MentorshipRecord, EvaluatedHealth>('mentorship.health', async (mentorships) => {
    const sources = await loadHealthSources(ctx.em, mentorships);
    const now = ctx.now();
    return mentorships.map((m) => {
      const source = sources.get(m.id)!;
      return { source, result: evaluateMentorshipHealth(source, now) };
    });
  });
}

export interface SnapshotPointRow {
  day: string;
  score: number;
  status: RelationshipHealthStatus;
}

/** How many of the latest daily snapshots a trend or history reads. */
export const SNAPSHOT_HISTORY_DAYS = 90;

/** The latest daily snapshots of many mentorships in one windowed statement, oldest first. */
export function snapshotsLoader(ctx: Context): DataLoader<string, SnapshotPointRow[]> {
  return ctx.loaders.custom<string, SnapshotPointRow[]>('mentorship.snapshots', async (ids) => {
    const rows: (SnapshotPointRow & { mentorship_id: string })[] = await ctx.em
      .getKnex()
      .raw(
        `select mentorship_id, day, score, status from (
           select h.mentorship_id, h.day::text as day, h.score, h.status,
                  row_number() over (partition by h.mentorship_id order by h.day desc) as rn
             from health_snapshot h
            where h.mentorship_id = any(?::uuid[]) and h.organization_id = ?
         ) z where z.rn <= ? order by mentorship_id, day`,
        [[...ids], requireViewer(ctx).organizationId, SNAPSHOT_HISTORY_DAYS],
      )
      .then((r: { rows: (SnapshotPointRow & { mentorship_id: string })[] }) => r.rows);
    const grouped = new Map<string, SnapshotPointRow[]>();
    for (const r of rows) {
      const list = grouped.get(r.mentorship_id) ?? [];
      list.push({ day: r.day, score: r.score, status: r.status });
      grouped.set(r.mentorship_id, list);
    }
    return ids.map((id) => grouped.get(id) ?? []);
  });
}

/**
 * Whether the viewer has (or had) a mentorship with this person, on either side. Batched: one
 * statement for every person on a page.
 */
export async function isPartnerOfViewer(ctx: Context, personId: string): Promise<boolean> {
  const viewer = requireViewer(ctx);
  if (personId === viewer.personId) return false;
  return ctx.loaders
    .custom<string, boolean>('mentorship.isPartnerOfViewer', async (personIds) => {
      const rows: { partner: string }[] = await ctx.em
        .getKnex()
        .raw(
          `select distinct case when mentor_id = ? then mentee_id else mentor_id end as partner
             from mentorship
            where organization_id = ?
              and ((mentor_id = ? and mentee_id = any(?::uuid[])) or (mentee_id = ? and mentor_id = any(?::uuid[])))`,
          [viewer.personId, viewer.organizationId, viewer.personId, [...personIds], viewer.personId, [...personIds]],
        )
        .then((r: { rows: { partner: string }[] }) => r.rows);
      const partners = new Set(rows.map((r) => r.partner));
      return personIds.map((id) => partners.has(id));
    })
    .load(personId);
}

export function viewerCanSee(ctx: Context, m: { mentor: { id: string }; mentee: { id: string } }): boolean {
  return canSeeMentorship(requireViewer(ctx), m);
}

export function viewerIsCoordinator(ctx: Context): boolean {
  return isCoordinator(requireViewer(ctx));
}
