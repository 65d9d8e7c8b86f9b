import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { sql } from '../support/engagement.js';
import type { SeedResult } from '../../src/db/seed.js';
import { DomainEventType } from '../../src/modules/engagement/engagement.enums.js';
import { emitEvent } from '../../src/modules/engagement/outbox.service.js';
import { pruneEngagementLog } from '../../src/modules/engagement/retention.service.js';

/**
 * Retention prunes the engagement log past its period, in batches, and never what is still
 * needed: pending deliveries, events behind notifications, each aggregate's latest event.
 */

let app: TestApp;
let acme: SeedResult;
const NOW = new Date('2031-06-01T12:00:00Z');
const OLD = new Date(NOW.getTime() - 45 * 86_400_000);
const RECENT = new Date(NOW.getTime() - 5 * 86_400_000);

async function emit(aggregateId: string, at: Date, n: number): Promise<string[]> {
  const em = app.orm.em.fork();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const e = emitEvent(em, { organizationId: acme.organizationId, type: DomainEventType.REMINDER_DUE, aggregateType: 'Mentorship', aggregateId, actorId: null, payload: { kind: 'TEST', i }, at });
    ids.push(e.id);
    await em.flush(); // one at a time: the trigger numbers them 1, 2, 3…
  }
  await sql(app, 'update outbox_event set dispatched_at = occurred_at where id = any(?::uuid[])', [ids]);
  return ids;
}

async function delivery(endpointId: string, eventId: string, status: 'PENDING' | 'DELIVERED' | 'FAILED', at: Date): Promise<string> {
  const id = randomUUID();
  const [event] = await sql<{ aggregate_id: string; sequence: number }>(app, 'select aggregate_id, sequence from outbox_event where id = ?', [eventId]);
  await sql(
    app,
    `insert into webhook_delivery (id, organization_id, endpoint_id, event_id, aggregate_id, sequence, status, attempts, next_attempt_at, last_attempt_at, delivered_at, created_at)
     values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    [id, acme.organizationId, endpointId, eventId, event!.aggregate_id, event!.sequence, status, at, at, status === 'DELIVERED' ? at : null, at],
  );
  await sql(app, `insert into webhook_delivery_attempt (id, organization_id, delivery_id, attempted_at, succeeded, duration_ms) values (?, ?, ?, ?, ?, 5)`, [randomUUID(), acme.organizationId, id, at, status === 'DELIVERED']);
  return id;
}

const exists = async (table: string, id: string) => (await sql<{ n: number }>(app, `select count(*)::int as n from ${table} where id = ?`, [id]))[0]!.n === 1;

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 60, seed: 3, slug: 'acme' });
});
afterAll(async () => app?.close());

describe('engagement log retention', () => {
  it('prunes old attempts, ended deliveries and dispatched events — and keeps pending work, notified events and each aggregate\'s latest event', async () => {
    const endpointId = randomUUID();
    await sql(app, `insert into webhook_endpoint (id, organization_id, url, description, event_types, secret, enabled) values (?, ?, 'https://hooks.example.com/x', '', '{}', 'whsec_test', true)`, [endpointId, acme.organizationId]);
    const a = randomUUID();
    const [a1, a2, a3, a4] = (await emit(a, OLD, 4)) as [string, string, string, string];
    const b = randomUUID();
    const [b1] = (await emit(b, OLD, 1)) as [string];
    const c = randomUUID();
    const [c1, c2] = (await emit(c, RECENT, 2)) as [string, string];

    const delivered = await delivery(endpointId, a1, 'DELIVERED', OLD);
    const failed = await delivery(endpointId, a2, 'FAILED', OLD);
    const pending = await delivery(endpointId, a3, 'PENDING', OLD);
    const recentDelivered = await delivery(endpointId, c1, 'DELIVERED', RECENT);
    // a4 sits in someone's inbox.
    await sql(app, `insert into notification (id, organization_id, recipient_id, event_id, type, subject_type, subject_id, message) values (?, ?, ?, ?, 'REMINDER_DUE', 'Mentorship', ?, 'm')`, [randomUUID(), acme.organizationId, acme.demoUsers.mentee, a4, a]);
    // a5 is the latest event of a: kept, so a's next event continues at 6.
    const [a5] = (await emit(a, OLD, 1)) as [string];

    const result = await pruneEngagementLog(app.orm.em.fork(), NOW, { retentionDays: 30, batchSize: 1 });
    expect(result).toEqual({ attempts: 3, deliveries: 2, events: 2 });

    expect(await exists('webhook_delivery', delivered)).toBe(false);
    expect(await exists('webhook_delivery', failed)).toBe(false);
    expect(await exists('webhook_delivery', pending)).toBe(true);
    expect(await exists('webhook_delivery', recentDelivered)).toBe(true);
    expect(await exists('outbox_event', a1)).toBe(false);
    expect(await exists('outbox_event', a2)).toBe(false);
    expect(await exists('outbox_event', a3)).toBe(true); // its delivery is pending
    expect(await exists('outbox_event', a4)).toBe(true); // a notification points at it
    expect(await exists('outbox_event', a5)).toBe(true); // latest of its aggregate
    expect(await exists('outbox_event', b1)).toBe(true); // the only, so the latest, of b
    expect(await exists('outbox_event', c1)).toBe(true); // recent
    expect(await exists('outbox_event', c2)).toBe(true);
    const pendingAttempts = await sql<{ n: number }>(app, 'select count(*)::int as n from webhook_delivery_attempt where delivery_id = ?', [pending]);
    expect(pendingAttempts[0]!.n).toBe(0); // an attempt past the period goes even when its delivery stays

    const [next] = (await emit(a, NOW, 1)) as [string];
    const [row] = await sql<{ sequence: number }>(app, 'select sequence from outbox_event where id = ?', [next]);
    expect(row!.sequence).toBe(6);

    // Now a5 is no longer the latest: the next pass takes it, and nothing else; then nothing at all.
    expect(await pruneEngagementLog(app.orm.em.fork(), NOW, { retentionDays: 30 })).toEqual({ attempts: 0, deliveries: 0, events: 1 });
    expect(await exists('outbox_event', a5)).toBe(false);
    expect(await pruneEngagementLog(app.orm.em.fork(), NOW, { retentionDays: 30 })).toEqual({ attempts: 0, deliveries: 0, events: 0 });
  });

  it('refuses a retention period below one day', async () => {
    await expect(pruneEngagementLog(app.orm.em.fork(), NOW, { retentionDays: 0 })).rejects.toThrow(RangeError);
  });
});
