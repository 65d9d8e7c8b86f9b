import { Entity, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { DomainEventType } from './engagement.enums.js';
import { OutboxEvent } from './outbox-event.entity.js';

/** One event, for one person. Unique per (event, recipient): a re-run dispatcher adds nothing. */
@ObjectType({ implements: Node, description: 'Something that happened that concerns you: a request answered, a relationship started, a reminder due.' })
@Entity({ tableName: 'notification' })
@Unique({ properties: ['event', 'recipient'] })
@Index({ properties: ['recipient', 'createdAt', 'id'] })
@Index({ name: 'notification_unread_index', expression: 'create index "notification_unread_index" on "notification" ("recipient_id", "created_at", "id") where "read_at" is null' })
export class Notification extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  recipient!: Rel<Person>;

  @ManyToOne(() => OutboxEvent, { deleteRule: 'cascade' })
  event!: Rel<OutboxEvent>;

  @Field(() => DomainEventType, { description: 'What kind of event it is.' })
  @Property({ type: 'text' })
  type!: DomainEventType;

  /** Node type and id of the object it is about (refetch with `node`). */
  @Property({ type: 'text' })
  subjectType!: string;

  @Property({ type: 'uuid' })
  subjectId!: string;

  @Field({ description: 'A short plain-language line to show, e.g. "A mentor accepted your request."' })
  @Property({ type: 'text' })
  message!: string;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When you marked it read; null while unread.' })
  @Property({ type: 'timestamptz', nullable: true })
  readAt?: Date | null;

  get globalId(): Opt<string> {
    return toGlobalId('Notification', this.id);
  }
}
