import { Entity, Enum, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { MatchRunStatus } from './matching.enums.js';

/** One optimisation of a whole programme. Its proposals are written atomically when it succeeds. */
@ObjectType({ implements: Node, description: 'A run of the programme matcher: exact capacitated assignment, maximising matched mentees first and total score second.' })
@Entity({ tableName: 'match_run' })
@Index({ properties: ['programme', 'createdAt'] })
export class MatchRun extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Rel<Programme>;

  @Field(() => MatchRunStatus, { description: 'Where the run is.' })
  @Enum({ items: () => MatchRunStatus, nativeEnumName: 'match_run_status' })
  status: MatchRunStatus & Opt = MatchRunStatus.QUEUED;

  @Field(() => String, { description: 'Solver used, e.g. "exact-primal-dual+pruning".' })
  @Property({ type: 'text' })
  algorithm: string & Opt = 'exact';

  @Field(() => Float, { description: 'Progress 0–1 while running.' })
  @Property({ type: 'real' })
  progress: number & Opt = 0;

  @Field(() => String, { description: 'What the run is doing now (loading, scoring, solving, writing).' })
  @Property({ type: 'text' })
  phase: string & Opt = 'queued';

  /** Serialised run options (minScore override, pruning k). */
  @Property({ type: 'jsonb' })
  options: Record<string, unknown> & Opt = {};

  /** Summary statistics; see MatchRunStats in the GraphQL layer. */
  @Property({ type: 'jsonb', nullable: true })
  stats?: Record<string, unknown> | null;

  /** Dual prices proving optimality, with the independent verification result. */
  @Property({ type: 'jsonb', nullable: true })
  certificate?: Record<string, unknown> | null;

  /** Unmatched mentees with reason codes: [{ menteeId, code, message }]. */
  @Property({ type: 'jsonb', nullable: true })
  unmatched?: { menteeId: string; code: string; message: string }[] | null;

  @Field(() => String, { nullable: true, description: 'Why the run failed, in plain language.' })
  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  requestedBy?: Rel<Person> | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When a worker started it.' })
  @Property({ type: 'timestamptz', nullable: true })
  startedAt?: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When it finished.' })
  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null;

  get globalId(): Opt<string> {
    return toGlobalId('MatchRun', this.id);
  }
}
