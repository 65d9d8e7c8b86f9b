import { Entity, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../base.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import type { DomainEventType } from './engagement.enums.js';

/** JSON-safe event data: global IDs, statuses, codes, numbers and ISO dates only — never private text. */
export type EventPayload = Record<string, string | number | boolean | null | string[]>;

/**
 * The transactional outbox: one row per domain event, inserted in the same transaction as the
 * change it describes, so an event exists if and only if the change committed. Dispatchers fan
 * rows out to notifications and webhook deliveries afterwards.
 *
 * `sequence` numbers the events of one aggregate 1, 2, 3… without gaps, in commit order: a
 * BEFORE INSERT trigger (see the migration) takes a transaction-scoped advisory lock on the
 * aggregate and assigns max + 1, so two transactions writing events of the same aggregate queue
 * up instead of interleaving. Inserts that pass a non-zero sequence (new aggregates) skip it.
 */
@Entity({ tableName: 'outbox_event' })
@Unique({ name: 'outbox_event_aggregate_sequence_unique', properties: ['aggregateId', 'sequence'] })
@Unique({ properties: ['dedupeKey'] })
@Index({ name: 'outbox_event_undispatched_index', expression: 'create index "outbox_event_undispatched_index" on "outbox_event" ("occurred_at", "id") where "dispatched_at" is null' })
@Index({ properties: ['type', 'aggregateId'] })
export class OutboxEvent extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  /** Dotted wire name, e.g. "mentorship.started". */
  @Property({ type: 'text' })
  type!: DomainEventType;

  /** Node type of the aggregate the event belongs to (ordering is per aggregate). */
  @Property({ type: 'text' })
  aggregateType!: string;

  @Property({ type: 'uuid' })
  aggregateId!: string;

  /** 0 on insert means "assign the next number" (the trigger does it). */
  @Property({ type: 'integer', default: 0 })
  sequence: number & Opt = 0;

  /** Who caused it; used to spare them their own notification. Never sent to webhooks. */
  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  actor?: Rel<Person> | null;

  @Property({ type: 'jsonb' })
  payload!: EventPayload;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  /** When the dispatcher fanned it out to notifications and webhook deliveries. */
  @Property({ type: 'timestamptz', nullable: true })
  dispatchedAt?: Date | null;

  /** For events derived by jobs (health changes, reminders): a second run inserts nothing. */
  @Property({ type: 'text', nullable: true })
  dedupeKey?: string | null;
}
