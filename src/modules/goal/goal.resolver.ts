import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DevelopmentGoal, GoalProgress, GoalStatus } from './goal.entity.js';
import { CreateGoalInput, DevelopmentGoalConnection, GoalPayload, RecordGoalProgressInput, RecordGoalProgressPayload, UpdateGoalInput } from './goal.types.js';
import { createGoal, recordGoalProgress, updateGoal } from './goal.service.js';
import { Person } from '../person/person.entity.js';
import { Skill } from '../skill/skill.entity.js';
import { type Context, isCoordinator, requireViewer } from '../../graphql/context.js';
import { paginate } from '../../graphql/paginate.js';
import { badUserInput, runMutation } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import type { ConnectionShape } from '../../graphql/connection.js';

@Resolver(() => DevelopmentGoal)
export class GoalResolver {
  @Query(() => DevelopmentGoalConnection, { description: 'Development goals, by due date. Members see their own; coordinators anyone\'s.' })
  async goals(
    @Ctx() ctx: Context,
    @Arg('personId', () => ID, { nullable: true, description: 'Whose goals (default: the viewer\'s; coordinators may pass anyone).' }) personId: string | null,
    @Arg('status', () => GoalStatus, { nullable: true, description: 'Only goals in this status.' }) status: GoalStatus | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
  ): Promise<ConnectionShape<DevelopmentGoal>> {
    const viewer = requireViewer(ctx);
    const owner = personId == null ? viewer.personId : fromGlobalIdOf(personId, 'Person');
    if (!owner) throw badUserInput('"personId" is not a Person ID.');
    const where: Record<string, unknown> = { organization: viewer.organizationId, person: owner };
    // Other people's goals are private: a member asking for someone else's simply gets none.
    if (owner !== viewer.personId && !isCoordinator(viewer)) where.id = { $in: [] };
    if (status) where.status = status;
    return paginate(ctx.em, DevelopmentGoal, where, { keys: [{ field: 'dueDate', type: 'string' }, { field: 'id', type: 'string' }] }, { first, after });
  }

  @FieldResolver(() => Person, { description: 'Whose goal it is.' })
  async person(@Root() goal: DevelopmentGoal, @Ctx() ctx: Context): Promise<Person> {
    const p = await ctx.loaders.byId(Person).load(goal.person.id);
    if (!p) throw new Error(`person ${goal.person.id} vanished`);
    return p;
  }

  @FieldResolver(() => [Skill], { description: 'Skills the goal grows.' })
  async skills(@Root() goal: DevelopmentGoal, @Ctx() ctx: Context): Promise<Skill[]> {
    const skillIds = await ctx.loaders
      .custom<string, string[]>('goal.skillIds', async (goalIds) => {
        const rows: { development_goal_id: string; skill_id: string }[] = await ctx.em
          .getKnex()
          .raw('select development_goal_id, skill_id from development_goal_skill where development_goal_id = any(?)', [[...goalIds]])
          .then((r: { rows: { development_goal_id: string; skill_id: string }[] }) => r.rows);
        const map = new Map<string, string[]>();
        for (const r of rows) map.set(r.development_goal_id, [...(map.get(r.development_goal_id) ?? []), r.skill_id]);
        return goalIds.map((id) => map.get(id) ?? []);
      })
      .load(goal.id);
    const skills = await ctx.loaders.byId(Skill).loadMany(skillIds);
    return skills.filter((s): s is Skill => s instanceof Skill).sort((a, b) => a.name.localeCompare(b.name));
  }

  @FieldResolver(() => [GoalProgress], { description: 'Recorded values, oldest first: the history to draw against baseline and target.' })
  async progress(@Root() goal: DevelopmentGoal, @Ctx() ctx: Context): Promise<GoalProgress[]> {
    return ctx.loaders.manyBy(GoalProgress, 'goal', { recordedAt: 'asc', id: 'asc' }).load(goal.id);
  }

  @FieldResolver(() => Float, { description: 'How far from baseline to target the current value is, 0–1 (clamped).' })
  progressFraction(@Root() goal: DevelopmentGoal): number {
    const span = goal.target - goal.baseline;
    if (span === 0) return 1;
    return Math.min(1, Math.max(0, (goal.currentValue - goal.baseline) / span));
  }

  @Mutation(() => GoalPayload, { nullable: true, description: 'Set a SMART development goal (your own, or anyone\'s for coordinators).' })
  async createGoal(@Ctx() ctx: Context, @Arg('input', () => CreateGoalInput) input: CreateGoalInput): Promise<GoalPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ goal: await createGoal(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => GoalPayload, { nullable: true, description: 'Change a goal, or mark it achieved or abandoned.' })
  async updateGoal(@Ctx() ctx: Context, @Arg('input', () => UpdateGoalInput) input: UpdateGoalInput): Promise<GoalPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ goal: await updateGoal(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => RecordGoalProgressPayload, { nullable: true, description: 'Record a new value of a goal\'s measure; reaching the target marks it achieved.' })
  async recordGoalProgress(@Ctx() ctx: Context, @Arg('input', () => RecordGoalProgressInput) input: RecordGoalProgressInput): Promise<RecordGoalProgressPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ ...(await recordGoalProgress(ctx.em, viewer, input, ctx.now())), userErrors: [] }));
  }
}

@Resolver(() => GoalProgress)
export class GoalProgressResolver {
  @FieldResolver(() => Person, { nullable: true, description: 'Who recorded it.' })
  async recordedBy(@Root() p: GoalProgress, @Ctx() ctx: Context): Promise<Person | null> {
    return p.recordedBy ? ctx.loaders.byId(Person).load(p.recordedBy.id) : null;
  }
}
