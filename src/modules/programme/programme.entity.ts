import { Embeddable, Embedded, Entity, Enum, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { ProgrammeKind, ProgrammeStatus } from './programme.enums.js';

/** Relative importance of the scoring components. Need not sum to 1: the engine normalises. */
@ObjectType({ description: 'Relative weights of the four score components. They need not sum to 1; the total is normalised by their sum.' })
@Embeddable()
export class ScoreWeights {
  @Field(() => Float, { description: 'Weight of the experience component (level gap and years).' })
  @Property({ type: 'real' })
  experience: number & Opt = 0.25;

  @Field(() => Float, { description: 'Weight of how well the mentor covers the mentee\'s development goals.' })
  @Property({ type: 'real' })
  goals: number & Opt = 0.4;

  @Field(() => Float, { description: 'Weight of reach: how far outside the mentee\'s corner of the organisation the mentor sits.' })
  @Property({ type: 'real' })
  reach: number & Opt = 0.2;

  @Field(() => Float, { description: 'Weight of practical fit: time-zone overlap, language, format.' })
  @Property({ type: 'real' })
  practical: number & Opt = 0.15;
}

/** How a programme matches people. Validated on every write (see programme.service.ts). */
@ObjectType({ description: 'How a programme scores and matches people.' })
@Embeddable()
export class MatchingPolicy {
  @Field(() => ScoreWeights, { description: 'Component weights.' })
  @Embedded(() => ScoreWeights, { prefix: 'weight_' })
  weights: ScoreWeights & Opt = new ScoreWeights();

  @Field(() => Int, { description: 'Ideal level gap between mentor and mentee; the experience score peaks here.' })
  @Property({ type: 'smallint' })
  idealLevelGap: number & Opt = 2;

  @Field(() => Int, { description: 'Minimum level gap (mentor above mentee; for REVERSE programmes, mentee above mentor). Pairs below it are never made.' })
  @Property({ type: 'smallint' })
  minLevelGap: number & Opt = 1;

  @Field(() => Float, { description: 'Pairs scoring below this (0–100) are never suggested or matched.' })
  @Property({ type: 'real' })
  minScore: number & Opt = 30;

  @Field(() => Int, { description: 'Default number of mentees a mentor takes when their enrolment does not say.' })
  @Property({ type: 'smallint' })
  defaultMentorCapacity: number & Opt = 2;

  @Field(() => Boolean, { description: 'Whether a coordinator must approve proposals before a mentorship starts.' })
  @Property({ type: 'boolean' })
  requiresApproval: boolean & Opt = true;

  @Field(() => Boolean, { description: 'Whether mentees may request a mentor themselves.' })
  @Property({ type: 'boolean' })
  menteesMayRequest: boolean & Opt = true;

  @Field(() => Boolean, { description: 'Whether pairs inside the chain of command are allowed (some coaching programmes allow it).' })
  @Property({ type: 'boolean' })
  allowChainOfCommand: boolean & Opt = false;

  @Field(() => Int, { description: 'Days after which an unanswered mentor request expires.' })
  @Property({ type: 'smallint' })
  requestExpiryDays: number & Opt = 14;

  @Field(() => Int, { description: 'How many pending requests a mentee may hold at once.' })
  @Property({ type: 'smallint' })
  maxPendingRequests: number & Opt = 3;
}

@ObjectType({ implements: Node, description: 'A mentoring programme: a cohort with its policy, participants and relationships.' })
@Entity({ tableName: 'programme' })
export class Programme extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Field({ description: 'Display name.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'What the programme is for and its measures of success.' })
  @Property({ type: 'text' })
  description: string & Opt = '';

  @Field(() => ProgrammeKind, { description: 'Kind of relationship.' })
  @Enum({ items: () => ProgrammeKind, nativeEnumName: 'programme_kind' })
  kind!: ProgrammeKind;

  @Field(() => ProgrammeStatus, { description: 'Where the programme is in its cycle.' })
  @Enum({ items: () => ProgrammeStatus, nativeEnumName: 'programme_status' })
  status: ProgrammeStatus & Opt = ProgrammeStatus.OPEN;

  @Field(() => Int, { description: 'Expected length of a relationship in months (mentoring: 9–12).' })
  @Property({ type: 'smallint' })
  expectedDurationMonths!: number;

  @Field(() => Int, { description: 'Agreed days between check-ins.' })
  @Property({ type: 'smallint' })
  checkInCadenceDays!: number;

  @Field(() => MatchingPolicy, { description: 'How the programme scores and matches.' })
  @Embedded(() => MatchingPolicy, { prefix: 'policy_' })
  policy: MatchingPolicy & Opt = new MatchingPolicy();

  get globalId(): Opt<string> {
    return toGlobalId('Programme', this.id);
  }
}
