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

/** What of a programme health reads. */
export type HealthProgramme = Pick<Programme, 'id' | 'checkInCadenceDays' | 'expectedDurationMonths'>;

/** What of a mentorship health reads: a `Mentorship` entity is one, and so is a plain record. */
export type HealthMentorship = Pick<Mentorship, 'id' | 'status' | 'agreement' | 'startedAt' | 'expectedEndAt' | 'endedAt' | 'pauses'> & {
  programme: { id: string };
  mentee: { id: string };
};

export interface MentorshipHealthSource<M extends HealthMentorship = Mentorship> {
  mentorship: M;
  programme: HealthProgramme;
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

type ScopeMentorship = Pick<Mentorship, 'agreement' | 'startedAt' | 'endedAt'> & { mentee: { id: string } };

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

interface FactsRow {
  id: string;
  check_in_cadence_days: number | null;
  expected_duration_months: number | null;
  check_ins: Date[];
  pulses: { author_id: string; author_role: ParticipantRole; rating: number; helping: boolean | null; answered_at: string }[];
  flags: { raised_at: string; resolved_at: string | null }[];
  goals: (Omit<GoalRow, 'created_at' | 'achieved_at'> & { created_at: string; achieved_at: string | null })[];
}

/**
 * Batched facts for many mentorships: ONE statement whatever their number — the programme's
 * cadence and length, check-in times, pulse ratings, support-flag times and the goals each may
 * have in scope (those its agreement names, or else its mentee's), aggregated per mentorship.
 * The agreement and mentee come from the entities passed in, so unsaved changes count.
 */
export async function loadHealthSources<M extends HealthMentorship>(em: EntityManager, mentorships: readonly M[]): Promise<Map<string, MentorshipHealthSource<M>>> {
  const result = new Map<string, MentorshipHealthSource<M>>();
  if (mentorships.length === 0) return result;
  const input = mentorships.map((m) => ({ id: m.id, programme: m.programme.id, mentee: m.mentee.id, goals: m.agreement?.goalIds ?? [] }));
  const rows: FactsRow[] = await em
    .getKnex()
    .raw(
      `with input as (
         select (e->>'id')::uuid as id, (e->>'programme')::uuid as programme_id, (e->>'mentee')::uuid as mentee_id,
                array(select jsonb_array_elements_text(e->'goals'))::uuid[] as agreed
           from jsonb_array_elements(?::jsonb) e
       )
       select i.id, p.check_in_cadence_days, p.expected_duration_months,
              array(select c.held_at from check_in c where c.mentorship_id = i.id) as check_ins,
              (select coalesce(json_agg(json_build_object('author_id', s.author_id, 'author_role', s.author_role, 'rating', s.rating, 'helping', s.helping, 'answered_at', s.answered_at)), '[]')
                 from pulse_survey s where s.mentorship_id = i.id) as pulses,
              (select coalesce(json_agg(json_build_object('raised_at', f.raised_at, 'resolved_at', f.resolved_at)), '[]')
                 from support_flag f where f.mentorship_id = i.id) as flags,
              (select coalesce(json_agg(json_build_object(
                        'id', g.id, 'person_id', g.person_id, 'title', g.title, 'baseline', g.baseline, 'target', g.target,
                        'current_value', g.current_value, 'due_date', g.due_date::text, 'status', g.status, 'priority', g.priority,
                        'created_at', g.created_at, 'achieved_at', g.achieved_at,
                        'has_progress', exists (select 1 from goal_progress gp where gp.goal_id = g.id))), '[]')
                 from development_goal g
                where g.id = any(i.agreed) or (cardinality(i.agreed) = 0 and g.person_id = i.mentee_id)) as goals
         from input i left join programme p on p.id = i.programme_id`,
      [JSON.stringify(input)],
    )
    .then((r: { rows: FactsRow[] }) => r.rows);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const m of mentorships) {
    const row = byId.get(m.id);
    if (!row || row.check_in_cadence_days === null || row.expected_duration_months === null) throw new Error(`programme ${m.programme.id} of mentorship ${m.id} vanished`);
    const goals = row.goals
      .map((g): GoalRecord => ({
        id: g.id,
        personId: g.person_id,
        title: g.title,
        baseline: Number(g.baseline),
        target: Number(g.target),
        currentValue: Number(g.current_value),
        dueDate: g.due_date,
        status: g.status,
        priority: g.priority,
        createdAt: new Date(g.created_at),
        achievedAt: g.achieved_at ? new Date(g.achieved_at) : null,
        hasProgress: g.has_progress,
      }))
      .filter((g) => goalInScope(m, g));
    result.set(m.id, {
      mentorship: m,
      programme: { id: m.programme.id, checkInCadenceDays: row.check_in_cadence_days, expectedDurationMonths: row.expected_duration_months },
      facts: {
        checkIns: row.check_ins.map((at) => new Date(at)),
        pulses: row.pulses.map((p) => ({ by: p.author_role, authorId: p.author_id, at: new Date(p.answered_at), rating: p.rating, helping: p.helping })),
        goals,
        supportRequests: row.flags.map((f) => ({ at: new Date(f.raised_at), resolvedAt: f.resolved_at ? new Date(f.resolved_at) : null })),
      },
    });
  }
  return result;
}

/** The programme's policy as the engine reads it; the signed agreement's cadence wins over the programme's. */
export function healthPolicyOf(m: Pick<Mentorship, 'agreement'>, programme: HealthProgramme): Partial<HealthPolicy> {
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

export function healthInputOf(source: MentorshipHealthSource<HealthMentorship>, now: Date): HealthInput {
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
export function evaluateMentorshipHealth(source: MentorshipHealthSource<HealthMentorship>, now: Date): HealthResult {
  return evaluateHealth(healthInputOf(source, now), SHARED_HEALTH_OPTIONS);
}
