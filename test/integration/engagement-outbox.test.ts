import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY_MS, futureStart, mentoringProgramme, setCapacity, type ProgrammeCast } from '../support/mentorship.js';
import { ACCEPT, REQUEST_MENTOR, WITHDRAW, gqlData, sql, tokenFor, type UserErrorShape } from '../support/engagement.js';
import type { SeedResult } from '../../src/db/seed.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { scoringCache } from '../../src/modules/matching/scoring-cache.js';
import { DomainEventType } from '../../src/modules/engagement/engagement.enums.js';
import { emitEvent } from '../../src/modules/engagement/outbox.service.js';
import { fanOutEvents } from '../../src/modules/engagement/dispatcher.service.js';
import { dispatchOutbox } from '../../src/modules/engagement/engagement.jobs.js';
import { emitHealthStatusChanges } from '../../src/modules/engagement/health-events.service.js';

/**
 * The outbox: an event row per domain change, in the change's own transaction, numbered per
 * aggregate; fanned out to notifications once per person.
 */

let app: TestApp;
let acme: SeedResult;
let cast: ProgrammeCast;
let token: (personId: string, role?: Role) => Promise<string>;
let coordinator: string;
let programmeId: string;
const T0 = futureStart(1);

async function eventsOf(aggregateId: string): Promise<{ type: string; sequence: number; payload: Record<string, unknown>; actor_id: string | null }[]> {
  return sql(app, 'select type, sequence, payload, actor_id from outbox_event where aggregate_id = ? order by sequence', [aggregateId]);
}

async function countEvents(): Promise<number> {
  return (await sql<{ n: number }>(app, 'select count(*)::int as n from outbox_event'))[0]!.n;
}

const used = new Set<string>();
async function freshMentee(minMentors = 1): Promise<{ mentee: string; mentors: string[] }> {
  for (const mentee of cast.mentees) {
    if (used.has(mentee)) continue;
    used.add(mentee);
    const s = await gqlData<{ suggestedMentors: { edges: { node: { id: string } }[] } }>(app, `query($p: ID!) { suggestedMentors(programmeId: $p, first: 5) { edges { node { id } } } }`, { p: programmeId }, await token(mentee));
    if (s.suggestedMentors.edges.length >= minMentors) return { mentee, mentors: s.suggestedMentors.edges.map((e) => fromGlobalId(e.node.id)!.id) };
  }
  throw new Error('no mentee left');
}

async function ask(mentee: string, mentor: string, message?: string): Promise<string> {
  const res = await gqlData<{ requestMentor: { request: { id: string } | null; userErrors: UserErrorShape[] } }>(app, REQUEST_MENTOR, { input: { programmeId, mentorId: toGlobalId('Person', mentor), message } }, await token(mentee));
  expect(res.requestMentor.userErrors).toEqual([]);
  return res.requestMentor.request!.id;
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 400, seed: 8, slug: 'acme' });
  cast = await mentoringProgramme(app, acme);
  programmeId = toGlobalId('Programme', cast.programmeId);
  token = tokenFor(app, acme.organizationId);
  coordinator = await token(acme.demoUsers.coordinator, Role.COORDINATOR);
  app.clock.now = T0;
  for (const m of cast.mentors) await setCapacity(app, cast.programmeId, m.personId, 6);
  scoringCache.invalidate(); // capacities changed behind the API's back
});
afterAll(async () => app?.close());

describe('writing events', () => {
  it('a match run writes one proposal.created event per proposal, in the run\'s own transaction', async () => {
    const run = await gqlData<{ runMatching: { run: { id: string; stats: { matched: number } } } }>(
      app,
      `mutation($input: RunMatchingInput!) { runMatching(input: $input) { run { id stats { matched } } } }`,
      { input: { programmeId } },
      coordinator,
    );
    const runId = fromGlobalId(run.runMatching.run.id)!.id;
    const rows = await sql<{ n: number; events: number; first: number }>(
      app,
      `select count(*)::int as n,
              count(o.id)::int as events,
              count(*) filter (where o.sequence = 1 and o.type = 'proposal.created' and o.payload->>'status' = 'PROPOSED')::int as first
         from match_proposal p left join outbox_event o on o.aggregate_id = p.id where p.run_id = ?`,
      [runId],
    );
    expect(rows[0]!.n).toBe(run.runMatching.run.stats.matched);
    expect(rows[0]).toEqual({ n: rows[0]!.n, events: rows[0]!.n, first: rows[0]!.n });
  });

  it('approvals, rejections and relationship transitions write their events with the change; a refused change writes none', async () => {
    const proposals = await sql<{ id: string; mentee_id: string; mentor_id: string }>(app, `select id, mentee_id, mentor_id from match_proposal where status = 'PROPOSED' order by id limit 2`);
    const [p1, p2] = proposals as [(typeof proposals)[number], (typeof proposals)[number]];
    const approve = `mutation($input: ApproveMatchProposalInput!) { approveMatchProposal(input: $input) { mentorship { id } userErrors { code } } }`;
    const approved = await gqlData<{ approveMatchProposal: { mentorship: { id: string }; userErrors: UserErrorShape[] } }>(app, approve, { input: { proposalId: toGlobalId('MatchProposal', p1.id) } }, coordinator);
    expect(approved.approveMatchProposal.userErrors).toEqual([]);
    const mentorshipId = fromGlobalId(approved.approveMatchProposal.mentorship.id)!.id;
    await gqlData(app, `mutation($input: RejectMatchProposalInput!) { rejectMatchProposal(input: $input) { userErrors { code } } }`, { input: { proposalId: toGlobalId('MatchProposal', p2.id), reason: 'Too similar roles' } }, coordinator);

    const before = await countEvents();
    const again = await gqlData<{ approveMatchProposal: { userErrors: UserErrorShape[] } }>(app, approve, { input: { proposalId: toGlobalId('MatchProposal', p1.id) } }, coordinator);
    expect(again.approveMatchProposal.userErrors.map((e) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
    expect(await countEvents()).toBe(before);

    for (const name of ['pauseMentorship', 'resumeMentorship']) {
      await gqlData(app, `mutation($input: MentorshipTransitionInput!) { ${name}(input: $input) { userErrors { code } } }`, { input: { mentorshipId: toGlobalId('Mentorship', mentorshipId) } }, await token(p1.mentor_id));
    }
    await gqlData(
      app,
      `mutation($input: EndMentorshipEarlyInput!) { endMentorshipEarly(input: $input) { userErrors { code } } }`,
      { input: { mentorshipId: toGlobalId('Mentorship', mentorshipId), reason: 'SCHEDULE_CONFLICT', note: 'PRIVATE-NOTE' } },
      await token(p1.mentee_id),
    );
    expect((await eventsOf(p1.id)).map((e) => [e.sequence, e.type])).toEqual([
      [1, 'proposal.created'],
      [2, 'proposal.approved'],
    ]);
    expect((await eventsOf(p2.id)).map((e) => [e.sequence, e.type])).toEqual([
      [1, 'proposal.created'],
      [2, 'proposal.rejected'],
    ]);
    const lifecycle = await eventsOf(mentorshipId);
    expect(lifecycle.map((e) => [e.sequence, e.type, e.payload.status])).toEqual([
      [1, 'mentorship.started', 'ACTIVE'],
      [2, 'mentorship.paused', 'PAUSED'],
      [3, 'mentorship.resumed', 'ACTIVE'],
      [4, 'mentorship.ended_early', 'ENDED_EARLY'],
    ]);
    expect(lifecycle[3]!.payload).toMatchObject({ endReason: 'SCHEDULE_CONFLICT', previousStatus: 'ACTIVE' });
    expect(JSON.stringify(lifecycle)).not.toContain('PRIVATE-NOTE');
  });

  it('numbers the events of one aggregate 1, 2, 3… without gaps or duplicates, even from concurrent transactions, some rolled back', async () => {
    const aggregateId = randomUUID();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        app.orm.em.fork().transactional(async (tx) => {
          emitEvent(tx, { organizationId: acme.organizationId, type: DomainEventType.REMINDER_DUE, aggregateType: 'Mentorship', aggregateId, actorId: null, payload: { kind: 'TEST', dueOn: String(i) }, at: T0 });
          await tx.flush();
          await new Promise((r) => setTimeout(r, 5));
          if (i % 4 === 3) throw new Error('rolled back on purpose');
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(18);
    const sequences = (await eventsOf(aggregateId)).map((e) => e.sequence);
    expect(sequences).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    await sql(app, 'delete from outbox_event where aggregate_id = ?', [aggregateId]);
  });
});

describe('reacting to events', () => {
  it('a mentee matched by a coordinator has their pending requests INVALIDATED in the same transaction, and the mentors are told', async () => {
    const { mentee, mentors } = await freshMentee(3);
    const requestId = fromGlobalId(await ask(mentee, mentors[0]!))!.id;
    const override = await gqlData<{ overrideMatch: { userErrors: UserErrorShape[] } }>(
      app,
      `mutation($input: OverrideMatchInput!) { overrideMatch(input: $input) { userErrors { code message } } }`,
      { input: { programmeId, mentorId: toGlobalId('Person', mentors[1]!), menteeId: toGlobalId('Person', mentee), reason: 'Agreed at the kickoff' } },
      coordinator,
    );
    expect(override.overrideMatch.userErrors).toEqual([]);
    expect((await sql<{ status: string }>(app, 'select status from mentor_request where id = ?', [requestId]))[0]!.status).toBe('INVALIDATED');
    // The dispatcher's own reaction to mentorship.started finds nothing left to do: no second event.
    await dispatchOutbox(app.orm.em.fork(), () => app.clock.now);
    expect((await eventsOf(requestId)).map((e) => e.type)).toEqual(['request.created', 'request.invalidated']);
    await dispatchOutbox(app.orm.em.fork(), () => app.clock.now);
    const told = await gqlData<{ notifications: { nodes: { type: string; message: string; subjectId: string }[] } }>(app, `{ notifications(first: 5) { nodes { type message subjectId } } }`, {}, await token(mentors[0]!));
    expect(told.notifications.nodes.map((n) => n.type).sort()).toEqual(['REQUEST_CREATED', 'REQUEST_INVALIDATED']);
    expect(told.notifications.nodes.find((n) => n.type === 'REQUEST_INVALIDATED')).toEqual({
      type: 'REQUEST_INVALIDATED',
      message: expect.stringContaining('matched with another mentor'),
      subjectId: toGlobalId('MentorRequest', requestId),
    });
  });
});

describe('notifications', () => {
  let mentee: string;
  let mentor: string;
  let requestGlobalId: string;

  it('the mentor is told of a new request; the mentee of the answer; nobody of their own action', async () => {
    const found = await freshMentee(2);
    mentee = found.mentee;
    mentor = found.mentors[0]!;
    requestGlobalId = await ask(mentee, mentor);
    const withdrawnId = await ask(mentee, found.mentors[1]!);
    app.clock.now = new Date(T0.getTime() + 30_000);
    await gqlData(app, WITHDRAW, { input: { requestId: withdrawnId } }, await token(mentee));
    app.clock.now = new Date(T0.getTime() + 60_000);
    await gqlData(app, ACCEPT, { input: { requestId: requestGlobalId } }, await token(mentor));
    app.clock.now = T0;
    await dispatchOutbox(app.orm.em.fork(), () => app.clock.now);

    const q = `query($unread: Boolean) { notifications(first: 20, unreadOnly: $unread) { totalCount nodes { id type message read subjectId subject { id ... on MentorRequest { status } ... on Mentorship { mentorshipStatus: status } } } } }`;
    const forMentor = await gqlData<{ notifications: { nodes: { type: string; subjectId: string; subject: { status: string } | null }[] } }>(app, q, {}, await token(mentor));
    expect(forMentor.notifications.nodes.map((n) => n.type)).toEqual(['REQUEST_CREATED']);
    expect(forMentor.notifications.nodes[0]!.subject).toEqual({ id: requestGlobalId, status: 'ACCEPTED' });
    const forOther = await gqlData<{ notifications: { nodes: { type: string }[] } }>(app, q, {}, await token(found.mentors[1]!));
    expect(forOther.notifications.nodes.map((n) => n.type)).toEqual(['REQUEST_WITHDRAWN', 'REQUEST_CREATED']);
    const forMentee = await gqlData<{ notifications: { totalCount: number; nodes: { type: string; read: boolean }[] } }>(app, q, {}, await token(mentee));
    // Newest first; the mentee is not told about their own request or withdrawal, nor the mentor about their own acceptance.
    expect(forMentee.notifications.nodes.map((n) => n.type).sort()).toEqual(['MENTORSHIP_STARTED', 'REQUEST_ACCEPTED']);
    expect(forMentor.notifications.nodes.map((n) => n.type)).not.toContain('MENTORSHIP_STARTED');
  });

  it('a rerun of the fan-out creates nothing twice', async () => {
    const [before] = (await sql<{ n: number; d: number }>(app, 'select (select count(*)::int from notification) as n, (select count(*)::int from webhook_delivery) as d')) as [{ n: number; d: number }];
    await sql(app, 'update outbox_event set dispatched_at = null');
    const again = await fanOutEvents(app.orm.em.fork(), app.clock.now);
    expect(again.events).toBeGreaterThan(0);
    expect(again.notifications).toBe(0);
    const [after] = (await sql<{ n: number; d: number }>(app, 'select (select count(*)::int from notification) as n, (select count(*)::int from webhook_delivery) as d')) as [{ n: number; d: number }];
    expect(after).toEqual(before);
  });

  it('unreadOnly and markNotificationsRead work on your own notifications only; nobody else can fetch them, coordinators included', async () => {
    const q = `{ notifications(unreadOnly: true) { totalCount nodes { id } } }`;
    const mine = await gqlData<{ notifications: { totalCount: number; nodes: { id: string }[] } }>(app, q, {}, await token(mentee));
    expect(mine.notifications.totalCount).toBe(2);
    const mark = `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { markedCount unreadCount userErrors { code field } } }`;
    const neither = await gqlData<{ markNotificationsRead: { userErrors: UserErrorShape[] } }>(app, mark, { input: {} }, await token(mentee));
    expect(neither.markNotificationsRead.userErrors.map((e) => e.code)).toEqual(['INVALID_INPUT']);
    const someoneElses = await gqlData<{ markNotificationsRead: { markedCount: number } }>(app, mark, { input: { notificationIds: [mine.notifications.nodes[0]!.id] } }, await token(mentor));
    expect(someoneElses.markNotificationsRead.markedCount).toBe(0);
    const one = await gqlData<{ markNotificationsRead: { markedCount: number; unreadCount: number } }>(app, mark, { input: { notificationIds: [mine.notifications.nodes[0]!.id] } }, await token(mentee));
    expect(one.markNotificationsRead).toMatchObject({ markedCount: 1, unreadCount: 1 });
    const all = await gqlData<{ markNotificationsRead: { markedCount: number; unreadCount: number } }>(app, mark, { input: { all: true } }, await token(mentee));
    expect(all.markNotificationsRead).toMatchObject({ markedCount: 1, unreadCount: 0 });
    for (const viewer of [coordinator, await token(mentor), await token(acme.demoUsers.admin, Role.ORG_ADMIN)]) {
      const res = await gqlData<{ node: unknown }>(app, `query($id: ID!) { node(id: $id) { id } }`, { id: mine.notifications.nodes[0]!.id }, viewer);
      expect(res.node).toBeNull();
    }
    const own = await gqlData<{ node: { read: boolean } }>(app, `query($id: ID!) { node(id: $id) { ... on Notification { read } } }`, { id: mine.notifications.nodes[0]!.id }, await token(mentee));
    expect(own.node).toEqual({ read: true });
  });

  it('a page of notifications costs the same number of statements whatever its size', async () => {
    const [m] = await sql<{ id: string }>(app, `select id from mentorship where mentee_id = ?`, [mentee]);
    await app.orm.em.fork().transactional(async (tx) => {
      for (let i = 0; i < 12; i++) {
        emitEvent(tx, { organizationId: acme.organizationId, type: DomainEventType.REMINDER_DUE, aggregateType: 'Mentorship', aggregateId: m!.id, actorId: null, payload: { kind: 'PULSE_DUE', recipientId: toGlobalId('Person', mentee) }, at: new Date(T0.getTime() + DAY_MS + i * 1000) });
      }
      await tx.flush();
    });
    await dispatchOutbox(app.orm.em.fork(), () => app.clock.now);
    const q = `query($n: Int) { notifications(first: $n) { totalCount edges { cursor node { id type message createdAt subjectId subject { id ... on Mentorship { status } } } } } }`;
    const t = await token(mentee);
    const page = await gqlData<{ notifications: { totalCount: number; edges: { node: { message: string } }[] } }>(app, q, { n: 12 }, t);
    expect(page.notifications.edges).toHaveLength(12);
    expect(page.notifications.edges[0]!.node.message).toBe('Your private pulse survey is due.');
    const small = await app.countStatements(() => app.gql(q, { n: 2 }, t));
    const large = await app.countStatements(() => app.gql(q, { n: 12 }, t));
    expect(large.statements).toBe(small.statements);
  });
});

describe('health status changes', () => {
  it('are announced once per change, compared with the last announced status; coordinators are told of AT_RISK', async () => {
    const [m] = await sql<{ id: string; organization_id: string }>(app, `select id, organization_id from mentorship where status = 'ACTIVE' order by id limit 1`);
    const snapshot = async (day: Date, status: string, score: number) =>
      sql(app, `insert into health_snapshot (id, organization_id, mentorship_id, day, score, status, components) values (?, ?, ?, ?::date, ?, ?, '[]'::jsonb)`, [
        randomUUID(),
        m!.organization_id,
        m!.id,
        day.toISOString().slice(0, 10),
        score,
        status,
      ]);
    const d1 = new Date(T0.getTime() + 1 * DAY_MS);
    const d2 = new Date(T0.getTime() + 2 * DAY_MS);
    const d3 = new Date(T0.getTime() + 3 * DAY_MS);
    await snapshot(d1, 'HEALTHY', 70);
    expect(await emitHealthStatusChanges(app.orm.em.fork(), d1)).toEqual({ changed: 1 }); // NEW → HEALTHY
    await snapshot(d2, 'AT_RISK', 38);
    expect(await emitHealthStatusChanges(app.orm.em.fork(), d2)).toEqual({ changed: 1 });
    expect(await emitHealthStatusChanges(app.orm.em.fork(), d2)).toEqual({ changed: 0 });
    await snapshot(d3, 'AT_RISK', 35);
    expect(await emitHealthStatusChanges(app.orm.em.fork(), d3)).toEqual({ changed: 0 });
    const events = (await eventsOf(m!.id)).filter((e) => e.type === 'health.status_changed');
    expect(events.map((e) => [e.payload.previousStatus, e.payload.status, e.payload.healthScore])).toEqual([
      ['NEW', 'HEALTHY', 70],
      ['HEALTHY', 'AT_RISK', 38],
    ]);
    await dispatchOutbox(app.orm.em.fork(), () => app.clock.now);
    const coordinators = await sql<{ id: string }>(app, `select id from person where organization_id = ? and role = 'COORDINATOR'`, [acme.organizationId]);
    const alerted = await sql<{ recipient_id: string; message: string }>(app, `select recipient_id, message from notification where type = 'health.status_changed' and subject_id = ?`, [m!.id]);
    expect(alerted.map((a) => a.recipient_id).sort()).toEqual(coordinators.map((c) => c.id).sort());
    expect(alerted[0]!.message).toBe('A relationship\'s health changed to at risk.');
  });
});
