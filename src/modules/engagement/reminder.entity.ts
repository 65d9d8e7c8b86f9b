import { Entity, Enum, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../base.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { ReminderKind } from './engagement.enums.js';

/**
 * A reminder that fell due. The unique key (kind, subject, recipient, due day) is what makes the
 * reminder jobs idempotent: a second run on the same day inserts nothing and emits nothing.
 */
@Entity({ tableName: 'reminder' })
@Unique({ name: 'reminder_once_unique', properties: ['kind', 'subjectId', 'recipient', 'dueOn'] })
export class Reminder extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Enum({ items: () => ReminderKind, nativeEnumName: 'reminder_kind' })
  kind!: ReminderKind;

  @Property({ type: 'text' })
  subjectType!: string;

  @Property({ type: 'uuid' })
  subjectId!: string;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  recipient!: Rel<Person>;

  /** The UTC calendar day the reminder fell due. */
  @Property({ type: 'date' })
  dueOn!: string;
}

/** Defaults used by programmes that have not set their own engagement policy. */
export interface EngagementPolicyValues {
  remindMentorAfterDays: number;
  escalateRequestAfterDays: number;
  checkInGraceDays: number;
  proposalReminderAfterDays: number;
  endingSoonDays: number;
}

export const DEFAULT_ENGAGEMENT_POLICY: Readonly<EngagementPolicyValues> = Object.freeze({
  remindMentorAfterDays: 3,
  escalateRequestAfterDays: 7,
  checkInGraceDays: 2,
  proposalReminderAfterDays: 3,
  endingSoonDays: 30,
});

/** When reminders fall due in a programme. One row per programme; absent = the defaults. */
@ObjectType({ description: 'When a programme\'s reminders and escalations fall due.' })
@Entity({ tableName: 'engagement_policy' })
export class EngagementPolicy extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Programme, { deleteRule: 'cascade', unique: true })
  programme!: Rel<Programme>;

  @Field(() => Int, { description: 'Days a request may wait before its mentor is reminded.' })
  @Property({ type: 'smallint' })
  remindMentorAfterDays: number & Opt = DEFAULT_ENGAGEMENT_POLICY.remindMentorAfterDays;

  @Field(() => Int, { description: 'Days a request may wait before coordinators are alerted (less than the request expiry).' })
  @Property({ type: 'smallint' })
  escalateRequestAfterDays: number & Opt = DEFAULT_ENGAGEMENT_POLICY.escalateRequestAfterDays;

  @Field(() => Int, { description: 'Days past the agreed cadence before both participants are reminded to check in.' })
  @Property({ type: 'smallint' })
  checkInGraceDays: number & Opt = DEFAULT_ENGAGEMENT_POLICY.checkInGraceDays;

  @Field(() => Int, { description: 'Days proposals may await approval before coordinators are reminded.' })
  @Property({ type: 'smallint' })
  proposalReminderAfterDays: number & Opt = DEFAULT_ENGAGEMENT_POLICY.proposalReminderAfterDays;

  @Field(() => Int, { description: 'Days before the expected end when both participants are asked to plan a closing conversation.' })
  @Property({ type: 'smallint' })
  endingSoonDays: number & Opt = DEFAULT_ENGAGEMENT_POLICY.endingSoonDays;
}
