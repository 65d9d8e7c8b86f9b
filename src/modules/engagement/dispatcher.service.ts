import { randomUUID } from 'node:crypto';
import { PRIVATE_ADDRESS_REFUSED, guardedSender, webhookPolicyFromEnv, type WebhookNetworkPolicy, type WebhookSender } from './webhook-target.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { logger } from '../../logger.js';
import { DomainEventType, ReminderKind, WebhookDeliveryStatus } from './engagement.enums.js';
import type { EventPayload } from './outbox-event.entity.js';
import { envelopeOf } from './outbox.service.js';
import { query } from './sql.js';
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature.js';

/** An outbox row as the dispatcher reads it. */
export interface OutboxRecord {
  id: string;
  organization_id: string;
  type: DomainEventType;
  aggregate_type: string;
  aggregate_id: string;
  sequence: number;
  actor_id: string | null;
  payload: EventPayload;
  occurred_at: Date;
}

/** Work done inside the fan-out transaction for a batch of events (e.g. closing requests of matched mentees). */
export type EventReaction = (tx: EntityManager, events: readonly OutboxRecord[], now: Date) => Promise<void>;

type Audience = 'MENTOR' | 'MENTEE' | 'COORDINATORS' | 'RECIPIENT';

/** Who is told about what. Webhooks get every event their filter allows; people only what concerns them. */
const AUDIENCE: Readonly<Partial<Record<DomainEventType, readonly Audience[]>>> = {
  [DomainEventType.REQUEST_CREATED]: ['MENTOR'],
  [DomainEventType.REQUEST_ACCEPTED]: ['MENTEE'],
  [DomainEventType.REQUEST_DECLINED]: ['MENTEE'],
  [DomainEventType.REQUEST_EXPIRED]: ['MENTEE', 'MENTOR'],
  [DomainEventType.REQUEST_WITHDRAWN]: ['MENTOR'],
  [DomainEventType.REQUEST_INVALIDATED]: ['MENTOR'],
  [DomainEventType.MENTORSHIP_STARTED]: ['MENTOR', 'MENTEE'],
  [DomainEventType.MENTORSHIP_PAUSED]: ['MENTOR', 'MENTEE'],
  [DomainEventType.MENTORSHIP_RESUMED]: ['MENTOR', 'MENTEE'],
  [DomainEventType.MENTORSHIP_COMPLETED]: ['MENTOR', 'MENTEE'],
  [DomainEventType.MENTORSHIP_ENDED_EARLY]: ['MENTOR', 'MENTEE'],
  [DomainEventType.HEALTH_STATUS_CHANGED]: ['COORDINATORS'],
  [DomainEventType.REMINDER_DUE]: ['RECIPIENT'],
};

/** Health changes worth a coordinator's attention; the others go to webhooks only. */
const ALERT_HEALTH = new Set(['AT_RISK', 'STALLED']);

const REMINDER_TEXT: Record<ReminderKind, string> = {
  REQUEST_UNANSWERED: 'A mentee\'s request is waiting for your answer.',
  REQUEST_ESCALATED: 'A mentor request is still unanswered; it may need your help.',
  CHECK_IN_OVERDUE: 'Your next check-in is overdue: agree a time to meet.',
  PULSE_DUE: 'Your private pulse survey is due.',
  PROPOSALS_AWAITING_APPROVAL: 'Match proposals are waiting for your decision.',
  ENDING_SOON: 'Your mentorship nears its planned end: plan a closing conversation.',
};

function messageFor(e: OutboxRecord, audience: Audience): string {
  switch (e.type) {
    case DomainEventType.REQUEST_CREATED:
      return 'A mentee asked you to be their mentor.';
    case DomainEventType.REQUEST_ACCEPTED:
      return 'Your mentor request was accepted: your mentorship has started.';
    case DomainEventType.REQUEST_DECLINED:
      return e.payload.declineReason === 'UNAVAILABLE' ? 'A mentor you asked is not taking mentees at the moment.' : 'A mentor declined your request.';
    case DomainEventType.REQUEST_EXPIRED:
      return audience === 'MENTEE' ? 'Your mentor request expired without an answer.' : 'A request to you expired without an answer.';
    case DomainEventType.REQUEST_WITHDRAWN:
      return 'A mentee withdrew their request to you.';
    case DomainEventType.REQUEST_INVALIDATED:
      return 'A request to you was closed: the mentee was matched with another mentor.';
    case DomainEventType.MENTORSHIP_STARTED:
      return 'Your mentorship has started.';
    case DomainEventType.MENTORSHIP_PAUSED:
      return 'Your mentorship was paused.';
    case DomainEventType.MENTORSHIP_RESUMED:
      return 'Your mentorship was resumed.';
    case DomainEventType.MENTORSHIP_COMPLETED:
      return 'Your mentorship was completed.';
    case DomainEventType.MENTORSHIP_ENDED_EARLY:
      return 'Your mentorship was ended early.';
    case DomainEventType.HEALTH_STATUS_CHANGED:
      return `A relationship's health changed to ${String(e.payload.status).replace('_', ' ').toLowerCase()}.`;
    case DomainEventType.REMINDER_DUE:
      return REMINDER_TEXT[e.payload.kind as ReminderKind] ?? 'A reminder is due.';
    default:
      return 'Something changed.';
  }
}

const rows = query;

export interface FanOutResult {
  events: number;
  notifications: number;
  deliveries: number;
}

/**
 * Fan undispatched outbox events out to notifications (one per event and recipient) and webhook
 * deliveries (one per event and matching endpoint), and mark them dispatched — all in one
 * transaction per batch, so a crash re-does the whole batch and the unique keys make the redo
 * insert nothing twice. Batches are claimed with SKIP LOCKED: any number of dispatchers can run.
 * Constant statements per batch: claim, reaction, participants, coordinators, endpoints, two
 * inserts, one update.
 */
export async function fanOutEvents(em: EntityManager, now: Date, opts: { batchSize?: number; react?: EventReaction } = {}): Promise<FanOutResult> {
  const batchSize = opts.batchSize ?? 500;
  const total: FanOutResult = { events: 0, notifications: 0, deliveries: 0 };
  for (;;) {
    const done = await em.fork().transactional(async (tx) => {
      const events = await rows<OutboxRecord>(
        tx,
        `select id, organization_id, type, aggregate_type, aggregate_id, sequence, actor_id, payload, occurred_at
           from outbox_event where dispatched_at is null order by occurred_at, id limit ? for update skip locked`,
        [batchSize],
      );
      if (events.length === 0) return null;
      if (opts.react) await opts.react(tx, events, now);

      const ids = (type: string) => [...new Set(events.filter((e) => e.aggregate_type === type).map((e) => e.aggregate_id))];
      const orgIds = [...new Set(events.map((e) => e.organization_id))];
      const participants = await rows<{ id: string; mentor_id: string; mentee_id: string; programme_id: string }>(
        tx,
        `select id, mentor_id, mentee_id, programme_id from mentor_request where id = any(?::uuid[])
         union all select id, mentor_id, mentee_id, programme_id from mentorship where id = any(?::uuid[])`,
        [ids('MentorRequest'), ids('Mentorship')],
      );
      const pairOf = new Map(participants.map((p) => [p.id, p]));
      const needCoordinators = events.some((e) => e.type === DomainEventType.HEALTH_STATUS_CHANGED);
      const staff = needCoordinators
        ? await rows<{ id: string; organization_id: string; role: string }>(tx, `select id, organization_id, role from person where organization_id = any(?::uuid[]) and role in ('COORDINATOR', 'ORG_ADMIN')`, [orgIds])
        : [];
      const assigned = needCoordinators
        ? await rows<{ programme_id: string; person_id: string }>(tx, `select programme_id, person_id from programme_coordinator where programme_id = any(?::uuid[]) order by person_id`, [
            [...new Set(participants.map((p) => p.programme_id))],
          ])
        : [];
      // A programme's assigned coordinators; without any, the organisation's coordinators (its admins when it has none).
      const coordinatorsOf = (org: string, programmeId: string | undefined) => {
        const mine = assigned.filter((a) => a.programme_id === programmeId).map((a) => a.person_id);
        if (mine.length) return mine;
        const inOrg = staff.filter((s) => s.organization_id === org);
        const coordinators = inOrg.filter((s) => s.role === 'COORDINATOR');
        return (coordinators.length ? coordinators : inOrg).map((s) => s.id);
      };
      const endpoints = await rows<{ id: string; organization_id: string; event_types: string[] }>(tx, `select id, organization_id, event_types from webhook_endpoint where organization_id = any(?::uuid[])`, [orgIds]);

      const notifications: Record<string, unknown>[] = [];
      const deliveries: Record<string, unknown>[] = [];
      for (const e of events) {
        const recipients = new Map<string, Audience>();
        for (const audience of AUDIENCE[e.type] ?? []) {
          if (audience === 'MENTOR' || audience === 'MENTEE') {
            const pair = pairOf.get(e.aggregate_id);
            if (pair) recipients.set(audience === 'MENTOR' ? pair.mentor_id : pair.mentee_id, audience);
          } else if (audience === 'COORDINATORS') {
            if (ALERT_HEALTH.has(String(e.payload.status))) for (const id of coordinatorsOf(e.organization_id, pairOf.get(e.aggregate_id)?.programme_id)) recipients.set(id, audience);
          } else {
            const id = typeof e.payload.recipientId === 'string' ? fromGlobalIdOf(e.payload.recipientId, 'Person') : null;
            if (id) recipients.set(id, audience);
          }
        }
        if (e.actor_id) recipients.delete(e.actor_id); // nobody is notified of their own action
        for (const [recipient, audience] of recipients) {
          notifications.push({
            id: randomUUID(),
            organization_id: e.organization_id,
            recipient_id: recipient,
            event_id: e.id,
            type: e.type,
            subject_type: e.aggregate_type,
            subject_id: e.aggregate_id,
            message: messageFor(e, audience),
            created_at: e.occurred_at,
            updated_at: now,
          });
        }
        for (const ep of endpoints) {
          if (ep.organization_id !== e.organization_id) continue;
          if (ep.event_types.length > 0 && !ep.event_types.includes(e.type)) continue;
          deliveries.push({
            id: randomUUID(),
            organization_id: e.organization_id,
            endpoint_id: ep.id,
            event_id: e.id,
            aggregate_id: e.aggregate_id,
            sequence: e.sequence,
            status: WebhookDeliveryStatus.PENDING,
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
            updated_at: now,
          });
        }
      }
      const knex = tx.getKnex();
      const trx = tx.getTransactionContext();
      let n = 0;
      let d = 0;
      if (notifications.length) n = ((await knex('notification').insert(notifications).onConflict(['event_id', 'recipient_id']).ignore().returning('id').transacting(trx)) as unknown[]).length;
      if (deliveries.length) d = ((await knex('webhook_delivery').insert(deliveries).onConflict(['endpoint_id', 'event_id']).ignore().returning('id').transacting(trx)) as unknown[]).length;
      await rows(tx, 'update outbox_event set dispatched_at = ?, updated_at = ? where id = any(?::uuid[])', [now, now, events.map((e) => e.id)]);
      return { events: events.length, notifications: n, deliveries: d };
    });
    if (!done) break;
    total.events += done.events;
    total.notifications += done.notifications;
    total.deliveries += done.deliveries;
  }
  return total;
}

export interface DeliveryOptions {
  /**
   * Where deliveries may go (default: this process's WEBHOOK_REQUIRE_HTTPS and
   * WEBHOOK_ALLOW_PRIVATE_NETWORKS). Enforced at connect time by the default sender.
   */
  network?: WebhookNetworkPolicy;
  /** The HTTP client (default: `guardedSender(network)`, node:http(s) with a checked DNS lookup). */
  send?: WebhookSender;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** How long a claimed delivery is reserved for this dispatcher (default 60 s); a dead dispatcher's claims expire. */
  leaseMs?: number;
  /** Parallel requests across different aggregates (default 8). Within one aggregate: always one at a time. */
  concurrency?: number;
  /** Deliveries claimed per round (default 50). */
  batchSize?: number;
  /** Attempts before a delivery is given up as FAILED (default 12). */
  maxAttempts?: number;
  /** Failed attempts in a row after which the endpoint is disabled (default 10). */
  disableAfterFailures?: number;
  /** First retry delay (default 30 s); doubles per attempt up to `maxBackoffMs` (default 6 h). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Stop promptly: in-flight requests are abandoned unrecorded (their leases expire), as in a crash. */
  signal?: AbortSignal;
}

export type WebhookSettings = Readonly<Required<Omit<DeliveryOptions, 'send' | 'signal' | 'network'>>>;

export const WEBHOOK_DEFAULTS: WebhookSettings = Object.freeze({
  timeoutMs: 10_000,
  leaseMs: 60_000,
  concurrency: 8,
  batchSize: 50,
  maxAttempts: 12,
  disableAfterFailures: 10,
  baseBackoffMs: 30_000,
  maxBackoffMs: 6 * 3_600_000,
});

/** Delay before the next attempt after `attempts` failures: base × 2^(attempts−1), capped. */
export function backoffMs(attempts: number, base: number = WEBHOOK_DEFAULTS.baseBackoffMs, max: number = WEBHOOK_DEFAULTS.maxBackoffMs): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryResult {
  attempted: number;
  delivered: number;
  failed: number;
  gaveUp: number;
  endpointsDisabled: number;
}

interface Claimed {
  id: string;
  attempts: number;
  organization_id: string;
  endpoint_id: string;
  url: string;
  secret: string;
  event_id: string;
  type: DomainEventType;
  aggregate_type: string;
  aggregate_id: string;
  sequence: number;
  payload: EventPayload;
  occurred_at: Date;
}

interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
}

async function attempt(c: Claimed, now: Date, o: WebhookSettings & { send: WebhookSender; signal?: AbortSignal }): Promise<AttemptOutcome | null> {
  const body = JSON.stringify(
    envelopeOf({ id: c.event_id, type: c.type, occurredAt: new Date(c.occurred_at), organizationId: c.organization_id, aggregateType: c.aggregate_type, aggregateId: c.aggregate_id, sequence: c.sequence, payload: c.payload }),
  );
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const started = performance.now();
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([timeout, o.signal]) : timeout;
  try {
    const res = await o.send(c.url, {
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'mentor-match-webhooks/1',
        [EVENT_ID_HEADER]: c.event_id,
        [EVENT_TYPE_HEADER]: c.type,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(c.secret, timestamp, body),
      },
      body,
    });
    const durationMs = Math.round(performance.now() - started);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs };
  } catch (err) {
    if (o.signal?.aborted) return null; // stopping: leave the claim to expire, like a crash would
    const durationMs = Math.round(performance.now() - started);
    if (timeout.aborted) return { ok: false, status: null, error: `timed out after ${o.timeoutMs} ms`, durationMs };
    const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    const error = e.code === PRIVATE_ADDRESS_REFUSED ? `refused: ${e.message ?? 'non-public address'}` : (e.code ?? e.cause?.code ?? e.cause?.message ?? e.message ?? 'request failed');
    return { ok: false, status: null, error: error.slice(0, 500), durationMs };
  }
}

/**
 * Send due webhook deliveries, in rounds. Each round claims (with a lease) the deliveries that are
 * due, whose endpoint is enabled, and that have no earlier pending delivery of the same aggregate
 * for the same endpoint — so per endpoint and aggregate, events go out strictly in sequence order,
 * one at a time. Outcomes are recorded per attempt; a success releases the next event of its
 * aggregate for the next round. Everything lives in PostgreSQL: a dispatcher that dies mid-round
 * leaves claims that expire, and the next dispatcher sends them again (at-least-once; receivers
 * dedupe by the stable event id).
 */
export async function deliverWebhooks(em: EntityManager, now: () => Date, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const { network, send, ...rest } = options;
  const o = { ...WEBHOOK_DEFAULTS, ...rest, send: send ?? guardedSender(network ?? webhookPolicyFromEnv()) };
  const result: DeliveryResult = { attempted: 0, delivered: 0, failed: 0, gaveUp: 0, endpointsDisabled: 0 };
  while (!o.signal?.aborted) {
    const at = now();
    const claimed = await query<Claimed>(
      em,
      `with due as (
         select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
          where d.status = 'PENDING' and e.enabled and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until <= ?)
            and not exists (select 1 from webhook_delivery p where p.endpoint_id = d.endpoint_id and p.aggregate_id = d.aggregate_id
                             and p.status = 'PENDING' and p.sequence < d.sequence)
          order by d.next_attempt_at, d.id limit ? for update of d skip locked
       ), claimed as (
         update webhook_delivery w set lease_until = ?, updated_at = ? from due where w.id = due.id returning w.id, w.attempts, w.organization_id, w.endpoint_id, w.event_id
       )
       select c.id, c.attempts, c.organization_id, c.endpoint_id, e.url, e.secret, c.event_id, o.type, o.aggregate_type, o.aggregate_id, o.sequence, o.payload, o.occurred_at
         from claimed c join webhook_endpoint e on e.id = c.endpoint_id join outbox_event o on o.id = c.event_id`,
      [at, at, o.batchSize, new Date(at.getTime() + o.leaseMs), at],
    );
    if (claimed.length === 0) break;
    let next = 0;
    // An endpoint disabled during this round gets no further attempts from it (their claims are released).
    const disabled = new Set<string>();
    const worker = async () => {
      while (next < claimed.length && !o.signal?.aborted) {
        const c = claimed[next++]!;
        if (disabled.has(c.endpoint_id)) {
          await query(em, 'update webhook_delivery set lease_until = null where id = ?', [c.id]);
          continue;
        }
        const sentAt = now();
        const outcome = await attempt(c, sentAt, o);
        if (!outcome) return;
        result.attempted += 1;
        if (await recordOutcome(em, c, outcome, sentAt, o, result)) disabled.add(c.endpoint_id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, claimed.length) }, worker));
  }
  return result;
}

/** Record one attempt; returns whether the endpoint is now disabled. */
async function recordOutcome(em: EntityManager, c: Claimed, outcome: AttemptOutcome, at: Date, o: WebhookSettings, result: DeliveryResult): Promise<boolean> {
  return em.fork().transactional(async (tx) => {
    const knex = tx.getKnex();
    const trx = tx.getTransactionContext();
    await knex('webhook_delivery_attempt')
      .insert({
        id: randomUUID(),
        organization_id: c.organization_id,
        delivery_id: c.id,
        attempted_at: at,
        succeeded: outcome.ok,
        response_status: outcome.status,
        error: outcome.error,
        duration_ms: outcome.durationMs,
        created_at: at,
        updated_at: at,
      })
      .transacting(trx);
    const attempts = c.attempts + 1;
    if (outcome.ok) {
      // `status = PENDING`: a late report from a dispatcher whose lease had expired changes nothing.
      await knex('webhook_delivery')
        .where({ id: c.id, status: WebhookDeliveryStatus.PENDING })
        .update({ status: WebhookDeliveryStatus.DELIVERED, attempts, delivered_at: at, last_attempt_at: at, last_response_status: outcome.status, last_error: null, lease_until: null, updated_at: at })
        .transacting(trx);
      await knex('webhook_endpoint').where({ id: c.endpoint_id }).update({ consecutive_failures: 0 }).transacting(trx);
      result.delivered += 1;
      return false;
    }
    const giveUp = attempts >= o.maxAttempts;
    await knex('webhook_delivery')
      .where({ id: c.id, status: WebhookDeliveryStatus.PENDING })
      .update({
        status: giveUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING,
        attempts,
        next_attempt_at: new Date(at.getTime() + backoffMs(attempts, o.baseBackoffMs, o.maxBackoffMs)),
        last_attempt_at: at,
        last_response_status: outcome.status,
        last_error: outcome.error,
        lease_until: null,
        updated_at: at,
      })
      .transacting(trx);
    result.failed += 1;
    if (giveUp) result.gaveUp += 1;
    const disabled = (await knex('webhook_endpoint')
      .where({ id: c.endpoint_id })
      .update({
        consecutive_failures: knex.raw('consecutive_failures + 1'),
        enabled: knex.raw('case when enabled and consecutive_failures + 1 >= ? then false else enabled end', [o.disableAfterFailures]),
        disabled_at: knex.raw('case when enabled and consecutive_failures + 1 >= ? then ?::timestamptz else disabled_at end', [o.disableAfterFailures, at]),
        disabled_reason: knex.raw('case when enabled and consecutive_failures + 1 >= ? then ? else disabled_reason end', [o.disableAfterFailures, `Disabled after ${o.disableAfterFailures} failed attempts in a row; last: ${outcome.error}`]),
        updated_at: at,
      })
      .returning(['enabled', 'consecutive_failures'])
      .transacting(trx)) as { enabled: boolean; consecutive_failures: number }[];
    const row = disabled[0];
    if (row && !row.enabled && row.consecutive_failures === o.disableAfterFailures) {
      result.endpointsDisabled += 1;
      logger.warn({ endpointId: c.endpoint_id, error: outcome.error }, 'webhook endpoint disabled after repeated failures');
    }
    return row ? !row.enabled : false;
  });
}
