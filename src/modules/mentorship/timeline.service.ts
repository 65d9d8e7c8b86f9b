import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/connection.js';
import { badUserInput } from '../../graphql/errors.js';
import { TimelineEntryKind } from './health.enums.js';
import { ParticipantRole } from './mentorship.enums.js';

/** Order of entries at the same instant: a goal is set before progress on it, a mentorship starts before it ends. */
export const TIMELINE_RANK: Record<TimelineEntryKind, number> = {
  GOAL_SET: 1,
  MENTORSHIP_STARTED: 2,
  GOAL_PROGRESS: 3,
  SKILL_ASSESSED: 4,
  GOAL_ACHIEVED: 5,
  MENTORSHIP_ENDED: 6,
};

export interface TimelineRow {
  kind: TimelineEntryKind;
  rank: number;
  at: Date;
  /** `at` at full (microsecond) precision, for an exact keyset cursor. */
  atKey: string;
  /** The goal, progress record, assessment or mentorship the entry is about. */
  id: string;
  /** For progress entries: the goal. */
  goalId: string | null;
  previousLevel: number | null;
  role: ParticipantRole | null;
}

export interface TimelinePage {
  rows: TimelineRow[];
  cursors: string[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * One chronological stream over six sources (goals set and achieved, goal progress, skill
 * assessments, mentorships started and ended, as mentor or mentee), across every programme.
 * The union is keyset-paged on (at, rank, id): two statements per page — the page and the count.
 */
const ENTRIES = `
  with entries as (
    select 'GOAL_SET' as kind, ${TIMELINE_RANK.GOAL_SET} as rank, g.created_at as at, g.id, null::uuid as goal_id, null::int as previous_level, null::text as role
      from development_goal g where g.organization_id = :org and g.person_id = :person
    union all
    select 'GOAL_ACHIEVED', ${TIMELINE_RANK.GOAL_ACHIEVED}, g.achieved_at, g.id, null, null, null
      from development_goal g where g.organization_id = :org and g.person_id = :person and g.status = 'ACHIEVED' and g.achieved_at is not null
    union all
    select 'GOAL_PROGRESS', ${TIMELINE_RANK.GOAL_PROGRESS}, p.recorded_at, p.id, p.goal_id, null, null
      from goal_progress p join development_goal g on g.id = p.goal_id where g.organization_id = :org and g.person_id = :person
    union all
    select 'SKILL_ASSESSED', ${TIMELINE_RANK.SKILL_ASSESSED}, a.assessed_at, a.id, null,
           lag(a.level) over (partition by a.skill_id, a.source order by a.assessed_at, a.id), null
      from skill_assessment a where a.organization_id = :org and a.person_id = :person
    union all
    select 'MENTORSHIP_STARTED', ${TIMELINE_RANK.MENTORSHIP_STARTED}, m.started_at, m.id, null, null, case when m.mentor_id = :person then 'MENTOR' else 'MENTEE' end
      from mentorship m where m.organization_id = :org and (m.mentor_id = :person or m.mentee_id = :person)
    union all
    select 'MENTORSHIP_ENDED', ${TIMELINE_RANK.MENTORSHIP_ENDED}, m.ended_at, m.id, null, null, case when m.mentor_id = :person then 'MENTOR' else 'MENTEE' end
      from mentorship m where m.organization_id = :org and (m.mentor_id = :person or m.mentee_id = :person)
       and m.status in ('COMPLETED', 'ENDED_EARLY') and m.ended_at is not null
  )`;

interface RawRow {
  kind: TimelineEntryKind;
  rank: number;
  at: Date;
  at_key: string;
  id: string;
  goal_id: string | null;
  previous_level: number | null;
  role: ParticipantRole | null;
}

export async function timelinePage(em: EntityManager, organizationId: string, personId: string, args: { first?: number | null; after?: string | null }): Promise<TimelinePage> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, ['string', 'number', 'string']);
  const knex = em.getKnex();
  const bindings: Record<string, unknown> = { org: organizationId, person: personId, limit: limit + 1 };
  let keyset = '';
  if (after) {
    if (Number.isNaN(Date.parse(String(after[0]))) || !/^[0-9a-f-]{36}$/.test(String(after[2]))) throw badUserInput('"after" is not a valid cursor for this list.');
    keyset = 'where (at, rank, id) > (cast(:afterAt as timestamptz), :afterRank, cast(:afterId as uuid))';
    Object.assign(bindings, { afterAt: after[0], afterRank: after[1], afterId: after[2] });
  }
  const pageSql = `${ENTRIES}
    select kind, rank, at, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_key, id, goal_id, previous_level, role
      from entries ${keyset} order by at, rank, id limit :limit`;
  const countSql = `${ENTRIES} select count(*)::int as total from entries`;
  const [raw, total] = await Promise.all([
    limit === 0 ? Promise.resolve([] as RawRow[]) : knex.raw(pageSql, bindings).then((r: { rows: RawRow[] }) => r.rows),
    knex.raw(countSql, { org: organizationId, person: personId }).then((r: { rows: { total: number }[] }) => r.rows[0]!.total),
  ]);
  const rows = raw.slice(0, limit).map(
    (r): TimelineRow => ({
      kind: r.kind,
      rank: r.rank,
      at: new Date(r.at),
      atKey: r.at_key,
      id: r.id,
      goalId: r.goal_id,
      previousLevel: r.previous_level,
      role: r.role,
    }),
  );
  return {
    rows,
    cursors: rows.map((r) => encodeCursor([r.atKey, r.rank, r.id])),
    totalCount: total,
    hasNextPage: raw.length > limit,
    hasPreviousPage: after !== null,
  };
}
