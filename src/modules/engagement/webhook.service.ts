import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { DomainError, UserErrorCode } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { recordAudit } from '../audit/audit.service.js';
import { Role } from '../person/person.enums.js';
import type { DomainEventType } from './engagement.enums.js';
import { WebhookDeliveryStatus } from './engagement.enums.js';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity.js';
import { newWebhookSecret } from './webhook-signature.js';
import { refuseWebhookUrl, webhookPolicyFromEnv, type WebhookNetworkPolicy } from './webhook-target.js';

/** Endpoints per organisation: enough for every client app, few enough that fan-out stays cheap. */
export const MAX_ENDPOINTS_PER_ORGANIZATION = 20;

export function assertOrgAdmin(viewer: Viewer): void {
  if (viewer.role !== Role.ORG_ADMIN) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only organisation admins manage webhooks.');
}

function validUrl(raw: string, policy: WebhookNetworkPolicy): string {
  const field = ['input', 'url'];
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a valid URL.', field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DomainError(UserErrorCode.INVALID_INPUT, 'Use an http(s) URL.', field);
  if (url.username || url.password) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Do not put credentials in the URL; verify the signature instead.', field);
  if (url.hash) throw new DomainError(UserErrorCode.INVALID_INPUT, 'A webhook URL has no fragment.', field);
  if (value.length > 2000) throw new DomainError(UserErrorCode.INVALID_INPUT, 'At most 2000 characters.', field);
  const refused = refuseWebhookUrl(url, policy);
  if (refused) throw new DomainError(UserErrorCode.INVALID_INPUT, refused, field);
  return url.toString();
}

function description(raw: string | null | undefined): string {
  const value = (raw ?? '').trim();
  if (value.length > 500 || value.includes('\u0000')) throw new DomainError(UserErrorCode.INVALID_INPUT, 'At most 500 characters, no NUL characters.', ['input', 'description']);
  return value;
}

export async function createWebhookEndpoint(
  em: EntityManager,
  viewer: Viewer,
  input: { url: string; eventTypes?: DomainEventType[] | null; description?: string | null },
  now: Date,
  policy: WebhookNetworkPolicy = webhookPolicyFromEnv(),
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  assertOrgAdmin(viewer);
  const url = validUrl(input.url, policy);
  const text = description(input.description);
  const eventTypes = [...new Set(input.eventTypes ?? [])].sort();
  const existing = await em.count(WebhookEndpoint, { organization: viewer.organizationId });
  if (existing >= MAX_ENDPOINTS_PER_ORGANIZATION) throw new DomainError(UserErrorCode.LIMIT_REACHED, `At most ${MAX_ENDPOINTS_PER_ORGANIZATION} webhook endpoints per organisation.`);
  const secret = newWebhookSecret();
  const endpoint = em.create(WebhookEndpoint, { organization: viewer.organizationId, url, description: text, eventTypes, secret, createdBy: viewer.personId });
  recordAudit(em, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'webhook.created', subjectType: 'WebhookEndpoint', subjectId: endpoint.id, after: { eventTypes }, at: now });
  await em.flush();
  return { endpoint, secret };
}

export async function findEndpoint(em: EntityManager, viewer: Viewer, globalId: string): Promise<WebhookEndpoint> {
  assertOrgAdmin(viewer);
  const id = fromGlobalIdOf(globalId, 'WebhookEndpoint');
  if (!id) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a WebhookEndpoint ID.', ['input', 'endpointId']);
  const endpoint = await em.findOne(WebhookEndpoint, { id, organization: viewer.organizationId });
  if (!endpoint) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such webhook endpoint.', ['input', 'endpointId']);
  return endpoint;
}

/** Enable (again): the failure count resets and held deliveries are due at once, oldest first per aggregate. */
export async function enableWebhookEndpoint(em: EntityManager, viewer: Viewer, endpointId: string, now: Date): Promise<WebhookEndpoint> {
  const endpoint = await findEndpoint(em, viewer, endpointId);
  if (endpoint.enabled) throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, 'The endpoint is already enabled.', ['input', 'endpointId']);
  return em.transactional(async (tx) => {
    const e = await tx.findOneOrFail(WebhookEndpoint, { id: endpoint.id });
    e.enabled = true;
    e.disabledAt = null;
    e.disabledReason = null;
    e.consecutiveFailures = 0;
    await tx.nativeUpdate(WebhookDelivery, { endpoint: e.id, status: WebhookDeliveryStatus.PENDING }, { nextAttemptAt: now, leaseUntil: null });
    recordAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'webhook.enabled', subjectType: 'WebhookEndpoint', subjectId: e.id, after: { enabled: true }, at: now });
    await tx.flush();
    return e;
  });
}

export async function disableWebhookEndpoint(em: EntityManager, viewer: Viewer, endpointId: string, now: Date): Promise<WebhookEndpoint> {
  const endpoint = await findEndpoint(em, viewer, endpointId);
  if (!endpoint.enabled) throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, 'The endpoint is already disabled.', ['input', 'endpointId']);
  endpoint.enabled = false;
  endpoint.disabledAt = now;
  endpoint.disabledReason = 'Disabled by an organisation admin.';
  recordAudit(em, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'webhook.disabled', subjectType: 'WebhookEndpoint', subjectId: endpoint.id, after: { enabled: false }, at: now });
  await em.flush();
  return endpoint;
}

/** Delete an endpoint with its delivery log; events stay in the outbox for the other endpoints. */
export async function deleteWebhookEndpoint(em: EntityManager, viewer: Viewer, endpointId: string, now: Date): Promise<string> {
  const endpoint = await findEndpoint(em, viewer, endpointId);
  const globalId = endpoint.globalId;
  recordAudit(em, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'webhook.deleted', subjectType: 'WebhookEndpoint', subjectId: endpoint.id, after: { deleted: true }, at: now });
  em.remove(endpoint);
  await em.flush();
  return globalId;
}

/** A new secret, returned once; the old one stops working immediately. */
export async function rotateWebhookSecret(em: EntityManager, viewer: Viewer, endpointId: string, now: Date): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const endpoint = await findEndpoint(em, viewer, endpointId);
  const secret = newWebhookSecret();
  endpoint.secret = secret;
  recordAudit(em, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'webhook.secret_rotated', subjectType: 'WebhookEndpoint', subjectId: endpoint.id, at: now });
  await em.flush();
  return { endpoint, secret };
}

/** Send a given-up delivery again (it goes out after any earlier pending event of its aggregate). */
export async function retryWebhookDelivery(em: EntityManager, viewer: Viewer, deliveryId: string, now: Date): Promise<WebhookDelivery> {
  assertOrgAdmin(viewer);
  const id = fromGlobalIdOf(deliveryId, 'WebhookDelivery');
  if (!id) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a WebhookDelivery ID.', ['input', 'deliveryId']);
  const delivery = await em.findOne(WebhookDelivery, { id, organization: viewer.organizationId });
  if (!delivery) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such delivery.', ['input', 'deliveryId']);
  if (delivery.status !== WebhookDeliveryStatus.FAILED) throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, `The delivery is ${delivery.status.toLowerCase()}; only failed deliveries are retried by hand.`, ['input', 'deliveryId']);
  delivery.status = WebhookDeliveryStatus.PENDING;
  delivery.nextAttemptAt = now;
  delivery.leaseUntil = null;
  await em.flush();
  return delivery;
}
