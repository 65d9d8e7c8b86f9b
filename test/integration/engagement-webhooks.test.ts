import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startTestApp, type TestApp } from '../support/app.js';
import { futureStart, mentoringProgramme, setCapacity, type ProgrammeCast } from '../support/mentorship.js';
import { ACCEPT, DECLINE, REQUEST_MENTOR, gqlData, sql, startReceiver, tokenFor, type ReceivedRequest, type UserErrorShape } from '../support/engagement.js';
import type { SeedResult } from '../../src/db/seed.js';
import { initOrm } from '../../src/db/orm.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { scoringCache } from '../../src/modules/matching/scoring-cache.js';
import { dispatchOutbox } from '../../src/modules/engagement/engagement.jobs.js';
import { backoffMs, type DeliveryOptions } from '../../src/modules/engagement/dispatcher.service.js';
import { verifyWebhookSignature } from '../../src/modules/engagement/webhook-signature.js';
import { createWebhookEndpoint } from '../../src/modules/engagement/webhook.service.js';
import { DomainError } from '../../src/graphql/errors.js';

/**
 * Webhooks against a real HTTP receiver on loopback: signed and verifiable, in order per
 * aggregate, retried with backoff, every event delivered once a failing receiver recovers, and
 * nothing lost when the dispatcher dies mid-delivery.
 */

let app: TestApp;
let acme: SeedResult;
let cast: ProgrammeCast;
let token: (personId: string, role?: Role) => Promise<string>;
let admin: string;
let programmeId: string;
const T0 = futureStart(1);
const HOUR = 3_600_000;

const CREATE = /* GraphQL */ `
  mutation($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { endpoint { id url enabled eventTypes } secret userErrors { field message code } }
  }`;

async function createEndpoint(url: string, eventTypes?: string[]): Promise<{ id: string; secret: string }> {
  const res = await gqlData<{ createWebhookEndpoint: { endpoint: { id: string }; secret: string; userErrors: UserErrorShape[] } }>(app, CREATE, { input: { url, eventTypes, description: 'test receiver' } }, admin);
  expect(res.createWebhookEndpoint.userErrors).toEqual([]);
  return { id: res.createWebhookEndpoint.endpoint.id, secret: res.createWebhookEndpoint.secret };
}

async function disableEndpoint(id: string): Promise<void> {
  const res = await gqlData<{ disableWebhookEndpoint: { endpoint: { enabled: boolean }; userErrors: UserErrorShape[] } }>(
    app,
    `mutation($input: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $input) { endpoint { enabled } userErrors { code } } }`,
    { input: { endpointId: id } },
    admin,
  );
  expect(res.disableWebhookEndpoint).toEqual({ endpoint: { enabled: false }, userErrors: [] });
}

const used = new Set<string>();
/** A fresh mentorship through the request flow: request.created, request.accepted, mentorship.started. */
async function newMentorship(message = 'a private note'): Promise<{ mentorshipId: string; mentor: string; mentee: string; requestId: string }> {
  for (const mentee of cast.mentees) {
    if (used.has(mentee)) continue;
    used.add(mentee);
    const s = await gqlData<{ suggestedMentors: { edges: { node: { id: string } }[] } }>(app, `query($p: ID!) { suggestedMentors(programmeId: $p, first: 1) { edges { node { id } } } }`, { p: programmeId }, await token(mentee));
    const mentorGlobal = s.suggestedMentors.edges[0]?.node.id;
    if (!mentorGlobal) continue;
    const mentor = fromGlobalId(mentorGlobal)!.id;
    const asked = await gqlData<{ requestMentor: { request: { id: string } | null; userErrors: UserErrorShape[] } }>(app, REQUEST_MENTOR, { input: { programmeId, mentorId: mentorGlobal, message } }, await token(mentee));
    if (!asked.requestMentor.request) continue;
    const accepted = await gqlData<{ acceptMentorRequest: { mentorship: { id: string } | null; userErrors: UserErrorShape[] } }>(app, ACCEPT, { input: { requestId: asked.requestMentor.request.id } }, await token(mentor));
    expect(accepted.acceptMentorRequest.userErrors).toEqual([]);
    return { mentorshipId: accepted.acceptMentorRequest.mentorship!.id, mentor, mentee, requestId: asked.requestMentor.request.id };
  }
  throw new Error('no mentee left');
}

async function transition(name: 'pauseMentorship' | 'resumeMentorship' | 'completeMentorship', mentorshipId: string, personId: string, extra: Record<string, unknown> = {}): Promise<void> {
  const inputType = name === 'completeMentorship' ? 'CompleteMentorshipInput' : 'MentorshipTransitionInput';
  const res = await gqlData<Record<string, { userErrors: UserErrorShape[] }>>(
    app,
    `mutation($input: ${inputType}!) { ${name}(input: $input) { mentorship { status } userErrors { code message } } }`,
    { input: { mentorshipId, ...extra } },
    await token(personId),
  );
  expect(res[name]!.userErrors).toEqual([]);
}

/** Dispatch until nothing is due, moving the injected clock past each backoff. */
async function dispatchUntilQuiet(options: DeliveryOptions = {}, step = HOUR, rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await dispatchOutbox(app.orm.em.fork(), () => app.clock.now, options);
    const [{ n }] = (await sql<{ n: number }>(app, `select count(*)::int as n from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id where d.status = 'PENDING' and e.enabled`)) as [{ n: number }];
    if (n === 0) return;
    app.clock.now = new Date(app.clock.now.getTime() + step);
  }
  throw new Error('deliveries still pending');
}

async function eventIdsFor(endpointGlobalId: string): Promise<string[]> {
  const rows = await sql<{ event_id: string }>(app, 'select event_id from webhook_delivery where endpoint_id = ? order by event_id', [fromGlobalId(endpointGlobalId)!.id]);
  return rows.map((r) => r.event_id);
}

/** Per aggregate, the sequences in the order the receiver acknowledged them (first acknowledgement per event). */
function acknowledgedOrder(received: ReceivedRequest[]): Map<string, number[]> {
  const seen = new Set<string>();
  const byAggregate = new Map<string, number[]>();
  for (const r of received) {
    if (r.answered === null || r.answered >= 300 || seen.has(r.json.id)) continue;
    seen.add(r.json.id);
    const list = byAggregate.get(r.json.aggregate.id) ?? [];
    list.push(r.json.aggregate.sequence);
    byAggregate.set(r.json.aggregate.id, list);
  }
  return byAggregate;
}

function expectIncreasing(order: Map<string, number[]>): void {
  for (const [aggregate, sequences] of order) expect(sequences, aggregate).toEqual([...sequences].sort((a, b) => a - b));
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 400, seed: 5, slug: 'acme' });
  cast = await mentoringProgramme(app, acme);
  programmeId = toGlobalId('Programme', cast.programmeId);
  token = tokenFor(app, acme.organizationId);
  admin = await token(acme.demoUsers.admin, Role.ORG_ADMIN);
  app.clock.now = T0;
  for (const m of cast.mentors) await setCapacity(app, cast.programmeId, m.personId, 6);
  scoringCache.invalidate(); // capacities changed behind the API's back
  // Nothing from before this file's endpoints.
  await dispatchOutbox(app.orm.em.fork(), () => app.clock.now);
});
afterAll(async () => app?.close());

describe('registering endpoints', () => {
  it('is for organisation admins only, validates the URL, and shows the secret once', async () => {
    const asCoordinator = await gqlData<{ createWebhookEndpoint: { endpoint: unknown; userErrors: UserErrorShape[] } }>(app, CREATE, { input: { url: 'https://example.org/hooks' } }, await token(acme.demoUsers.coordinator, Role.COORDINATOR));
    expect(asCoordinator.createWebhookEndpoint).toEqual({ endpoint: null, secret: null, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
    for (const url of ['ftp://example.org/x', 'not a url', 'https://user:pw@example.org/x']) {
      const bad = await gqlData<{ createWebhookEndpoint: { userErrors: UserErrorShape[] } }>(app, CREATE, { input: { url } }, admin);
      expect(bad.createWebhookEndpoint.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'url'] })]);
    }
    const { id, secret } = await createEndpoint('https://example.org/hooks', ['MENTORSHIP_STARTED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await gqlData<{ webhookEndpoints: { nodes: { id: string; eventTypes: string[]; enabled: boolean }[] } }>(app, `{ webhookEndpoints { nodes { id eventTypes enabled } } }`, {}, admin);
    expect(listed.webhookEndpoints.nodes).toContainEqual({ id, eventTypes: ['MENTORSHIP_STARTED'], enabled: true });
    const secretField = await app.gql(`{ webhookEndpoints { nodes { secret } } }`, {}, admin);
    expect(secretField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const asMember = await app.gql(`{ webhookEndpoints { totalCount } }`, {}, await token(cast.mentees[0]!));
    expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await gqlData(app, `mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedEndpointId } }`, { input: { endpointId: id } }, admin);
  });
});

describe('rotating the secret', () => {
  it('signs every later delivery with the new secret only', async () => {
    const receiver = await startReceiver();
    try {
      const { id, secret: old } = await createEndpoint(receiver.url, ['MENTORSHIP_STARTED']);
      const rotated = await gqlData<{ rotateWebhookEndpointSecret: { secret: string; userErrors: UserErrorShape[] } }>(
        app,
        `mutation($input: RotateWebhookEndpointSecretInput!) { rotateWebhookEndpointSecret(input: $input) { secret userErrors { code } } }`,
        { input: { endpointId: id } },
        admin,
      );
      const secret = rotated.rotateWebhookEndpointSecret.secret;
      expect(secret).toMatch(/^whsec_/);
      expect(secret).not.toBe(old);
      await newMentorship();
      await dispatchUntilQuiet();
      expect(receiver.received).toHaveLength(1);
      const [r] = receiver.received as [ReceivedRequest];
      const timestamp = String(r.headers['x-mentormatch-timestamp']);
      const signature = String(r.headers['x-mentormatch-signature']);
      expect(verifyWebhookSignature({ secret, timestamp, body: r.body, signature, nowSeconds: Number(timestamp) })).toBe(true);
      expect(verifyWebhookSignature({ secret: old, timestamp, body: r.body, signature, nowSeconds: Number(timestamp) })).toBe(false);
      await disableEndpoint(id);
    } finally {
      await receiver.close();
    }
  });
});

describe('delivery', () => {
  it('events arrive signed and verifiable, in order per mentorship, with IDs and statuses only — and a filtered endpoint gets only its types', async () => {
    const receiver = await startReceiver();
    const filtered = await startReceiver();
    try {
      const all = await createEndpoint(receiver.url);
      const onlyStarts = await createEndpoint(filtered.url, ['MENTORSHIP_STARTED']);
      const m = await newMentorship('PRIVATE-MESSAGE-1234');
      app.clock.now = new Date(T0.getTime() + HOUR);
      await transition('pauseMentorship', m.mentorshipId, m.mentor);
      await transition('resumeMentorship', m.mentorshipId, m.mentee);
      await transition('completeMentorship', m.mentorshipId, m.mentee, { reflection: 'PRIVATE-REFLECTION-5678' });
      // A declined request with a private note, for the privacy check.
      const other = await newMentorship();
      const extra = await gqlData<{ requestMentor: { request: { id: string } | null; userErrors: UserErrorShape[] } }>(
        app,
        REQUEST_MENTOR,
        { input: { programmeId, mentorId: toGlobalId('Person', m.mentor), message: 'PRIVATE-MESSAGE-9999' } },
        await token([...cast.mentees].reverse().find((x) => !used.has(x))!),
      );
      if (extra.requestMentor.request) {
        await gqlData(app, DECLINE, { input: { requestId: extra.requestMentor.request.id, reason: 'OTHER', note: 'PRIVATE-NOTE-4321' } }, await token(m.mentor));
      }

      await dispatchUntilQuiet();
      const expected = await eventIdsFor(all.id);
      expect(new Set(receiver.received.map((r) => r.json.id))).toEqual(new Set(expected));
      expect(receiver.received).toHaveLength(expected.length);

      for (const r of receiver.received) {
        const timestamp = String(r.headers['x-mentormatch-timestamp']);
        const expectedSignature = `v1=${createHmac('sha256', all.secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
        expect(r.headers['x-mentormatch-signature']).toBe(expectedSignature);
        expect(Math.abs(Number(timestamp) - app.clock.now.getTime() / 1000)).toBeLessThan(300 + 30 * 3600);
        expect(r.headers['x-mentormatch-event-id']).toBe(r.json.id);
        expect(r.headers['x-mentormatch-event-type']).toBe(r.json.type);
        expect(r.headers['content-type']).toBe('application/json');
        expect(verifyWebhookSignature({ secret: all.secret, timestamp, body: r.body, signature: expectedSignature, nowSeconds: Number(timestamp) })).toBe(true);
        expect(verifyWebhookSignature({ secret: all.secret, timestamp, body: r.body.replace('"', '" '), signature: expectedSignature, nowSeconds: Number(timestamp) })).toBe(false);
        expect(verifyWebhookSignature({ secret: all.secret, timestamp, body: r.body, signature: expectedSignature, nowSeconds: Number(timestamp) + 3600 })).toBe(false);
        expect(r.body).not.toMatch(/PRIVATE-/);
        for (const value of Object.values(r.json.data)) expect(['string', 'number', 'boolean'].includes(typeof value) || value === null).toBe(true);
      }

      const mentorshipEvents = receiver.received.filter((r) => r.json.aggregate.id === m.mentorshipId);
      expect(mentorshipEvents.map((r) => [r.json.aggregate.sequence, r.json.type])).toEqual([
        [1, 'mentorship.started'],
        [2, 'mentorship.paused'],
        [3, 'mentorship.resumed'],
        [4, 'mentorship.completed'],
      ]);
      expect(mentorshipEvents[0]!.json.data).toMatchObject({ status: 'ACTIVE', mentorId: toGlobalId('Person', m.mentor), menteeId: toGlobalId('Person', m.mentee), programmeId });
      expect(mentorshipEvents[3]!.json.data).toMatchObject({ status: 'COMPLETED', previousStatus: 'ACTIVE' });
      const requestEvents = receiver.received.filter((r) => r.json.aggregate.id === m.requestId);
      expect(requestEvents.map((r) => [r.json.aggregate.sequence, r.json.type])).toEqual([
        [1, 'request.created'],
        [2, 'request.accepted'],
      ]);
      expectIncreasing(acknowledgedOrder(receiver.received));

      expect(filtered.received.map((r) => r.json.type)).toEqual(['mentorship.started', 'mentorship.started']);
      expect(new Set(filtered.received.map((r) => r.json.aggregate.id))).toEqual(new Set([m.mentorshipId, other.mentorshipId]));
      await disableEndpoint(all.id);
      await disableEndpoint(onlyStarts.id);
    } finally {
      await receiver.close();
      await filtered.close();
    }
  });

  it('a receiver that fails three times then recovers receives every event exactly once (by event id), in order per aggregate', async () => {
    const receiver = await startReceiver((i) => (i < 3 ? 500 : 200));
    try {
      const endpoint = await createEndpoint(receiver.url);
      const a = await newMentorship();
      const b = await newMentorship();
      await transition('pauseMentorship', a.mentorshipId, a.mentor);
      await transition('resumeMentorship', a.mentorshipId, a.mentor);
      await transition('pauseMentorship', b.mentorshipId, b.mentee);

      await dispatchUntilQuiet({ concurrency: 4 });
      const expected = await eventIdsFor(endpoint.id);
      expect(expected).toHaveLength(9); // 2 × (request.created, request.accepted, mentorship.started) + paused, resumed, paused
      const acknowledged = receiver.received.filter((r) => r.answered === 200).map((r) => r.json.id);
      expect(acknowledged.sort()).toEqual([...expected].sort()); // each exactly once
      expect(receiver.received.filter((r) => r.answered === 500)).toHaveLength(3);
      expect(receiver.received).toHaveLength(expected.length + 3);
      expectIncreasing(acknowledgedOrder(receiver.received));

      const log = await gqlData<{ webhookDeliveries: { totalCount: number; nodes: { status: string; attempts: number; eventId: string; lastResponseStatus: number; attemptLog: { succeeded: boolean; responseStatus: number; error: string | null }[] }[] } }>(
        app,
        `query($e: ID!) { webhookDeliveries(endpointId: $e, first: 100) { totalCount nodes { status attempts eventId lastResponseStatus attemptLog { succeeded responseStatus error } } } }`,
        { e: endpoint.id },
        admin,
      );
      expect(log.webhookDeliveries.totalCount).toBe(expected.length);
      expect(log.webhookDeliveries.nodes.every((d) => d.status === 'DELIVERED' && d.lastResponseStatus === 200)).toBe(true);
      const failures = log.webhookDeliveries.nodes.flatMap((d) => d.attemptLog.filter((x) => !x.succeeded));
      expect(failures).toHaveLength(3);
      expect(failures.every((f) => f.responseStatus === 500 && f.error === 'HTTP 500')).toBe(true);
      const retried = log.webhookDeliveries.nodes.filter((d) => d.attempts > 1);
      for (const d of retried) expect(d.attemptLog.map((x) => x.succeeded)).toEqual([...Array(d.attempts - 1).fill(false), true]);
      await disableEndpoint(endpoint.id);
    } finally {
      await receiver.close();
    }
  });

  it('a dispatcher that dies mid-delivery loses nothing: its claims expire and a new dispatcher sends the rest, in order', async () => {
    let crash: (() => void) | null = null;
    const receiver = await startReceiver((i) => (i === 3 ? 'hang' : 200));
    const endpoint = await createEndpoint(receiver.url);
    let doomed: MikroORM | null = null;
    try {
      const a = await newMentorship();
      const b = await newMentorship();
      await transition('pauseMentorship', a.mentorshipId, a.mentor);
      await transition('resumeMentorship', a.mentorshipId, a.mentor);
      await transition('pauseMentorship', b.mentorshipId, b.mentor);
      const expected = new Set<string>();

      // "Server" A: its own connection pool, killed (aborted, pool closed) while a request hangs.
      doomed = await initOrm({ url: String(app.orm.config.get('clientUrl')), poolMax: 4 });
      const abort = new AbortController();
      const crashed = new Promise<void>((resolve) => (crash = resolve));
      receiver.onRequest((r) => {
        if (r.index === 3) crash?.();
      });
      const runA = dispatchOutbox(doomed.em.fork(), () => app.clock.now, { signal: abort.signal, concurrency: 2, leaseMs: 60_000 }).catch(() => null);
      await crashed;
      abort.abort();
      await doomed.close(true);
      await runA;
      for (const id of await eventIdsFor(endpoint.id)) expected.add(id);
      const stateAfterCrash = await sql<{ status: string; leased: boolean }>(app, 'select status, lease_until is not null as leased from webhook_delivery where endpoint_id = ?', [fromGlobalId(endpoint.id)!.id]);
      expect(stateAfterCrash.some((d) => d.status === 'PENDING' && d.leased)).toBe(true);
      expect(stateAfterCrash.some((d) => d.status === 'PENDING')).toBe(true);

      // "Server" B starts after the dead one's leases expired.
      app.clock.now = new Date(app.clock.now.getTime() + 61_000);
      await dispatchUntilQuiet();
      const acknowledged = new Set(receiver.received.filter((r) => r.answered === 200).map((r) => r.json.id));
      expect(acknowledged).toEqual(expected);
      const states = await sql<{ status: string }>(app, 'select distinct status from webhook_delivery where endpoint_id = ?', [fromGlobalId(endpoint.id)!.id]);
      expect(states).toEqual([{ status: 'DELIVERED' }]);
      expectIncreasing(acknowledgedOrder(receiver.received));
      // At-least-once: the only event seen twice is the one in flight when A died (receivers dedupe by event id).
      const counts = new Map<string, number>();
      for (const r of receiver.received) counts.set(r.json.id, (counts.get(r.json.id) ?? 0) + 1);
      const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
      expect(twice).toContain(receiver.received[3]!.json.id);
      await disableEndpoint(endpoint.id);
    } finally {
      await receiver.close();
    }
  });

  it('an endpoint that keeps failing is disabled and its deliveries held; enabled again, it receives all of them', async () => {
    const receiver = await startReceiver(() => 503);
    try {
      const endpoint = await createEndpoint(receiver.url);
      const m = await newMentorship();
      await transition('pauseMentorship', m.mentorshipId, m.mentor);
      const options = { disableAfterFailures: 3, baseBackoffMs: 1000, concurrency: 1 };
      for (let i = 0; i < 6; i++) {
        await dispatchOutbox(app.orm.em.fork(), () => app.clock.now, options);
        app.clock.now = new Date(app.clock.now.getTime() + HOUR);
      }
      const state = await gqlData<{ node: { enabled: boolean; disabledReason: string; consecutiveFailures: number; deliveryCounts: { pending: number; delivered: number } } }>(
        app,
        `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { enabled disabledReason consecutiveFailures deliveryCounts { pending delivered } } } }`,
        { id: endpoint.id },
        admin,
      );
      expect(state.node).toMatchObject({ enabled: false, consecutiveFailures: 3, deliveryCounts: { pending: (await eventIdsFor(endpoint.id)).length, delivered: 0 } });
      expect(state.node.disabledReason).toMatch(/3 failed attempts in a row; last: HTTP 503/);
      expect(receiver.received).toHaveLength(3);
      // Exponential backoff: the next attempt waits base × 2^(attempts − 1) after the last one.
      const retries = await sql<{ attempts: number; wait_ms: number }>(
        app,
        `select attempts, (extract(epoch from next_attempt_at - last_attempt_at) * 1000)::int as wait_ms from webhook_delivery where endpoint_id = ? and attempts > 0`,
        [fromGlobalId(endpoint.id)!.id],
      );
      expect(retries.length).toBeGreaterThan(0);
      for (const r of retries) expect(r.wait_ms).toBe(backoffMs(r.attempts, 1000));
      expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
      expect(backoffMs(30)).toBe(6 * HOUR);

      receiver.setBehaviour(() => 200);
      const enableAsMember = await gqlData<{ enableWebhookEndpoint: { userErrors: UserErrorShape[] } }>(
        app,
        `mutation($input: EnableWebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { userErrors { code } } }`,
        { input: { endpointId: endpoint.id } },
        await token(m.mentee),
      );
      expect(enableAsMember.enableWebhookEndpoint.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
      const enabled = await gqlData<{ enableWebhookEndpoint: { endpoint: { enabled: boolean; consecutiveFailures: number }; userErrors: UserErrorShape[] } }>(
        app,
        `mutation($input: EnableWebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { endpoint { enabled consecutiveFailures } userErrors { code } } }`,
        { input: { endpointId: endpoint.id } },
        admin,
      );
      expect(enabled.enableWebhookEndpoint).toEqual({ endpoint: { enabled: true, consecutiveFailures: 0 }, userErrors: [] });
      await dispatchUntilQuiet();
      const acknowledged = new Set(receiver.received.filter((r) => r.answered === 200).map((r) => r.json.id));
      expect(acknowledged).toEqual(new Set(await eventIdsFor(endpoint.id)));
      expectIncreasing(acknowledgedOrder(receiver.received));
      await disableEndpoint(endpoint.id);
    } finally {
      await receiver.close();
    }
  });

  it('a delivery the receiver keeps rejecting is given up after the maximum attempts (the rest of its aggregate goes on), and an admin can retry it', async () => {
    let rejectType = 'request.accepted';
    const receiver = await startReceiver(() => 200);
    receiver.setBehaviour((i) => (receiver.received[i]!.json.type === rejectType ? 400 : 200));
    try {
      const endpoint = await createEndpoint(receiver.url);
      const m = await newMentorship();
      await dispatchUntilQuiet({ maxAttempts: 2, baseBackoffMs: 1000 });
      const failed = await gqlData<{ webhookDeliveries: { nodes: { id: string; status: string; attempts: number; lastError: string }[] } }>(
        app,
        `query($e: ID!) { webhookDeliveries(endpointId: $e, status: FAILED) { nodes { id status attempts lastError } } }`,
        { e: endpoint.id },
        admin,
      );
      expect(failed.webhookDeliveries.nodes).toEqual([expect.objectContaining({ status: 'FAILED', attempts: 2, lastError: 'HTTP 400' })]);
      // The request's later events were not held back behind the given-up one.
      expect(receiver.received.filter((r) => r.answered === 200 && r.json.aggregate.id === m.requestId)).toHaveLength(1);
      rejectType = 'none';
      const retry = await gqlData<{ retryWebhookDelivery: { delivery: { status: string }; userErrors: UserErrorShape[] } }>(
        app,
        `mutation($input: RetryWebhookDeliveryInput!) { retryWebhookDelivery(input: $input) { delivery { status } userErrors { code } } }`,
        { input: { deliveryId: failed.webhookDeliveries.nodes[0]!.id } },
        admin,
      );
      expect(retry.retryWebhookDelivery).toEqual({ delivery: { status: 'PENDING' }, userErrors: [] });
      await dispatchUntilQuiet();
      const acknowledged = new Set(receiver.received.filter((r) => r.answered === 200).map((r) => r.json.id));
      expect(acknowledged).toEqual(new Set(await eventIdsFor(endpoint.id)));
      await disableEndpoint(endpoint.id);
    } finally {
      await receiver.close();
    }
  });
});

describe('where webhooks may go (production policy: https only, no private networks)', () => {
  const strict = { requireHttps: true, allowPrivateNetworks: false } as const;

  it('refuses to register plain http, loopback, private, link-local (cloud metadata) and mapped-loopback addresses', async () => {
    const viewer = { organizationId: acme.organizationId, personId: acme.demoUsers.admin, role: Role.ORG_ADMIN } as Parameters<typeof createWebhookEndpoint>[1];
    const refused = [
      'http://hooks.example.com/x',
      'https://127.0.0.1/x',
      'https://localhost:8443/x',
      'https://api.localhost/x',
      'https://10.1.2.3/x',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://[fd00::1]/x',
    ];
    for (const url of refused) {
      const err = await createWebhookEndpoint(app.orm.em.fork(), viewer, { url }, app.clock.now, strict).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, url).toBeInstanceOf(DomainError);
      expect((err as DomainError).code, url).toBe('INVALID_INPUT');
    }
    const ok = await createWebhookEndpoint(app.orm.em.fork(), viewer, { url: 'https://hooks.example.com/mentoring' }, app.clock.now, strict);
    expect(ok.endpoint.url).toBe('https://hooks.example.com/mentoring');
    await sql(app, 'delete from webhook_endpoint where id = ?', [ok.endpoint.id]);
  });

  it('an endpoint registered earlier on a private address is refused at delivery time: nothing is sent, the attempt says why', async () => {
    const receiver = await startReceiver();
    try {
      const endpoint = await createEndpoint(receiver.url.replace('127.0.0.1', 'localhost'));
      await newMentorship();
      await dispatchOutbox(app.orm.em.fork(), () => app.clock.now, { network: { requireHttps: false, allowPrivateNetworks: false } });
      expect(receiver.received).toHaveLength(0);
      const attempts = await sql<{ error: string | null; response_status: number | null }>(
        app,
        'select a.error, a.response_status from webhook_delivery_attempt a join webhook_delivery d on d.id = a.delivery_id where d.endpoint_id = ?',
        [fromGlobalId(endpoint.id)!.id],
      );
      expect(attempts.length).toBeGreaterThan(0);
      for (const a of attempts) expect(a.error).toMatch(/^refused: /);
      await disableEndpoint(endpoint.id);
    } finally {
      await receiver.close();
    }
  });
});
