import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { MeetingFormat, Role } from './person.enums.js';

/**
 * A person in the organisation, and a user of the product.
 * `orgPath` is the materialised chain of command ("/<ceo id>/<…>/<own id>/"): X is in Y's chain
 * iff one path is a prefix of the other, answered by an index range scan instead of a recursive walk.
 */
@ObjectType({ implements: Node, description: 'A person in the organisation: mentor, mentee, coordinator or all of these.' })
@Entity({ tableName: 'person' })
@Unique({ properties: ['organization', 'email'] })
@Index({ properties: ['organization', 'name', 'id'] })
@Index({ properties: ['organization', 'department'] })
@Index({ name: 'person_org_path_index', expression: 'create index "person_org_path_index" on "person" ("organization_id", "org_path" text_pattern_ops)' })
export class Person extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Field({ description: 'Full name.' })
  @Property({ type: 'text' })
  name!: string;

  /** Visible per the privacy rules (see PersonResolver.email). */
  @Property({ type: 'text' })
  email!: string;

  @Field({ description: 'Job title.' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => Int, { description: 'Seniority level, 1 (entry) to 10 (chief executive).' })
  @Property({ type: 'smallint' })
  level!: number;

  @Field(() => Float, { description: 'Years of professional experience.' })
  @Property({ type: 'real' })
  yearsExperience!: number;

  @Field({ description: 'Top-level part of the organisation (e.g. "Engineering").' })
  @Property({ type: 'text' })
  division!: string;

  @Field({ description: 'Department within the division.' })
  @Property({ type: 'text' })
  department!: string;

  @Field({ description: 'Team within the department.' })
  @Property({ type: 'text' })
  team!: string;

  @Field({ description: 'Office location (city).' })
  @Property({ type: 'text' })
  location!: string;

  @Field({ description: 'IANA time zone, e.g. "Europe/Berlin".' })
  @Property({ type: 'text' })
  timezone!: string;

  @Field(() => Int, { description: 'Standard UTC offset of the time zone, in minutes.' })
  @Property({ type: 'smallint' })
  utcOffsetMinutes!: number;

  @Field(() => [String], { description: 'Languages spoken (ISO 639-1), primary first.' })
  @Property({ type: 'text[]' })
  languages!: string[];

  @Field(() => MeetingFormat, { description: 'Preferred way to meet.' })
  @Enum({ items: () => MeetingFormat, nativeEnumName: 'meeting_format' })
  formatPreference: MeetingFormat & Opt = MeetingFormat.HYBRID;

  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  manager?: Rel<Person> | null;

  /** Materialised chain of command, see class comment. */
  @Property({ type: 'text' })
  orgPath!: string;

  @Field(() => Int, { description: 'Steps from the top of the organisation (0 = chief executive).' })
  @Property({ type: 'smallint' })
  depth!: number;

  @Field(() => Role, { description: 'What this person may do in the product.' })
  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role: Role & Opt = Role.MEMBER;

  @Property({ type: 'timestamptz', nullable: true })
  lastActiveAt?: Date | null;

  get globalId(): Opt<string> {
    return toGlobalId('Person', this.id);
  }
}
