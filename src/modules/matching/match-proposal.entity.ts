import { Entity, Enum, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { MatchRun } from './match-run.entity.js';
import { ExclusionKind, ProposalSource, ProposalStatus } from './matching.enums.js';

export interface StoredBreakdown {
  experience: number;
  goals: number;
  reach: number;
  practical: number;
}

export interface StoredReason {
  component: string;
  text: string;
}

/** A suggested pair awaiting a decision, or the record of one. */
@ObjectType({ implements: Node, description: 'A proposed mentor–mentee pair with its score and reasons, and the coordinator\'s decision.' })
@Entity({ tableName: 'match_proposal' })
@Index({ properties: ['programme', 'status'] })
@Index({ properties: ['run'] })
@Index({ properties: ['mentee', 'status'] })
@Index({ properties: ['mentor', 'status'] })
export class MatchProposal extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Rel<Programme>;

  @ManyToOne(() => MatchRun, { nullable: true, deleteRule: 'cascade' })
  run?: Rel<MatchRun> | null;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  mentor!: Rel<Person>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  mentee!: Rel<Person>;

  @Field(() => Float, { description: 'Compatibility score 0–100 at the time of the proposal.' })
  @Property({ type: 'real' })
  score!: number;

  @Property({ type: 'jsonb' })
  breakdown!: StoredBreakdown;

  @Property({ type: 'jsonb' })
  reasons!: StoredReason[];

  @Field(() => ProposalStatus, { description: 'Where it is in the workflow.' })
  @Enum({ items: () => ProposalStatus, nativeEnumName: 'proposal_status' })
  status: ProposalStatus & Opt = ProposalStatus.PROPOSED;

  @Field(() => ProposalSource, { description: 'Where it came from.' })
  @Enum({ items: () => ProposalSource, nativeEnumName: 'proposal_source' })
  source!: ProposalSource;

  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  decidedBy?: Rel<Person> | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When it was decided.' })
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The coordinator\'s reason (rejections, overrides).' })
  @Property({ type: 'text', nullable: true })
  decisionReason?: string | null;

  @Field(() => Boolean, { description: 'Whether a coordinator overrode the mentor\'s capacity to make this pair.' })
  @Property({ type: 'boolean' })
  capacityOverride: boolean & Opt = false;

  get globalId(): Opt<string> {
    return toGlobalId('MatchProposal', this.id);
  }
}

/** A coordinator's pin or ban on a specific pair in a programme. */
@Entity({ tableName: 'pair_rule' })
@Index({ properties: ['programme', 'kind'] })
export class PairRule extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Rel<Programme>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  mentor!: Rel<Person>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  mentee!: Rel<Person>;

  @Enum({ items: () => ExclusionKind, nativeEnumName: 'pair_rule_kind' })
  kind!: ExclusionKind;

  @Property({ type: 'text' })
  reason: string & Opt = '';

  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<Person> | null;
}
