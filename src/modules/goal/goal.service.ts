import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { access } from '../../graphql/access.js';
import { DomainError, UserErrorCode, userError, type UserError } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { resolvePerson } from '../person/person.service.js';
import { Skill } from '../skill/skill.entity.js';
import { DevelopmentGoal, GoalPriority, GoalProgress, GoalStatus } from './goal.entity.js';
import type { CreateGoalInput, RecordGoalProgressInput, UpdateGoalInput } from './goal.types.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ABS_VALUE = 1e12;

function text(errors: UserError[], value: string | null | undefined, max: number, field: string[], required: boolean): void {
  if (value == null) return;
  if (required && value.trim() === '') errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must not be blank.', field));
  if (value.length > max) errors.push(userError(UserErrorCode.INVALID_INPUT, `At most ${max} characters.`, field));
  if (value.includes('\u0000')) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must not contain NUL characters.', field));
}

function finite(errors: UserError[], value: number | null | undefined, field: string[]): void {
  if (value == null) return;
  if (!Number.isFinite(value) || Math.abs(value) > MAX_ABS_VALUE) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must be a finite number of reasonable size.', field));
}

async function resolveSkills(em: EntityManager, viewer: Viewer, globalIds: string[], errors: UserError[]): Promise<string[]> {
  const field = ['input', 'skillIds'];
  if (globalIds.length < 1 || globalIds.length > 5) {
    errors.push(userError(UserErrorCode.INVALID_INPUT, 'Give 1 to 5 skills.', field));
    return [];
  }
  const ids = globalIds.map((g) => fromGlobalIdOf(g, 'Skill'));
  if (ids.some((id) => id === null)) {
    errors.push(userError(UserErrorCode.INVALID_INPUT, 'Not a Skill ID.', field));
    return [];
  }
  const unique = [...new Set(ids as string[])];
  const found = await em.count(Skill, { id: { $in: unique }, organization: viewer.organizationId });
  if (found !== unique.length) errors.push(userError(UserErrorCode.NOT_FOUND, 'No such skill in your organisation.', field));
  return unique;
}

export async function createGoal(em: EntityManager, viewer: Viewer, input: CreateGoalInput, now: Date): Promise<DevelopmentGoal> {
  const person = await resolvePerson(em, viewer, input.personId, ['input', 'personId']);
  if (!access.canEditPerson(viewer, person.id)) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only the person or a coordinator may set their goals.', ['input', 'personId']);
  const errors: UserError[] = [];
  text(errors, input.title, 300, ['input', 'title'], true);
  text(errors, input.measure, 200, ['input', 'measure'], true);
  finite(errors, input.baseline, ['input', 'baseline']);
  finite(errors, input.target, ['input', 'target']);
  if (input.baseline === input.target) errors.push(userError(UserErrorCode.INVALID_INPUT, 'The target must differ from the baseline.', ['input', 'target']));
  if (!ISO_DATE.test(input.dueDate)) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Use a date like 2027-06-30.', ['input', 'dueDate']));
  const skillIds = await resolveSkills(em, viewer, input.skillIds, errors);
  if (errors.length) throw DomainError.of(errors);
  const goal = em.create(DevelopmentGoal, {
    organization: viewer.organizationId,
    person,
    title: input.title.trim(),
    measure: input.measure.trim(),
    baseline: input.baseline,
    target: input.target,
    currentValue: input.baseline,
    dueDate: input.dueDate,
    priority: input.priority ?? GoalPriority.MEDIUM,
    // The domain clock, not the wall clock: health and timelines measure from when the goal was set.
    createdAt: now,
    updatedAt: now,
  });
  for (const id of skillIds) goal.skills.add(em.getReference(Skill, id));
  await em.flush();
  return goal;
}

export async function findGoal(em: EntityManager, viewer: Viewer, globalId: string): Promise<DevelopmentGoal> {
  const id = fromGlobalIdOf(globalId, 'DevelopmentGoal');
  if (!id) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a DevelopmentGoal ID.', ['input', 'goalId']);
  const goal = await em.findOne(DevelopmentGoal, { id, organization: viewer.organizationId });
  // Someone else's goal is reported as missing, not forbidden: its existence is private too.
  if (!goal || !access.canSeeGoalsOf(viewer, goal.person.id)) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such goal.', ['input', 'goalId']);
  return goal;
}

export async function updateGoal(em: EntityManager, viewer: Viewer, input: UpdateGoalInput, now: Date): Promise<DevelopmentGoal> {
  const goal = await findGoal(em, viewer, input.goalId);
  const errors: UserError[] = [];
  text(errors, input.title, 300, ['input', 'title'], true);
  text(errors, input.measure, 200, ['input', 'measure'], true);
  finite(errors, input.target, ['input', 'target']);
  if (input.target != null && input.target === goal.baseline) errors.push(userError(UserErrorCode.INVALID_INPUT, 'The target must differ from the baseline.', ['input', 'target']));
  if (input.dueDate != null && !ISO_DATE.test(input.dueDate)) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Use a date like 2027-06-30.', ['input', 'dueDate']));
  const skillIds = input.skillIds ? await resolveSkills(em, viewer, input.skillIds, errors) : null;
  if (errors.length) throw DomainError.of(errors);
  if (input.title != null) goal.title = input.title.trim();
  if (input.measure != null) goal.measure = input.measure.trim();
  if (input.target != null) goal.target = input.target;
  if (input.dueDate != null) goal.dueDate = input.dueDate;
  if (input.priority != null) goal.priority = input.priority;
  if (input.status != null && input.status !== goal.status) {
    goal.status = input.status;
    goal.achievedAt = input.status === GoalStatus.ACHIEVED ? now : null;
  }
  if (skillIds) {
    await goal.skills.init();
    goal.skills.set(skillIds.map((id) => em.getReference(Skill, id)));
  }
  await em.flush();
  return goal;
}

/** Progress is append-only history; the goal keeps the latest value and is marked achieved when it reaches the target. */
export async function recordGoalProgress(em: EntityManager, viewer: Viewer, input: RecordGoalProgressInput, now: Date): Promise<{ goal: DevelopmentGoal; progress: GoalProgress }> {
  const goal = await findGoal(em, viewer, input.goalId);
  const errors: UserError[] = [];
  finite(errors, input.value, ['input', 'value']);
  text(errors, input.note, 2000, ['input', 'note'], false);
  const at = input.recordedAt ?? now;
  if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + 60_000) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Cannot record progress in the future.', ['input', 'recordedAt']));
  if (goal.status === GoalStatus.ABANDONED) errors.push(userError(UserErrorCode.ILLEGAL_TRANSITION, 'The goal was abandoned; reactivate it first.', ['input', 'goalId']));
  if (errors.length) throw DomainError.of(errors);
  // Back-filled (older) values join the history without replacing the current value.
  const latest = await em.findOne(GoalProgress, { goal }, { orderBy: { recordedAt: 'desc' } });
  const progress = em.create(GoalProgress, { organization: viewer.organizationId, goal, value: input.value, note: input.note ?? '', recordedAt: at, recordedBy: viewer.personId });
  if (!latest || latest.recordedAt.getTime() <= at.getTime()) goal.currentValue = input.value;
  const reached = goal.target >= goal.baseline ? goal.currentValue >= goal.target : goal.currentValue <= goal.target;
  if (reached && goal.status === GoalStatus.ACTIVE) {
    goal.status = GoalStatus.ACHIEVED;
    goal.achievedAt = at;
  }
  await em.flush();
  return { goal, progress };
}
