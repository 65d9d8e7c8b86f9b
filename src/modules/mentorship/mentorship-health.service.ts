import type { EntityManager } from '@mikro-orm/postgresql';
import {
  evaluateHealth,
  type GoalFact,
  type HealthInput,
  type HealthOptions,
  type HealthPolicy,
  type HealthResult,
  type PulseFact,
  type SupportRequestFact,
} from '../../health/index.js';
import { GoalPriority, GoalStatus, PRIORITY_WEIGHT } from '../goal/goal.entity.js';
import { Programme } from '../programme/programme.entity.js';
import type { Mentorship } from './mentorship.entity.js';
import { ParticipantRole } from './mentorship.enums.js';

/**
 * Everything health is computed from goes through here: one statement per kind of fact for any
 * number of mentorships (programmes, check-ins, pulses, goals, support flags), then the pure engine.
 * Private text is never selected: pulses arrive as ratings, support flags as timestamps.
 */

/** Reasons never quote a participant's rating: health is shown to the other participant and to coordinators. */
export const SHARED_HEALTH_OPTIONS: HealthOptions = Object.freeze({ revealPulseRatings: false });

const DAYS_PER_MONTH = 365.25 / 12;

export interface PulseRecord extends PulseFact {
  authorId: string;
}

export interface HealthFacts {
  checkIns: Date[];
  pulses: PulseRecord[];
  goals: GoalRecord[];
  supportRequests: SupportRequestFact[];
}

export interface MentorshipHealthSource {
  mentorship: Mentorship;
  programme: Programme;
  facts: HealthFacts;
}

export interface GoalRecord {
  id: string;
  personId: string;
  title: string;
  baseline: number;
  target: number;
  currentValue: number;
  dueDate: string;
  status: GoalStatus;
  priority: GoalPriority;
  createdAt: Date;
  achievedAt: Date | null;
  hasProgress: boolean;
}

type ScopeMentorship = Pick<Mentorship, 'agreement' | 'startedAt' | 'endedAt' | 'mentee'>;

/**
 * The goals a mentorship works on: those named in its agreement; before the agreement names any,
 * the mentee's goals that were open at some point while it ran (created before it ended, not
 * achieved before it started). One definition for health, outcomes, timelines and goal links.
 */
export function goalInScope(m: ScopeMentorship, g: Pick<GoalRecord, 'id' | 'personId' | 'createdAt' | 'achievedAt'>): boolean {
  const agreed = m.agreement?.goalIds;
  if (agreed && agreed.length > 0) return agreed.includes(g.id);
  if (g.personId !== m.mentee.id) return false;
  if (m.endedAt && g.createdAt.getTime() > m.endedAt.getTime()) return false;
  return !(g.achievedAt && g.achievedAt.getTime() < m.startedAt.getTime());
}

/** Each mentorship's goals in scope, from candidates indexed by ID and owner (not every goal against every mentorship). */
export function scopeGoals<M extends ScopeMentorship & { id: string }>(mentorships: readonly M[], candidates: readonly GoalRecord[]): Map<string, GoalRecord[]> {
  const byId = new Map(candidates.map((g) => [g.id, g]));
  const byPerson = new Map<string, GoalRecord[]>();
  for (const g of candidates) {
    const list = byPerson.get(g.personId);
    if (list) list.push(g);
    else byPerson.set(g.personId, [g]);
  }
  const result = new Map<string, GoalRecord[]>();
  for (const m of mentorships) {
    const agreed = m.agreement?.goalIds ?? [];
    const pool = agreed.length > 0 ? agreed.map((id) => byId.get(id)).filter((g): g is GoalRecord => g !== undefined) : (byPerson.get(m.mentee.id) ?? []);
    result.set(m.id, pool.filter((g) => goalInScope(m, g)));
  }
  return result;
}

interface GoalRow {
  id: string;
  person_id: string;
  title: string;
  baseline: number;
  target: number;
  current_value: number;
  due_date: string;
  status: GoalStatus;
  priority: GoalPriority;
  created_at: Date;
  achieved_at: Date | null;
  has_progress: boolean;
}

/** The goals any of these mentorships may have in scope, in one statement. */
export async function loadCandidateGoals(em: EntityManager, mentorships: readonly ScopeMentorship[]): Promise<GoalRecord[]> {
  const agreedIds = new Set<string>();
  const mentees = new Set<string>();
  for (const m of mentorships) {
    const agreed = m.agreement?.goalIds ?? [];
    if (agreed.length > 0) agreed.forEach((id) => agreedIds.add(id));
    else mentees.add(m.mentee.id);
  }
  if (agreedIds.size === 0 && mentees.size === 0) return [];
  const rows: GoalRow[] = await em
    .getKnex()
    .raw(
      `select g.id, g.person_id, g.title, g.baseline, g.target, g.current_value, g.due_date::text as due_date, g.status, g.priority,
              g.created_at, g.achieved_at, exists (select 1 from goal_progress p where p.goal_id = g.id) as has_progress
         from development_goal g
        where g.id = any(?::uuid[]) or g.person_id = any(?::uuid[])`,
      [[...agreedIds], [...mentees]],
    )
    .then((r: { rows: GoalRow[] }) => r.rows);
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    title: r.title,
    baseline: Number(r.baseline),
    target: Number(r.target),
    currentValue: Number(r.current_value),
    dueDate: r.due_date,
    status: r.status,
    priority: r.priority,
    createdAt: new Date(r.created_at),
    achievedAt: r.achieved_at ? new Date(r.achieved_at) : null,
    hasProgress: r.has_progress,
  }));
}

/** Batched facts for many mentorships: six statements whatever their number. */
export async function loadHealthSources(em: EntityManager, mentorships: readonly Mentorship[]): Promise<Map<string, MentorshipHealthSource>> {
  const result = new Map<string, MentorshipHealthSource>();
  if (mentorships.length === 0) return result;
  const ids = mentorships.map((m) => m.id);
  const knex = em.getKnex();
  const rowsOf = <R>(sql: string, params: unknown[]) => knex.raw(sql, params as never).then((r: { rows: R[] }) => r.rows);
  const [programmes, checkIns, pulses, flags, goals] = await Promise.all([
    em.find(Programme, { id: { $in: [...new Set(mentorships.map((m) => m.programme.id))] } }),
    rowsOf<{ mentorship_id: string; held_at: Date }>('select mentorship_id, held_at from check_in where mentorship_id = any(?::uuid[])', [ids]),
    rowsOf<{ mentorship_id: string; author_id: string; author_role: ParticipantRole; rating: number; helping: boolean | null; answered_at: Date }>(
      'select mentorship_id, author_id, author_role, rating, helping, answered_at from pulse_survey where mentorship_id = any(?::uuid[])',
      [ids],
    ),
    rowsOf<{ mentorship_id: string; raised_at: Date; resolved_at: Date | null }>('select mentorship_id, raised_at, resolved_at from support_flag where mentorship_id = any(?::uuid[])', [ids]),
    loadCandidateGoals(em, mentorships),
  ]);
  const programmeById = new Map(programmes.map((p) => [p.id, p]));
  const facts = new Map<string, HealthFacts>(ids.map((id) => [id, { checkIns: [], pulses: [], goals: [], supportRequests: [] }]));
  for (const c of checkIns) facts.get(c.mentorship_id)?.checkIns.push(new Date(c.held_at));
  for (const p of pulses) {
    facts.get(p.mentorship_id)?.pulses.push({ by: p.author_role, authorId: p.author_id, at: new Date(p.answered_at), rating: p.rating, helping: p.helping });
  }
  for (const f of flags) facts.get(f.mentorship_id)?.supportRequests.push({ at: new Date(f.raised_at), resolvedAt: f.resolved_at ? new Date(f.resolved_at) : null });
  const scoped = scopeGoals(mentorships, goals);
  for (const m of mentorships) {
    const programme = programmeById.get(m.programme.id);
    if (!programme) throw new Error(`programme ${m.programme.id} of mentorship ${m.id} vanished`);
    const f = facts.get(m.id)!;
    f.goals = scoped.get(m.id)!;
    result.set(m.id, { mentorship: m, programme, facts: f });
  }
  return result;
}

/** The programme's policy as the engine reads it; the signed agreement's cadence wins over the programme's. */
export function healthPolicyOf(m: Pick<Mentorship, 'agreement'>, programme: Programme): Partial<HealthPolicy> {
  return {
    checkInCadenceDays: m.agreement?.cadenceDays ?? programme.checkInCadenceDays,
    expectedDurationDays: programme.expectedDurationMonths * DAYS_PER_MONTH,
  };
}

/** Goal due dates are calendar dates: due by the end of that day (UTC). */
function goalFact(g: GoalRecord): GoalFact {
  return {
    baseline: g.baseline,
    target: g.target,
    createdAt: g.createdAt,
    dueDate: new Date(`${g.dueDate}T23:59:59.999Z`),
    latestValue: g.hasProgress ? g.currentValue : null,
    status: g.status,
    title: g.title,
    priority: PRIORITY_WEIGHT[g.priority],
  };
}

export function healthInputOf(source: MentorshipHealthSource, now: Date): HealthInput {
  const { mentorship: m, programme, facts } = source;
  return {
    mentorship: {
      status: m.status,
      startedAt: m.startedAt,
      expectedEndAt: m.expectedEndAt,
      endedAt: m.endedAt ?? null,
      pauses: m.pauses.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) })),
    },
    policy: healthPolicyOf(m, programme),
    checkIns: facts.checkIns.map((at) => ({ at })),
    pulses: facts.pulses.map(({ by, at, rating, helping }) => ({ by, at, rating, helping })),
    goals: facts.goals.map(goalFact),
    supportRequests: facts.supportRequests,
    now,
  };
}

/** Health as anyone but a single pulse's author may see it. */
export function evaluateMentorshipHealth(source: MentorshipHealthSource, now: Date): HealthResult {
  return evaluateHealth(healthInputOf(source, now), SHARED_HEALTH_OPTIONS);
}
