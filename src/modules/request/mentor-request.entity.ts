import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { MatchProposal } from '../matching/match-proposal.entity.js';
import { Mentorship } from '../mentorship/mentorship.entity.js';
import { DeclineReason, MentorRequestStatus } from './request.enums.js';

/**
 * A mentee asking a specific mentor. PENDING until the mentor answers, the mentee withdraws, the
 * programme's expiry passes, or the mentee is matched elsewhere; every other status is final.
 * A partial unique index allows one pending request per (programme, mentee, mentor).
 */
@ObjectType({ implements: Node, description: 'A mentee\'s request to a mentor. Visible to the two of them and to coordinators (who never see the message).' })
@Entity({ tableName: 'mentor_request' })
@Index({ properties: ['mentee', 'status'] })
@Index({ properties: ['mentor', 'status'] })
@Index({ properties: ['programme', 'status', 'createdAt'] })
@Index({ name: 'mentor_request_pending_expiry_index', expression: 'create index "mentor_request_pending_expiry_index" on "mentor_request" ("expires_at") where "status" = \'PENDING\'' })
@Index({
  name: 'mentor_request_one_pending_per_pair',
  expression: 'create unique index "mentor_request_one_pending_per_pair" on "mentor_request" ("programme_id", "mentee_id", "mentor_id") where "status" = \'PENDING\'',
})
export class MentorRequest extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Rel<Programme>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  mentee!: Rel<Person>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  mentor!: Rel<Person>;

  @Field(() => MentorRequestStatus, { description: 'Where the request stands.' })
  @Enum({ items: () => MentorRequestStatus, nativeEnumName: 'mentor_request_status' })
  status: MentorRequestStatus & Opt = MentorRequestStatus.PENDING;

  /** The mentee's note to the mentor: the two of them only. */
  @Property({ type: 'text', nullable: true })
  message?: string | null;

  @Field(() => Float, { description: 'Compatibility score 0–100 when the request was made.' })
  @Property({ type: 'real' })
  score!: number;

  @Field(() => DateTimeISOResolver, { description: 'When it expires if nobody answers (the programme\'s `requestExpiryDays`).' })
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When it left PENDING.' })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Field(() => DeclineReason, { nullable: true, description: 'Why the mentor declined.' })
  @Enum({ items: () => DeclineReason, nativeEnumName: 'decline_reason', nullable: true })
  declineReason?: DeclineReason | null;

  /** The mentor's note to the mentee: the two of them only. */
  @Property({ type: 'text', nullable: true })
  declineNote?: string | null;

  @ManyToOne(() => MatchProposal, { nullable: true, deleteRule: 'set null' })
  proposal?: Rel<MatchProposal> | null;

  @ManyToOne(() => Mentorship, { nullable: true, deleteRule: 'set null' })
  mentorship?: Rel<Mentorship> | null;

  get globalId(): Opt<string> {
    return toGlobalId('MentorRequest', this.id);
  }
}

/** A coordinator's decision that a mentee gets no match in this cohort: it takes them off the manual-match queue. */
@Entity({ tableName: 'no_match_decision' })
@Unique({ properties: ['programme', 'mentee'] })
export class NoMatchDecision extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Rel<Programme>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  mentee!: Rel<Person>;

  /** Coordinators' working note; never shown to the mentee. */
  @Property({ type: 'text' })
  note: string & Opt = '';

  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  decidedBy?: Rel<Person> | null;

  @Property({ type: 'timestamptz' })
  decidedAt!: Date;
}
