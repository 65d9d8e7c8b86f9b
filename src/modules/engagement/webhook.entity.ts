import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { WebhookDeliveryStatus } from './engagement.enums.js';
import { OutboxEvent } from './outbox-event.entity.js';

/** A receiver URL registered by an organisation admin. The secret is shown once, at creation. */
@ObjectType({ implements: Node, description: 'A URL that receives signed domain events of your organisation (organisation admins).' })
@Entity({ tableName: 'webhook_endpoint' })
@Index({ properties: ['organization', 'createdAt'] })
export class WebhookEndpoint extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Field({ description: 'Where events are POSTed.' })
  @Property({ type: 'text' })
  url!: string;

  @Field(() => String, { description: 'What the endpoint is for.' })
  @Property({ type: 'text' })
  description: string & Opt = '';

  /** Wire names of the event types it receives; empty = every type. */
  @Property({ type: 'text[]' })
  eventTypes: string[] & Opt = [];

  /** HMAC-SHA256 key. Never returned after creation. */
  @Property({ type: 'text', lazy: true })
  secret!: string;

  @Field(() => Boolean, { description: 'Whether deliveries are being sent. Disabled endpoints keep their pending deliveries until enabled again.' })
  @Property({ type: 'boolean' })
  enabled: boolean & Opt = true;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When it was disabled (by an admin, or automatically after repeated failures).' })
  @Property({ type: 'timestamptz', nullable: true })
  disabledAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was disabled.' })
  @Property({ type: 'text', nullable: true })
  disabledReason?: string | null;

  @Field(() => Int, { description: 'Failed attempts in a row (reset by any success).' })
  @Property({ type: 'integer' })
  consecutiveFailures: number & Opt = 0;

  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<Person> | null;

  get globalId(): Opt<string> {
    return toGlobalId('WebhookEndpoint', this.id);
  }
}

/**
 * One event for one endpoint. The delivery state lives here, in PostgreSQL, so a restarted
 * dispatcher continues where the last one stopped; a lease (`leaseUntil`) keeps two dispatchers
 * from sending the same delivery at once, and expires if its holder dies.
 */
@ObjectType({ implements: Node, description: 'The delivery of one event to one webhook endpoint, with its attempts (the delivery log).' })
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['endpoint', 'event'] })
@Index({ properties: ['endpoint', 'createdAt', 'id'] })
@Index({ name: 'webhook_delivery_chain_index', expression: 'create index "webhook_delivery_chain_index" on "webhook_delivery" ("endpoint_id", "aggregate_id", "sequence") where "status" = \'PENDING\'' })
@Index({ name: 'webhook_delivery_due_index', expression: 'create index "webhook_delivery_due_index" on "webhook_delivery" ("next_attempt_at") where "status" = \'PENDING\'' })
export class WebhookDelivery extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  @ManyToOne(() => OutboxEvent, { deleteRule: 'cascade' })
  event!: Rel<OutboxEvent>;

  /** Copied from the event: deliveries of one aggregate go out one at a time, in sequence order. */
  @Property({ type: 'uuid' })
  aggregateId!: string;

  @Property({ type: 'integer' })
  sequence!: number;

  @Field(() => WebhookDeliveryStatus, { description: 'Pending, delivered or given up.' })
  @Enum({ items: () => WebhookDeliveryStatus, nativeEnumName: 'webhook_delivery_status' })
  status: WebhookDeliveryStatus & Opt = WebhookDeliveryStatus.PENDING;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Field(() => DateTimeISOResolver, { description: 'When the next attempt is due (while pending).' })
  @Property({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil?: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the last attempt was made.' })
  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last response; null when there was none (timeout, refused).' })
  @Property({ type: 'smallint', nullable: true })
  lastResponseStatus?: number | null;

  @Field(() => String, { nullable: true, description: 'What went wrong on the last failed attempt.' })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the receiver acknowledged it.' })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  get globalId(): Opt<string> {
    return toGlobalId('WebhookDelivery', this.id);
  }
}

/** One HTTP attempt of a delivery. */
@ObjectType({ description: 'One HTTP attempt to deliver an event.' })
@Entity({ tableName: 'webhook_delivery_attempt' })
@Index({ properties: ['delivery', 'attemptedAt'] })
export class WebhookDeliveryAttempt extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => WebhookDelivery, { deleteRule: 'cascade' })
  delivery!: Rel<WebhookDelivery>;

  @Field(() => DateTimeISOResolver, { description: 'When it was sent.' })
  @Property({ type: 'timestamptz' })
  attemptedAt!: Date;

  @Field(() => Boolean, { description: 'Whether the receiver answered 2xx.' })
  @Property({ type: 'boolean' })
  succeeded!: boolean;

  @Field(() => Int, { nullable: true, description: 'HTTP status; null when no response arrived.' })
  @Property({ type: 'smallint', nullable: true })
  responseStatus?: number | null;

  @Field(() => String, { nullable: true, description: 'The failure, e.g. "HTTP 500" or "timed out after 10000 ms".' })
  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Field(() => Int, { description: 'How long the attempt took, in milliseconds.' })
  @Property({ type: 'integer' })
  durationMs!: number;
}
