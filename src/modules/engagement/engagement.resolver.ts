import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { type Context, requireViewer } from '../../graphql/context.js';
import { badUserInput, forbidden, runMutation } from '../../graphql/errors.js';
import { fromGlobalIdOf, NODE_TYPES, toGlobalId, type NodeType } from '../../graphql/global-id.js';
import type { ConnectionShape } from '../../graphql/connection.js';
import { Node } from '../../graphql/node.js';
import { loadNode } from '../../graphql/node.resolver.js';
import { Role } from '../person/person.enums.js';
import { Programme } from '../programme/programme.entity.js';
import { DomainEventType, WebhookDeliveryStatus } from './engagement.enums.js';
import { Notification } from './notification.entity.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { EngagementPolicy } from './reminder.entity.js';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint } from './webhook.entity.js';
import {
  CreateWebhookEndpointInput,
  CreateWebhookEndpointPayload,
  DeleteWebhookEndpointInput,
  DeleteWebhookEndpointPayload,
  DisableWebhookEndpointInput,
  EnableWebhookEndpointInput,
  MarkNotificationsReadInput,
  MarkNotificationsReadPayload,
  NotificationConnection,
  RetryWebhookDeliveryInput,
  RotateWebhookEndpointSecretInput,
  RotateWebhookEndpointSecretPayload,
  SetEngagementPolicyInput,
  SetEngagementPolicyPayload,
  WebhookDeliveryConnection,
  WebhookDeliveryCounts,
  WebhookDeliveryPayload,
  WebhookEndpointConnection,
  WebhookEndpointPayload,
} from './engagement.types.js';
import { listNotifications, markNotificationsRead } from './notification.service.js';
import { createWebhookEndpoint, deleteWebhookEndpoint, disableWebhookEndpoint, enableWebhookEndpoint, retryWebhookDelivery, rotateWebhookSecret } from './webhook.service.js';
import { paginateNewestFirst } from './newest-first.js';
import { policyOrDefault, setEngagementPolicy } from './engagement-policy.service.js';

function subjectGlobalId(type: string, id: string): string {
  return (NODE_TYPES as readonly string[]).includes(type) ? toGlobalId(type as NodeType, id) : id;
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  async notifications(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
    @Arg('unreadOnly', () => Boolean, { nullable: true, description: 'Only unread ones (`totalCount` is then your unread count).' }) unreadOnly: boolean | null,
  ): Promise<ConnectionShape<Notification>> {
    return listNotifications(ctx.em, requireViewer(ctx), { first, after, unreadOnly });
  }

  @FieldResolver(() => ID, { description: 'Global ID of what it is about (a request, a relationship, a programme); refetch it with `node`.' })
  subjectId(@Root() n: Notification): string {
    return subjectGlobalId(n.subjectType, n.subjectId);
  }

  @FieldResolver(() => Node, { nullable: true, description: 'What it is about, when you may still see it.' })
  subject(@Root() n: Notification, @Ctx() ctx: Context): Promise<Node | null> {
    return loadNode(ctx, subjectGlobalId(n.subjectType, n.subjectId));
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it happened.' })
  createdAt(@Root() n: Notification): Date {
    return n.createdAt;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you have marked it read.' })
  read(@Root() n: Notification): boolean {
    return n.readAt != null;
  }

  @Mutation(() => MarkNotificationsReadPayload, { nullable: true, description: 'Mark some of your notifications read, or all of them.' })
  async markNotificationsRead(@Ctx() ctx: Context, @Arg('input', () => MarkNotificationsReadInput) input: MarkNotificationsReadInput): Promise<MarkNotificationsReadPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => {
      const { marked, unread } = await markNotificationsRead(ctx.em, viewer, input, ctx.now());
      return { markedCount: marked, unreadCount: unread, userErrors: [] };
    });
  }
}

function requireAdmin(ctx: Context): void {
  if (requireViewer(ctx).role !== Role.ORG_ADMIN) throw forbidden('Only organisation admins manage webhooks.');
}

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Query(() => WebhookEndpointConnection, { description: 'Your organisation\'s webhook endpoints, newest first (organisation admins).' })
  async webhookEndpoints(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
  ): Promise<ConnectionShape<WebhookEndpoint>> {
    requireAdmin(ctx);
    return paginateNewestFirst(ctx.em, WebhookEndpoint, { organization: requireViewer(ctx).organizationId }, { first, after });
  }

  @Query(() => WebhookDeliveryConnection, { description: 'The delivery log of an endpoint, newest first (organisation admins).' })
  async webhookDeliveries(
    @Ctx() ctx: Context,
    @Arg('endpointId', () => ID, { description: 'The endpoint.' }) endpointId: string,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true, description: 'Only this status.' }) status: WebhookDeliveryStatus | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
  ): Promise<ConnectionShape<WebhookDelivery>> {
    requireAdmin(ctx);
    const id = fromGlobalIdOf(endpointId, 'WebhookEndpoint');
    if (!id) throw badUserInput('"endpointId" is not a WebhookEndpoint ID.');
    return paginateNewestFirst(ctx.em, WebhookDelivery, { organization: requireViewer(ctx).organizationId, endpoint: id, ...(status ? { status } : {}) }, { first, after });
  }

  @FieldResolver(() => [DomainEventType], { description: 'Event types it receives; empty means every type.' })
  eventTypes(@Root() e: WebhookEndpoint): DomainEventType[] {
    return e.eventTypes as DomainEventType[];
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When it was registered.' })
  createdAt(@Root() e: WebhookEndpoint): Date {
    return e.createdAt;
  }

  @FieldResolver(() => WebhookDeliveryCounts, { description: 'Its deliveries by status.' })
  async deliveryCounts(@Root() e: WebhookEndpoint, @Ctx() ctx: Context): Promise<WebhookDeliveryCounts> {
    return ctx.loaders
      .custom<string, WebhookDeliveryCounts>('webhook.deliveryCounts', async (ids) => {
        const rows: { endpoint_id: string; status: WebhookDeliveryStatus; n: number }[] = await ctx.em
          .getKnex()
          .raw('select endpoint_id, status, count(*)::int as n from webhook_delivery where endpoint_id = any(?::uuid[]) group by endpoint_id, status', [[...ids]])
          .then((r: { rows: { endpoint_id: string; status: WebhookDeliveryStatus; n: number }[] }) => r.rows);
        const counts = new Map(ids.map((id) => [id, { pending: 0, delivered: 0, failed: 0 }]));
        for (const r of rows) counts.get(r.endpoint_id)![r.status.toLowerCase() as 'pending' | 'delivered' | 'failed'] = r.n;
        return ids.map((id) => counts.get(id)!);
      })
      .load(e.id);
  }

  @Mutation(() => CreateWebhookEndpointPayload, { nullable: true, description: 'Register a webhook endpoint (organisation admins). The signing secret is returned once.' })
  async createWebhookEndpoint(@Ctx() ctx: Context, @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput): Promise<CreateWebhookEndpointPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ ...(await createWebhookEndpoint(ctx.em, viewer, input, ctx.now())), userErrors: [] }));
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: 'Enable an endpoint again (after an admin or repeated failures disabled it); held deliveries go out in order.' })
  async enableWebhookEndpoint(@Ctx() ctx: Context, @Arg('input', () => EnableWebhookEndpointInput) input: EnableWebhookEndpointInput): Promise<WebhookEndpointPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ endpoint: await enableWebhookEndpoint(ctx.em, viewer, input.endpointId, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: 'Stop sending to an endpoint; its deliveries are kept and go out once it is enabled again.' })
  async disableWebhookEndpoint(@Ctx() ctx: Context, @Arg('input', () => DisableWebhookEndpointInput) input: DisableWebhookEndpointInput): Promise<WebhookEndpointPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ endpoint: await disableWebhookEndpoint(ctx.em, viewer, input.endpointId, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => DeleteWebhookEndpointPayload, { nullable: true, description: 'Delete an endpoint and its delivery log.' })
  async deleteWebhookEndpoint(@Ctx() ctx: Context, @Arg('input', () => DeleteWebhookEndpointInput) input: DeleteWebhookEndpointInput): Promise<DeleteWebhookEndpointPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ deletedEndpointId: await deleteWebhookEndpoint(ctx.em, viewer, input.endpointId, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => RotateWebhookEndpointSecretPayload, { nullable: true, description: 'Replace an endpoint\'s signing secret; the new one is returned once.' })
  async rotateWebhookEndpointSecret(@Ctx() ctx: Context, @Arg('input', () => RotateWebhookEndpointSecretInput) input: RotateWebhookEndpointSecretInput): Promise<RotateWebhookEndpointSecretPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ ...(await rotateWebhookSecret(ctx.em, viewer, input.endpointId, ctx.now())), userErrors: [] }));
  }

  @Mutation(() => WebhookDeliveryPayload, { nullable: true, description: 'Send a given-up (FAILED) delivery again. It goes out after any earlier pending event of its aggregate, so it may arrive after later events: order by `aggregate.sequence`.' })
  async retryWebhookDelivery(@Ctx() ctx: Context, @Arg('input', () => RetryWebhookDeliveryInput) input: RetryWebhookDeliveryInput): Promise<WebhookDeliveryPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ delivery: await retryWebhookDelivery(ctx.em, viewer, input.deliveryId, ctx.now()), userErrors: [] }));
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  private async event(d: WebhookDelivery, ctx: Context): Promise<OutboxEvent> {
    const e = await ctx.loaders.byId(OutboxEvent).load(d.event.id);
    if (!e) throw new Error('outbox event vanished');
    return e;
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the event was queued for this endpoint.' })
  createdAt(@Root() d: WebhookDelivery): Date {
    return d.createdAt;
  }

  @FieldResolver(() => ID, { description: 'The event\'s stable ID, as sent in `X-MentorMatch-Event-Id` (the same on every retry and every endpoint).' })
  eventId(@Root() d: WebhookDelivery): string {
    return d.event.id;
  }

  @FieldResolver(() => DomainEventType, { description: 'The event\'s type.' })
  async eventType(@Root() d: WebhookDelivery, @Ctx() ctx: Context): Promise<DomainEventType> {
    return (await this.event(d, ctx)).type;
  }

  @FieldResolver(() => Int, { description: 'The event\'s position among its aggregate\'s events (1, 2, 3…); deliveries of one aggregate go out in this order.' })
  sequence(@Root() d: WebhookDelivery): number {
    return d.sequence;
  }

  @FieldResolver(() => WebhookEndpoint, { description: 'Where it goes.' })
  async endpoint(@Root() d: WebhookDelivery, @Ctx() ctx: Context): Promise<WebhookEndpoint> {
    const e = await ctx.loaders.byId(WebhookEndpoint).load(d.endpoint.id);
    if (!e) throw new Error('endpoint vanished');
    return e;
  }

  @FieldResolver(() => [WebhookDeliveryAttempt], { description: 'Every attempt, oldest first.' })
  attemptLog(@Root() d: WebhookDelivery, @Ctx() ctx: Context): Promise<WebhookDeliveryAttempt[]> {
    return ctx.loaders.manyBy(WebhookDeliveryAttempt, 'delivery', { attemptedAt: 'asc', id: 'asc' }).load(d.id);
  }
}

@Resolver(() => Programme)
export class ProgrammeEngagementResolver {
  @FieldResolver(() => EngagementPolicy, { description: 'When the programme\'s reminders and escalations fall due (defaults until a coordinator sets them).' })
  async engagementPolicy(@Root() programme: Programme, @Ctx() ctx: Context): Promise<EngagementPolicy> {
    const [row] = await ctx.loaders.manyBy(EngagementPolicy, 'programme').load(programme.id);
    return policyOrDefault(programme, row);
  }

  @Mutation(() => SetEngagementPolicyPayload, { nullable: true, description: 'Change when a programme\'s reminders and escalations fall due (coordinators).' })
  async setEngagementPolicy(@Ctx() ctx: Context, @Arg('input', () => SetEngagementPolicyInput) input: SetEngagementPolicyInput): Promise<SetEngagementPolicyPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ ...(await setEngagementPolicy(ctx.em, viewer, input, ctx.now())), userErrors: [] }));
  }
}
