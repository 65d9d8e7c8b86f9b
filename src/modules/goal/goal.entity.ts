import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Skill } from '../skill/skill.entity.js';

export enum GoalStatus {
  ACTIVE = 'ACTIVE',
  ACHIEVED = 'ACHIEVED',
  ABANDONED = 'ABANDONED',
}
registerEnumType(GoalStatus, { name: 'GoalStatus', description: 'Where a development goal stands.' });

export enum GoalPriority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(GoalPriority, { name: 'GoalPriority', description: 'How much a goal matters to its owner; weighs it in matching.' });

export const PRIORITY_WEIGHT: Record<GoalPriority, number> = { LOW: 1, MEDIUM: 2, HIGH: 3 };

/** A SMART development goal: specific skill(s), a measure, a baseline, a target and a due date. */
@ObjectType({ implements: Node, description: 'A SMART development goal: what to grow, how it is measured, from where to where, by when.' })
@Entity({ tableName: 'development_goal' })
@Index({ properties: ['person', 'status'] })
export class DevelopmentGoal extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  person!: Rel<Person>;

  @Field({ description: 'What the person wants to achieve.' })
  @Property({ type: 'text' })
  title!: string;

  @Field({ description: 'How progress is measured (the unit of baseline, target and progress values).' })
  @Property({ type: 'text' })
  measure!: string;

  @Field(() => Float, { description: 'Value of the measure when the goal was set.' })
  @Property({ type: 'double precision' })
  baseline!: number;

  @Field(() => Float, { description: 'Value that means the goal is achieved.' })
  @Property({ type: 'double precision' })
  target!: number;

  @Field(() => Float, { description: 'Latest recorded value (the baseline until progress is recorded).' })
  @Property({ type: 'double precision' })
  currentValue!: number;

  @Field(() => LocalDateResolver, { description: 'When the goal should be achieved.' })
  @Property({ type: 'date' })
  dueDate!: string;

  @Field(() => GoalStatus, { description: 'Active, achieved or abandoned.' })
  @Enum({ items: () => GoalStatus, nativeEnumName: 'goal_status' })
  status: GoalStatus & Opt = GoalStatus.ACTIVE;

  @Field(() => GoalPriority, { description: 'How much it matters; weighs the goal in matching.' })
  @Enum({ items: () => GoalPriority, nativeEnumName: 'goal_priority' })
  priority: GoalPriority & Opt = GoalPriority.MEDIUM;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the goal was achieved.' })
  @Property({ type: 'timestamptz', nullable: true })
  achievedAt?: Date | null;

  @ManyToMany(() => Skill, undefined, { pivotTable: 'development_goal_skill', owner: true })
  skills = new Collection<Skill>(this);

  get globalId(): Opt<string> {
    return toGlobalId('DevelopmentGoal', this.id);
  }
}

/** One measurement of a goal's progress. */
@ObjectType({ implements: Node, description: 'A recorded value of a goal\'s measure, with a note.' })
@Entity({ tableName: 'goal_progress' })
@Index({ properties: ['goal', 'recordedAt'] })
export class GoalProgress extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => DevelopmentGoal, { deleteRule: 'cascade' })
  goal!: Rel<DevelopmentGoal>;

  @Field(() => Float, { description: 'Value of the goal\'s measure.' })
  @Property({ type: 'double precision' })
  value!: number;

  @Field(() => String, { description: 'What happened.' })
  @Property({ type: 'text' })
  note: string & Opt = '';

  @Field(() => DateTimeISOResolver, { description: 'When the value was observed.' })
  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  recordedBy?: Rel<Person> | null;

  get globalId(): Opt<string> {
    return toGlobalId('GoalProgress', this.id);
  }
}
