import type { EntityManager } from '@mikro-orm/postgresql';
import { resolveHealthPolicy, type HealthResult } from '../../health/index.js';
import { GoalStatus } from '../goal/goal.entity.js';
import type { Programme } from '../programme/programme.entity.js';
import { SkillAssessment } from './check-in.entity.js';
import { Mentorship } from './mentorship.entity.js';
import { AssessmentSource, EndReason, MentorshipStatus } from './mentorship.enums.js';
import { DurationBand, RelationshipHealthStatus } from './health.enums.js';
import { evaluateMentorshipHealth, healthPolicyOf, loadCandidateGoals, loadHealthSources, scopeGoals, type GoalRecord, type MentorshipHealthSource } from './mentorship-health.service.js';
import { LIVE_STATUSES, pausedMs } from './mentorship.service.js';

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 365.25 / 12;
/** A mentor's closing assessment a little after the end still measures the relationship. */
export const ASSESSMENT_GRACE_DAYS = 30;
/** Aggregates of private answers need at least this many respondents, so no one can be singled out. */
export const MIN_PULSE_RESPONDENTS = 2;

export interface EvaluatedMentorship {
  mentorship: Mentorship;
  source: MentorshipHealthSource;
  health: HealthResult;
}

/** Every live mentorship of a programme with its health, from a constant number of statements (2). */
export async function evaluateLiveMentorships(em: EntityManager, programme: Programme, now: Date): Promise<EvaluatedMentorship[]> {
  const live = await em.find(Mentorship, { organization: programme.organization.id, programme: programme.id, status: { $in: [...LIVE_STATUSES] } }, { orderBy: { id: 'asc' } });
  const sources = await loadHealthSources(em, live);
  return live.map((m) => {
    const source = sources.get(m.id)!;
    return { mentorship: m, source, health: evaluateMentorshipHealth(source, now) };
  });
}

export function needsAttention(health: Pick<HealthResult, 'status'>): boolean {
  return health.status === 'AT_RISK' || health.status === 'STALLED';
}

/** The at-risk queue: AT_RISK and STALLED, most urgent first, ties by ID (a total, stable order). */
export function atRiskQueue(evaluated: readonly EvaluatedMentorship[]): EvaluatedMentorship[] {
  return evaluated
    .filter((e) => needsAttention(e.health))
    .sort((a, b) => b.health.urgency - a.health.urgency || (a.mentorship.id < b.mentorship.id ? -1 : a.mentorship.id > b.mentorship.id ? 1 : 0));
}

export interface ProgrammeHealthFigures {
  mentorshipsByStatus: { status: MentorshipStatus; count: number }[];
  healthByStatus: { status: RelationshipHealthStatus; count: number }[];
  live: number;
  needingAttention: number;
  meanHealthScore: number | null;
  overduePulses: number;
  openSupportFlags: number;
}

export async function programmeHealthFigures(em: EntityManager, programme: Programme, now: Date): Promise<ProgrammeHealthFigures> {
  const [counts, evaluated] = await Promise.all([
    em
      .getKnex()
      .raw('select status, count(*)::int as count from mentorship where organization_id = ? and programme_id = ? group by status', [programme.organization.id, programme.id])
      .then((r: { rows: { status: MentorshipStatus; count: number }[] }) => r.rows),
    evaluateLiveMentorships(em, programme, now),
  ]);
  const byStatus = new Map(counts.map((c) => [c.status, c.count]));
  const healthCounts = new Map<RelationshipHealthStatus, number>();
  let overduePulses = 0;
  let openSupportFlags = 0;
  let scoreSum = 0;
  for (const e of evaluated) {
    const status = e.health.status as RelationshipHealthStatus;
    healthCounts.set(status, (healthCounts.get(status) ?? 0) + 1);
    scoreSum += e.health.score;
    // Overdue beyond the grace period (reminders go out first), as the engine's PULSE_OVERDUE flag counts it.
    const grace = resolveHealthPolicy(healthPolicyOf(e.mentorship, e.source.programme)).pulseGraceDays;
    for (const schedule of Object.values(e.health.pulseSchedules)) if (schedule.overdue && schedule.daysOverdue > grace) overduePulses += 1;
    if (e.health.flags.includes('SUPPORT_REQUESTED')) openSupportFlags += 1;
  }
  return {
    mentorshipsByStatus: Object.values(MentorshipStatus).map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    healthByStatus: Object.values(RelationshipHealthStatus)
      .filter((s) => s !== RelationshipHealthStatus.ENDED)
      .map((status) => ({ status, count: healthCounts.get(status) ?? 0 })),
    live: evaluated.length,
    needingAttention: evaluated.filter((e) => needsAttention(e.health)).length,
    meanHealthScore: evaluated.length ? Math.round((scoreSum / evaluated.length) * 10) / 10 : null,
    overduePulses,
    openSupportFlags,
  };
}

// ---------------------------------------------------------------------------------------------
// Outcomes

export interface ProgrammeOutcomeFigures {
  mentorships: number;
  live: number;
  completed: number;
  endedEarly: number;
  completionRate: number | null;
  earlyEndReasons: { reason: EndReason; count: number }[];
  goalsSet: number;
  goalsAchieved: number;
  goalAchievementRate: number | null;
  menteeSkillChange: { meanChange: number | null; measured: number; bySource: { source: AssessmentSource; meanChange: number | null; measured: number }[] };
  meanPulse: number | null;
  pulseAnswers: number;
  pulseRespondents: number;
  durations: {
    expectedDays: number;
    ended: number;
    meanActualDays: number | null;
    medianActualDays: number | null;
    meanRatioToPlan: number | null;
    bands: { band: DurationBand; count: number }[];
  };
}

function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function mean(values: readonly number[]): number | null {
  return values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function durationBand(ratio: number): DurationBand {
  if (ratio < 0.5) return DurationBand.UNDER_HALF;
  if (ratio < 0.9) return DurationBand.SHORT;
  if (ratio <= 1.1) return DurationBand.ON_PLAN;
  if (ratio < 1.25) return DurationBand.LONG;
  return DurationBand.OVERRUN;
}

/**
 * Level change of one skill from one source over a mentorship: the last assessment at or before
 * the start (or else the first one during it) against the last one after that baseline, up to
 * `ASSESSMENT_GRACE_DAYS` after the end (or now). Null when there are not two such assessments.
 */
export function skillChange(assessments: readonly Pick<SkillAssessment, 'level' | 'assessedAt'>[], startedAt: Date, until: Date): number | null {
  const sorted = assessments.filter((a) => a.assessedAt.getTime() <= until.getTime()).sort((a, b) => a.assessedAt.getTime() - b.assessedAt.getTime());
  const before = sorted.filter((a) => a.assessedAt.getTime() <= startedAt.getTime());
  const baseline = before[before.length - 1] ?? sorted[0];
  if (!baseline) return null;
  const final = sorted[sorted.length - 1]!;
  if (final === baseline || final.assessedAt.getTime() <= baseline.assessedAt.getTime()) return null;
  return final.level - baseline.level;
}

/** Cohort outcomes from five statements, whatever the size of the programme. */
export async function programmeOutcomeFigures(em: EntityManager, programme: Programme, now: Date): Promise<ProgrammeOutcomeFigures> {
  const organizationId = programme.organization.id;
  const knex = em.getKnex();
  const [mentorships, pulse] = await Promise.all([
    em.find(Mentorship, { organization: organizationId, programme: programme.id }, { orderBy: { startedAt: 'asc', id: 'asc' } }),
    knex
      .raw(
        `select avg(p.rating)::float as mean, count(*)::int as answers, count(distinct p.author_id)::int as respondents
           from pulse_survey p join mentorship m on m.id = p.mentorship_id
          where m.organization_id = ? and m.programme_id = ?`,
        [organizationId, programme.id],
      )
      .then((r: { rows: { mean: number | null; answers: number; respondents: number }[] }) => r.rows[0]!),
  ]);

  const count = (s: MentorshipStatus) => mentorships.filter((m) => m.status === s).length;
  const completed = count(MentorshipStatus.COMPLETED);
  const endedEarly = count(MentorshipStatus.ENDED_EARLY);
  const reasons = new Map<EndReason, number>();
  for (const m of mentorships) if (m.status === MentorshipStatus.ENDED_EARLY && m.endReason) reasons.set(m.endReason, (reasons.get(m.endReason) ?? 0) + 1);

  // Goals worked on, and the skills they target.
  const scoped = scopeGoals(mentorships, await loadCandidateGoals(em, mentorships));
  const goalsOf = new Map<string, string[]>();
  const inScope = new Map<string, GoalRecord>();
  for (const m of mentorships) {
    const goals = scoped.get(m.id)!;
    goalsOf.set(m.id, goals.map((g) => g.id));
    for (const g of goals) inScope.set(g.id, g);
  }
  const goalsAchieved = [...inScope.values()].filter((g) => g.status === GoalStatus.ACHIEVED).length;

  const goalSkills: { development_goal_id: string; skill_id: string }[] = inScope.size
    ? await knex
        .raw('select development_goal_id, skill_id from development_goal_skill where development_goal_id = any(?::uuid[])', [[...inScope.keys()]])
        .then((r: { rows: { development_goal_id: string; skill_id: string }[] }) => r.rows)
    : [];
  const skillsOfGoal = new Map<string, string[]>();
  for (const r of goalSkills) skillsOfGoal.set(r.development_goal_id, [...(skillsOfGoal.get(r.development_goal_id) ?? []), r.skill_id]);
  const targeted = new Map<string, Set<string>>();
  for (const m of mentorships) targeted.set(m.id, new Set((goalsOf.get(m.id) ?? []).flatMap((g) => skillsOfGoal.get(g) ?? [])));
  const allSkills = new Set([...targeted.values()].flatMap((s) => [...s]));
  const assessments = allSkills.size
    ? await em.find(SkillAssessment, { organization: organizationId, person: { $in: [...new Set(mentorships.map((m) => m.mentee.id))] }, skill: { $in: [...allSkills] } })
    : [];

  const series = new Map<string, SkillAssessment[]>();
  for (const a of assessments) {
    const key = `${a.person.id}:${a.skill.id}:${a.source}`;
    const list = series.get(key);
    if (list) list.push(a);
    else series.set(key, [a]);
  }
  const changes: { source: AssessmentSource; change: number }[] = [];
  for (const m of mentorships) {
    const until = new Date(Math.min(now.getTime(), (m.endedAt ?? now).getTime() + ASSESSMENT_GRACE_DAYS * DAY_MS));
    for (const skillId of targeted.get(m.id) ?? []) {
      for (const source of Object.values(AssessmentSource)) {
        const change = skillChange(series.get(`${m.mentee.id}:${skillId}:${source}`) ?? [], m.startedAt, until);
        if (change !== null) changes.push({ source, change });
      }
    }
  }

  const ended = mentorships.filter((m) => m.endedAt && (m.status === MentorshipStatus.COMPLETED || m.status === MentorshipStatus.ENDED_EARLY));
  const actualDays: number[] = [];
  const ratios: number[] = [];
  const bands = new Map<DurationBand, number>();
  for (const m of ended) {
    const end = m.endedAt!;
    const active = (end.getTime() - m.startedAt.getTime() - pausedMs(m.pauses, end)) / DAY_MS;
    const planned = (m.expectedEndAt.getTime() - m.startedAt.getTime()) / DAY_MS;
    actualDays.push(active);
    const ratio = planned > 0 ? active / planned : 1;
    ratios.push(ratio);
    const band = durationBand(ratio);
    bands.set(band, (bands.get(band) ?? 0) + 1);
  }

  return {
    mentorships: mentorships.length,
    live: mentorships.filter((m) => LIVE_STATUSES.includes(m.status)).length,
    completed,
    endedEarly,
    completionRate: completed + endedEarly > 0 ? round(completed / (completed + endedEarly), 4) : null,
    earlyEndReasons: [...reasons.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason, n]) => ({ reason, count: n })),
    goalsSet: inScope.size,
    goalsAchieved,
    goalAchievementRate: inScope.size ? round(goalsAchieved / inScope.size, 4) : null,
    menteeSkillChange: {
      meanChange: mean(changes.map((c) => c.change)),
      measured: changes.length,
      bySource: Object.values(AssessmentSource).map((source) => {
        const of = changes.filter((c) => c.source === source).map((c) => c.change);
        return { source, meanChange: mean(of), measured: of.length };
      }),
    },
    meanPulse: pulse.respondents >= MIN_PULSE_RESPONDENTS && pulse.mean !== null ? round(pulse.mean) : null,
    pulseAnswers: pulse.answers,
    pulseRespondents: pulse.respondents,
    durations: {
      expectedDays: round(programme.expectedDurationMonths * DAYS_PER_MONTH, 1),
      ended: ended.length,
      meanActualDays: mean(actualDays),
      medianActualDays: median(actualDays),
      meanRatioToPlan: mean(ratios),
      bands: Object.values(DurationBand).map((band) => ({ band, count: bands.get(band) ?? 0 })),
    },
  };
}
