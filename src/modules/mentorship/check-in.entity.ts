import { Entity, Enum, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { MeetingFormat } from '../person/person.enums.js';
import { Mentorship } from './mentorship.entity.js';
import { AssessmentSource, ParticipantRole } from './mentorship.enums.js';
import { Skill } from '../skill/skill.entity.js';

/** A meeting of the pair. The shared note is visible to both participants, not to coordinators. */
@ObjectType({ implements: Node, description: 'A logged meeting of a mentoring pair.' })
@Entity({ tableName: 'check_in' })
@Index({ properties: ['mentorship', 'heldAt'] })
export class CheckIn extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Mentorship, { deleteRule: 'cascade' })
  mentorship!: Rel<Mentorship>;

  @Field(() => DateTimeISOResolver, { description: 'When the meeting took place.' })
  @Property({ type: 'timestamptz' })
  heldAt!: Date;

  @Field(() => Int, { description: 'Length in minutes.' })
  @Property({ type: 'smallint' })
  durationMinutes!: number;

  @Field(() => MeetingFormat, { description: 'How they met.' })
  @Enum({ items: () => MeetingFormat, nativeEnumName: 'meeting_format' })
  format!: MeetingFormat;

  @Field(() => [String], { description: 'Topics discussed.' })
  @Property({ type: 'text[]' })
  topics: string[] & Opt = [];

  @Property({ type: 'uuid[]' })
  goalIds: string[] & Opt = [];

  @Property({ type: 'text', nullable: true })
  sharedNote?: string | null;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  loggedBy!: Rel<Person>;

  get globalId(): Opt<string> {
    return toGlobalId('CheckIn', this.id);
  }
}

/** A private pulse answer. Only its author ever sees the rating per answer and the text. */
@ObjectType({ implements: Node, description: 'One of your own private pulse answers. Only its author can ever read it; the other participant and coordinators see only whether a pulse was answered and aggregates.' })
@Entity({ tableName: 'pulse_survey' })
@Index({ properties: ['mentorship', 'answeredAt'] })
export class PulseSurvey extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Mentorship, { deleteRule: 'cascade' })
  mentorship!: Rel<Mentorship>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  author!: Rel<Person>;

  @Field(() => ParticipantRole, { description: 'The side you answered as.' })
  @Enum({ items: () => ParticipantRole, nativeEnumName: 'participant_role' })
  authorRole!: ParticipantRole;

  @Field(() => Int, { description: 'Your rating of the relationship, 1 (poor) to 5 (excellent).' })
  @Property({ type: 'smallint' })
  rating!: number;

  @Field(() => Boolean, { nullable: true, description: 'Your answer to "is this helping me grow?"; null when not answered.' })
  @Property({ type: 'boolean', nullable: true })
  helping?: boolean | null;

  /** Exposed as `text` by a field resolver that checks the author again. */
  @Property({ type: 'text', nullable: true })
  privateText?: string | null;

  @Field(() => DateTimeISOResolver, { description: 'When you answered.' })
  @Property({ type: 'timestamptz' })
  answeredAt!: Date;

  get globalId(): Opt<string> {
    return toGlobalId('PulseSurvey', this.id);
  }
}

/** A private flag that the relationship needs support beyond mentoring; coordinators learn only that one exists. */
@Entity({ tableName: 'support_flag' })
@Index({ properties: ['mentorship', 'resolvedAt'] })
export class SupportFlag extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Mentorship, { deleteRule: 'cascade' })
  mentorship!: Rel<Mentorship>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  raisedBy!: Rel<Person>;

  @Property({ type: 'text', nullable: true })
  privateText?: string | null;

  @Property({ type: 'timestamptz' })
  raisedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;
}

/** Daily health record of a mentorship, for trends. One per mentorship per day. */
@Entity({ tableName: 'health_snapshot' })
@Index({ name: 'health_snapshot_day_unique', expression: 'create unique index "health_snapshot_day_unique" on "health_snapshot" ("mentorship_id", "day")' })
export class HealthSnapshot extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Mentorship, { deleteRule: 'cascade' })
  mentorship!: Rel<Mentorship>;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'smallint' })
  score!: number;

  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'jsonb' })
  components!: unknown;
}

/** A skill level observed at a point in time, by someone. */
@ObjectType({ implements: Node, description: 'A skill level assessed at a point in time (self, mentor or manager).' })
@Entity({ tableName: 'skill_assessment' })
@Index({ properties: ['person', 'assessedAt'] })
export class SkillAssessment extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  person!: Rel<Person>;

  @ManyToOne(() => Skill, { deleteRule: 'cascade' })
  skill!: Rel<Skill>;

  @Field(() => Int, { description: 'Assessed level 1–5.' })
  @Property({ type: 'smallint' })
  level!: number;

  @Field(() => AssessmentSource, { description: 'Who assessed it.' })
  @Enum({ items: () => AssessmentSource, nativeEnumName: 'assessment_source' })
  source!: AssessmentSource;

  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  assessedBy?: Rel<Person> | null;

  @Field(() => DateTimeISOResolver, { description: 'When.' })
  @Property({ type: 'timestamptz' })
  assessedAt!: Date;

  get globalId(): Opt<string> {
    return toGlobalId('SkillAssessment', this.id);
  }
}
