import { Entity, Enum, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { MatchProposal } from '../matching/match-proposal.entity.js';
import { MeetingFormat } from '../person/person.enums.js';
import { EndReason, MentorshipStatus } from './mentorship.enums.js';

export interface Agreement {
  goalIds: string[];
  cadenceDays: number;
  format: MeetingFormat;
  confidentialityAcknowledged: boolean;
  signedByMentorAt: string | null;
  signedByMenteeAt: string | null;
}

export interface PauseInterval {
  from: string;
  to: string | null;
}

/**
 * A running (or finished) mentoring relationship. A mentee has at most one live (ACTIVE or
 * PAUSED) mentorship per programme — a partial unique index enforces it, so two coordinators
 * approving different mentors for the same mentee at once cannot both succeed.
 */
@ObjectType({ implements: Node, description: 'A mentoring relationship between a mentor and a mentee in a programme.' })
@Entity({ tableName: 'mentorship' })
@Index({ properties: ['programme', 'status'] })
@Index({ properties: ['mentor', 'status'] })
@Index({ properties: ['mentee', 'status'] })
@Index({
  name: 'mentorship_one_live_per_mentee',
  expression: `create unique index "mentorship_one_live_per_mentee" on "mentorship" ("programme_id", "mentee_id") where "status" in ('ACTIVE', 'PAUSED')`,
})
export class Mentorship extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Rel<Programme>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  mentor!: Rel<Person>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  mentee!: Rel<Person>;

  @ManyToOne(() => MatchProposal, { nullable: true, deleteRule: 'set null' })
  proposal?: Rel<MatchProposal> | null;

  @Field(() => MentorshipStatus, { description: 'Lifecycle status.' })
  @Enum({ items: () => MentorshipStatus, nativeEnumName: 'mentorship_status' })
  status: MentorshipStatus & Opt = MentorshipStatus.ACTIVE;

  @Property({ type: 'jsonb', nullable: true })
  agreement?: Agreement | null;

  @Field(() => DateTimeISOResolver, { description: 'When the relationship started (approval).' })
  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Field(() => DateTimeISOResolver, { description: 'When it is expected to end (programme length; 9 months for mentoring by default).' })
  @Property({ type: 'timestamptz' })
  expectedEndAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When it ended.' })
  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date | null;

  @Field(() => EndReason, { nullable: true, description: 'Why it ended early.' })
  @Enum({ items: () => EndReason, nativeEnumName: 'end_reason', nullable: true })
  endReason?: EndReason | null;

  /** Shared with both participants; never the private reflections. */
  @Property({ type: 'text', nullable: true })
  endNote?: string | null;

  /** Closing reflections: each visible to its author only. */
  @Property({ type: 'text', nullable: true })
  mentorReflection?: string | null;

  @Property({ type: 'text', nullable: true })
  menteeReflection?: string | null;

  @Property({ type: 'jsonb' })
  pauses: PauseInterval[] & Opt = [];

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when changing the mentorship.' })
  @Property({ version: true, type: 'integer' })
  version: number & Opt = 1;

  get globalId(): Opt<string> {
    return toGlobalId('Mentorship', this.id);
  }
}
