import { Entity, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { DateTimeISOResolver, JSONResolver } from 'graphql-scalars';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';

/** Who did what, when, with the state before and after. Written in the same transaction as the change. */
@ObjectType({ implements: Node, description: 'An audited change: a coordinator decision or a relationship state change.' })
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['organization', 'createdAt'] })
@Index({ properties: ['subjectId'] })
export class AuditEvent extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  actor?: Rel<Person> | null;

  @Field({ description: 'What happened, e.g. "proposal.approved".' })
  @Property({ type: 'text' })
  action!: string;

  @Field({ description: 'Type of the changed object, e.g. "MatchProposal".' })
  @Property({ type: 'text' })
  subjectType!: string;

  @Property({ type: 'uuid' })
  subjectId!: string;

  @Field(() => JSONResolver, { nullable: true, description: 'State before (IDs and statuses; never private text).' })
  @Property({ type: 'jsonb', nullable: true })
  before?: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'State after.' })
  @Property({ type: 'jsonb', nullable: true })
  after?: unknown;

  @Field(() => DateTimeISOResolver, { description: 'When it happened.' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  get globalId(): Opt<string> {
    return toGlobalId('AuditEvent', this.id);
  }
}
