import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graphql/connection.js';
import { UserError } from '../../graphql/errors.js';
import { Programme } from '../programme/programme.entity.js';
import { DomainEventType } from './engagement.enums.js';
import { Notification } from './notification.entity.js';
import { EngagementPolicy } from './reminder.entity.js';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity.js';

export const NotificationEdge = EdgeType('Notification', Notification);
export const NotificationConnection = ConnectionType('Notification', Notification, NotificationEdge);
export const WebhookEndpointEdge = EdgeType('WebhookEndpoint', WebhookEndpoint);
export const WebhookEndpointConnection = ConnectionType('WebhookEndpoint', WebhookEndpoint, WebhookEndpointEdge);
export const WebhookDeliveryEdge = EdgeType('WebhookDelivery', WebhookDelivery);
export const WebhookDeliveryConnection = ConnectionType('WebhookDelivery', WebhookDelivery, WebhookDeliveryEdge);

@InputType({ description: 'Mark notifications read: the given ones, or all.' })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'Your notifications to mark (up to 500). Give these or `all`.' })
  notificationIds?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Mark every unread notification of yours.' })
  all?: boolean | null;
}

@ObjectType({ description: 'Result of marking notifications read.' })
export class MarkNotificationsReadPayload {
  @Field(() => Int, { nullable: true, description: 'How many were unread and are now read.' })
  markedCount?: number | null;
  @Field(() => Int, { nullable: true, description: 'How many unread notifications you have left.' })
  unreadCount?: number | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Register a webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field({ description: 'The http(s) URL events are POSTed to.' })
  url!: string;
  @Field(() => [DomainEventType], { nullable: true, description: 'Event types to receive; omit or leave empty for all.' })
  eventTypes?: DomainEventType[] | null;
  @Field(() => String, { nullable: true, description: 'What it is for (up to 500 characters).' })
  description?: string | null;
}

@ObjectType({ description: 'Result of registering a webhook endpoint.' })
export class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint.' })
  endpoint?: WebhookEndpoint | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret, shown this once: store it. Each delivery carries `X-MentorMatch-Timestamp` and `X-MentorMatch-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`; reject stale timestamps and dedupe on `X-MentorMatch-Event-Id`.',
  })
  secret?: string | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Enable a webhook endpoint again.' })
export class EnableWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  endpointId!: string;
}

@InputType({ description: 'Stop sending to a webhook endpoint (deliveries are kept and sent once enabled again).' })
export class DisableWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  endpointId!: string;
}

@InputType({ description: 'Delete a webhook endpoint and its delivery log.' })
export class DeleteWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  endpointId!: string;
}

@InputType({ description: 'Replace a webhook endpoint\'s signing secret.' })
export class RotateWebhookEndpointSecretInput {
  @Field(() => ID, { description: 'The endpoint.' })
  endpointId!: string;
}

@InputType({ description: 'Send a given-up delivery again.' })
export class RetryWebhookDeliveryInput {
  @Field(() => ID, { description: 'The delivery (status FAILED).' })
  deliveryId!: string;
}

@ObjectType({ description: 'Result of a webhook endpoint change.' })
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint.' })
  endpoint?: WebhookEndpoint | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of deleting a webhook endpoint.' })
export class DeleteWebhookEndpointPayload {
  @Field(() => ID, { nullable: true, description: 'ID of the deleted endpoint.' })
  deletedEndpointId?: string | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of rotating a webhook secret.' })
export class RotateWebhookEndpointSecretPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint.' })
  endpoint?: WebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'The new secret, shown this once. The old one stops working now.' })
  secret?: string | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of retrying a delivery.' })
export class WebhookDeliveryPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery, pending again.' })
  delivery?: WebhookDelivery | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'How an endpoint\'s deliveries stand.' })
export class WebhookDeliveryCounts {
  @Field(() => Int, { description: 'Waiting to be sent or retried.' })
  pending!: number;
  @Field(() => Int, { description: 'Acknowledged by the receiver.' })
  delivered!: number;
  @Field(() => Int, { description: 'Given up after the maximum attempts.' })
  failed!: number;
}

@InputType({ description: 'Change when a programme\'s reminders fall due; omitted fields stay as they are.' })
export class SetEngagementPolicyInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;
  @Field(() => Int, { nullable: true, description: 'Days before an unanswered request\'s mentor is reminded (1–60).' })
  remindMentorAfterDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days before an unanswered request is escalated to coordinators (more than the reminder, less than the request expiry).' })
  escalateRequestAfterDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days past the agreed cadence before a check-in reminder (0–60).' })
  checkInGraceDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days proposals may wait before coordinators are reminded (1–60).' })
  proposalReminderAfterDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days before the expected end to plan a closing conversation (1–120).' })
  endingSoonDays?: number | null;
}

@ObjectType({ description: 'Result of changing a programme\'s engagement policy.' })
export class SetEngagementPolicyPayload {
  @Field(() => Programme, { nullable: true, description: 'The programme.' })
  programme?: Programme | null;
  @Field(() => EngagementPolicy, { nullable: true, description: 'The policy now in force.' })
  policy?: EngagementPolicy | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
