import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { type Context, requireViewer } from '../../graphql/context.js';
import { access } from '../../graphql/access.js';
import { runMutation } from '../../graphql/errors.js';
import { DevelopmentGoal, GoalProgress } from '../goal/goal.entity.js';
import { Person } from '../person/person.entity.js';
import type { PersonRecord } from '../person/person.record.js';
import { Skill } from '../skill/skill.entity.js';
import { SkillAssessment } from './check-in.entity.js';
import { Mentorship } from './mentorship.entity.js';
import { EndReason, MentorshipStatus, ParticipantRole } from './mentorship.enums.js';
import { TimelineEntryKind } from './health.enums.js';
import { RecordSkillAssessmentInput } from './mentorship.inputs.js';
import {
  GoalAchievedEntry,
  GoalProgressEntry,
  GoalSetEntry,
  MentorshipEndedEntry,
  MentorshipStartedEntry,
  RecordSkillAssessmentPayload,
  SkillAssessedEntry,
  TimelineEntryConnection,
  type TimelineEntry,
} from './mentorship.types.js';
import { recordSkillAssessment } from './mentorship.service.js';
import { goalInScope } from './mentorship-health.service.js';
import { viewerCanSee } from './mentorship.loaders.js';
import { timelinePage, type TimelineRow } from './timeline.service.js';

function fractionOfTarget(goal: DevelopmentGoal, value: number): number {
  const span = goal.target - goal.baseline;
  if (span === 0) return 1;
  return Math.min(1, Math.max(0, (value - goal.baseline) / span));
}

async function loadAll<T extends { id: string }>(ctx: Context, entity: new (...args: never[]) => T, ids: readonly string[]): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.loaders.byId(entity).loadMany([...new Set(ids)]);
  return new Map(rows.filter((r): r is T => r instanceof entity).map((r) => [r.id, r]));
}

@Resolver(() => Person)
export class DevelopmentTimelineResolver {
  @FieldResolver(() => TimelineEntryConnection, {
    nullable: true,
    description: 'The person\'s development over the years, oldest first, across programmes: goals set, progress and achieved, skill assessments, mentorships started and ended. Visible to the person and coordinators; null for others.',
  })
  async developmentTimeline(
    @Root() person: PersonRecord,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
  ): Promise<TimelineEntryConnection | null> {
    const viewer = requireViewer(ctx);
    if (!access.canSeeGoalsOf(viewer, person.id)) return null;
    const page = await timelinePage(ctx.em, viewer.organizationId, person.id, { first, after });
    const ids = (kinds: TimelineEntryKind[]) => page.rows.filter((r) => kinds.includes(r.kind)).map((r) => r.id);
    // One statement per kind of object on the page, all issued in the same tick.
    const [goals, progress, assessments, mentorships] = await Promise.all([
      loadAll(ctx, DevelopmentGoal, [
        ...ids([TimelineEntryKind.GOAL_SET, TimelineEntryKind.GOAL_ACHIEVED]),
        ...page.rows.filter((r) => r.kind === TimelineEntryKind.GOAL_PROGRESS).map((r) => r.goalId!),
      ]),
      loadAll(ctx, GoalProgress, ids([TimelineEntryKind.GOAL_PROGRESS])),
      loadAll(ctx, SkillAssessment, ids([TimelineEntryKind.SKILL_ASSESSED])),
      loadAll(ctx, Mentorship, ids([TimelineEntryKind.MENTORSHIP_STARTED, TimelineEntryKind.MENTORSHIP_ENDED])),
    ]);
    const need = <T>(map: Map<string, T>, id: string): T => {
      const v = map.get(id);
      if (!v) throw new Error(`timeline row ${id} vanished`);
      return v;
    };
    const entry = (row: TimelineRow, cursor: string): TimelineEntry => {
      const base = { at: row.at, kind: row.kind, cursor };
      switch (row.kind) {
        case TimelineEntryKind.GOAL_SET:
          return Object.assign(new GoalSetEntry(), base, { goal: need(goals, row.id) });
        case TimelineEntryKind.GOAL_ACHIEVED:
          return Object.assign(new GoalAchievedEntry(), base, { goal: need(goals, row.id) });
        case TimelineEntryKind.GOAL_PROGRESS: {
          const p = need(progress, row.id);
          const goal = need(goals, row.goalId!);
          return Object.assign(new GoalProgressEntry(), base, { goal, progress: p, value: p.value, fractionOfTarget: fractionOfTarget(goal, p.value) });
        }
        case TimelineEntryKind.SKILL_ASSESSED: {
          const a = need(assessments, row.id);
          return Object.assign(new SkillAssessedEntry(), base, { assessment: a, level: a.level, previousLevel: row.previousLevel, source: a.source });
        }
        case TimelineEntryKind.MENTORSHIP_STARTED:
          return Object.assign(new MentorshipStartedEntry(), base, { mentorship: need(mentorships, row.id), role: row.role ?? ParticipantRole.MENTEE });
        case TimelineEntryKind.MENTORSHIP_ENDED: {
          const m = need(mentorships, row.id);
          return Object.assign(new MentorshipEndedEntry(), base, {
            mentorship: m,
            role: row.role ?? ParticipantRole.MENTEE,
            outcome: m.status as MentorshipStatus,
            endReason: (m.endReason ?? null) as EndReason | null,
          });
        }
      }
    };
    const nodes = page.rows.map((r, i) => entry(r, page.cursors[i]!));
    return {
      edges: nodes.map((node) => ({ node, cursor: node.cursor })),
      nodes,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: page.cursors[0] ?? null, endCursor: page.cursors[page.cursors.length - 1] ?? null },
    };
  }
}

@Resolver(() => DevelopmentGoal)
export class GoalMentorshipsResolver {
  @FieldResolver(() => [Mentorship], { description: 'The mentorships this goal was worked on in (in the agreed scope, or open while a mentorship ran before goals were agreed) that you may see, oldest first.' })
  async mentorships(@Root() goal: DevelopmentGoal, @Ctx() ctx: Context): Promise<Mentorship[]> {
    const all = await ctx.loaders.manyBy(Mentorship, 'mentee', { startedAt: 'asc', id: 'asc' }).load(goal.person.id);
    const record = { id: goal.id, personId: goal.person.id, createdAt: goal.createdAt, achievedAt: goal.achievedAt ?? null };
    return all.filter((m) => goalInScope(m, record) && viewerCanSee(ctx, m));
  }
}

@Resolver(() => SkillAssessment)
export class SkillAssessmentResolver {
  @FieldResolver(() => Person, { description: 'Whose skill.' })
  async person(@Root() a: SkillAssessment, @Ctx() ctx: Context): Promise<Person> {
    const p = await ctx.loaders.byId(Person).load(a.person.id);
    if (!p) throw new Error(`person ${a.person.id} vanished`);
    return p;
  }

  @FieldResolver(() => Skill, { description: 'The skill.' })
  async skill(@Root() a: SkillAssessment, @Ctx() ctx: Context): Promise<Skill> {
    const s = await ctx.loaders.byId(Skill).load(a.skill.id);
    if (!s) throw new Error(`skill ${a.skill.id} vanished`);
    return s;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Who assessed it.' })
  async assessedBy(@Root() a: SkillAssessment, @Ctx() ctx: Context): Promise<Person | null> {
    return a.assessedBy ? ctx.loaders.byId(Person).load(a.assessedBy.id) : null;
  }

  @Mutation(() => RecordSkillAssessmentPayload, { nullable: true, description: 'Record a skill level: your own (SELF), someone in your chain of command (MANAGER), or someone you mentor or mentored (MENTOR).' })
  async recordSkillAssessment(@Ctx() ctx: Context, @Arg('input', () => RecordSkillAssessmentInput) input: RecordSkillAssessmentInput): Promise<RecordSkillAssessmentPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ assessment: await recordSkillAssessment(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }
}
