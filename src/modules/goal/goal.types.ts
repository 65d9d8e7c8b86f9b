import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { ConnectionType, EdgeType } from '../../graphql/connection.js';
import { UserError } from '../../graphql/errors.js';
import { DevelopmentGoal, GoalPriority, GoalProgress, GoalStatus } from './goal.entity.js';

export const DevelopmentGoalEdge = EdgeType('DevelopmentGoal', DevelopmentGoal);
export const DevelopmentGoalConnection = ConnectionType('DevelopmentGoal', DevelopmentGoal, DevelopmentGoalEdge);

@InputType({ description: 'A new SMART development goal.' })
export class CreateGoalInput {
  @Field(() => ID, { nullable: true, description: 'Whose goal (default: the viewer). Coordinators may set goals for anyone.' })
  personId?: string | null;
  @Field({ description: 'Specific: what to achieve, 1–300 characters.' })
  title!: string;
  @Field({ description: 'Measurable: the unit progress is recorded in (e.g. "design reviews led").' })
  measure!: string;
  @Field(() => Float, { description: 'Value of the measure today.' })
  baseline!: number;
  @Field(() => Float, { description: 'Value that means achieved; must differ from the baseline.' })
  target!: number;
  @Field(() => LocalDateResolver, { description: 'Time-bound: due date.' })
  dueDate!: string;
  @Field(() => GoalPriority, { nullable: true, description: 'Priority (default MEDIUM).' })
  priority?: GoalPriority | null;
  @Field(() => [ID], { description: 'Relevant: 1–5 skills (global IDs) the goal grows.' })
  skillIds!: string[];
}

@InputType({ description: 'Changes to a goal; omitted fields stay as they are.' })
export class UpdateGoalInput {
  @Field(() => ID, { description: 'The goal.' })
  goalId!: string;
  @Field(() => String, { nullable: true, description: 'New title.' })
  title?: string | null;
  @Field(() => String, { nullable: true, description: 'New measure.' })
  measure?: string | null;
  @Field(() => Float, { nullable: true, description: 'New target.' })
  target?: number | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'New due date.' })
  dueDate?: string | null;
  @Field(() => GoalPriority, { nullable: true, description: 'New priority.' })
  priority?: GoalPriority | null;
  @Field(() => GoalStatus, { nullable: true, description: 'New status (ACTIVE ↔ ACHIEVED/ABANDONED).' })
  status?: GoalStatus | null;
  @Field(() => [ID], { nullable: true, description: 'New skill set (replaces the old one).' })
  skillIds?: string[] | null;
}

@InputType({ description: 'Record a new value of a goal\'s measure.' })
export class RecordGoalProgressInput {
  @Field(() => ID, { description: 'The goal.' })
  goalId!: string;
  @Field(() => Float, { description: 'The observed value.' })
  value!: number;
  @Field(() => String, { nullable: true, description: 'What happened (up to 2,000 characters).' })
  note?: string | null;
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When it was observed (default now; not in the future).' })
  recordedAt?: Date | null;
}

@ObjectType({ description: 'Result of a goal change.' })
export class GoalPayload {
  @Field(() => DevelopmentGoal, { nullable: true, description: 'The goal, when the change succeeded.' })
  goal?: DevelopmentGoal | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of recording progress.' })
export class RecordGoalProgressPayload {
  @Field(() => GoalProgress, { nullable: true, description: 'The new progress record.' })
  progress?: GoalProgress | null;
  @Field(() => DevelopmentGoal, { nullable: true, description: 'The goal, with its updated value and status.' })
  goal?: DevelopmentGoal | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
