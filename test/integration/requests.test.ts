import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY_MS, futureStart, mentoringProgramme, setCapacity, start, type ProgrammeCast } from '../support/mentorship.js';
import { ACCEPT, DECLINE, REQUEST_MENTOR, SET_AVAILABILITY, WITHDRAW, gqlData, sql, tokenFor, type RequestShape, type UserErrorShape } from '../support/engagement.js';
import type { SeedResult } from '../../src/db/seed.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { declineRequestsOfUnavailableMentors, expireRequests } from '../../src/modules/request/request.service.js';
import { scoringCache } from '../../src/modules/matching/scoring-cache.js';

/**
 * The request lifecycle: PENDING → ACCEPTED | DECLINED | EXPIRED | WITHDRAWN | INVALIDATED,
 * through the GraphQL API against a real PostgreSQL.
 */

let app: TestApp;
let acme: SeedResult;
let cast: ProgrammeCast;
let token: (personId: string, role?: Role) => Promise<string>;
let coordinator: string;
let programmeId: string;
const T0 = futureStart(1);

type RequestPayload = { request: RequestShape | null; userErrors: UserErrorShape[] };

async function ask(mentee: string, mentor: string, message?: string): Promise<RequestPayload> {
  const data = await gqlData<{ requestMentor: RequestPayload }>(app, REQUEST_MENTOR, { input: { programmeId, mentorId: mentor, message } }, await token(mentee));
  return data.requestMentor;
}

async function askOk(mentee: string, mentor: string, message?: string): Promise<RequestShape> {
  const res = await ask(mentee, mentor, message);
  expect(res.userErrors).toEqual([]);
  return res.request!;
}

type AcceptPayload = { request: { id: string; status: string; mentorship: { id: string } | null } | null; mentorship: { id: string; status: string } | null; userErrors: UserErrorShape[] };

async function accept(mentor: string, requestId: string): Promise<AcceptPayload> {
  return (await gqlData<{ acceptMentorRequest: AcceptPayload }>(app, ACCEPT, { input: { requestId } }, await token(mentor))).acceptMentorRequest;
}

async function statusOf(requestGlobalId: string): Promise<string> {
  const [row] = await sql<{ status: string }>(app, 'select status from mentor_request where id = ?', [fromGlobalId(requestGlobalId)!.id]);
  return row!.status;
}

const uuid = (globalId: string) => fromGlobalId(globalId)!.id;
/** Mentees with at least `n` eligible mentors, each mentee used by one test only. */
let menteePool: string[];
async function nextMentee(n: number): Promise<{ mentee: string; mentors: string[] }> {
  for (;;) {
    const mentee = menteePool.shift();
    if (!mentee) throw new Error('ran out of mentees');
    const suggestions = await gqlData<{ suggestedMentors: { edges: { node: { id: string } }[] } }>(
      app,
      `query($p: ID!) { suggestedMentors(programmeId: $p, first: 20) { edges { node { id } } } }`,
      { p: programmeId },
      await token(mentee),
    );
    if (suggestions.suggestedMentors.edges.length >= n) return { mentee, mentors: suggestions.suggestedMentors.edges.map((e) => uuid(e.node.id)) };
  }
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 400, seed: 21, slug: 'acme' });
  cast = await mentoringProgramme(app, acme);
  programmeId = toGlobalId('Programme', cast.programmeId);
  token = tokenFor(app, acme.organizationId);
  coordinator = await token(acme.demoUsers.coordinator, Role.COORDINATOR);
  app.clock.now = T0;
  // Plenty of room everywhere, so each test controls capacity where it matters.
  for (const m of cast.mentors) await setCapacity(app, cast.programmeId, m.personId, 6);
  scoringCache.invalidate(); // capacities were changed behind the API's back
  menteePool = [...cast.mentees];
});
afterAll(async () => app?.close());

describe('asking a mentor', () => {
  let mentee: string;
  let mentors: string[];
  const pending: RequestShape[] = [];

  it('a mentee asks: the request is PENDING, expires after the programme\'s period, and the mentor finds it, note included, in their inbox', async () => {
    ({ mentee, mentors } = await nextMentee(5));
    const r = await askOk(mentee, toGlobalId('Person', mentors[0]!), 'I would love help with system design.');
    pending.push(r);
    expect(r.status).toBe('PENDING');
    expect(new Date(r.expiresAt).getTime()).toBe(T0.getTime() + 14 * DAY_MS);
    expect(r.score).toBeGreaterThanOrEqual(30);
    const inbox = await gqlData<{ mentorRequests: { totalCount: number; nodes: { id: string; message: string | null; mentee: { id: string } }[] } }>(
      app,
      `{ mentorRequests(as: MENTOR, status: PENDING) { totalCount nodes { id message mentee { id } } } }`,
      {},
      await token(mentors[0]!),
    );
    expect(inbox.mentorRequests.nodes).toEqual([{ id: r.id, message: 'I would love help with system design.', mentee: { id: toGlobalId('Person', mentee) } }]);
    // Coordinators see the request but never the private note.
    const asCoordinator = await gqlData<{ node: { id: string; status: string; message: string | null } }>(app, `query($id: ID!) { node(id: $id) { ... on MentorRequest { id status message } } }`, { id: r.id }, coordinator);
    expect(asCoordinator.node).toEqual({ id: r.id, status: 'PENDING', message: null });
    // Someone else in the organisation does not even learn it exists.
    const outsider = await gqlData<{ node: unknown }>(app, `query($id: ID!) { node(id: $id) { id } }`, { id: r.id }, await token(mentors[4]!));
    expect(outsider.node).toBeNull();
  });

  it('holds at most maxPendingRequests (3) pending: a fourth is LIMIT_REACHED; asking the same mentor twice is ALREADY_EXISTS', async () => {
    pending.push(await askOk(mentee, toGlobalId('Person', mentors[1]!)));
    pending.push(await askOk(mentee, toGlobalId('Person', mentors[2]!)));
    const fourth = await ask(mentee, toGlobalId('Person', mentors[3]!));
    expect(fourth.request).toBeNull();
    expect(fourth.userErrors.map((e) => e.code)).toEqual(['LIMIT_REACHED']);
    const again = await ask(mentee, toGlobalId('Person', mentors[0]!));
    expect(again.userErrors.map((e) => e.code)).toEqual(['ALREADY_EXISTS']);
    const [{ n }] = (await sql<{ n: number }>(app, `select count(*)::int as n from mentor_request where mentee_id = ? and status = 'PENDING'`, [mentee])) as [{ n: number }];
    expect(n).toBe(3);
  });

  it('two requests sent at once cannot slip past the limit together', async () => {
    const { mentee: m, mentors: ms } = await nextMentee(6);
    await askOk(m, toGlobalId('Person', ms[0]!));
    await askOk(m, toGlobalId('Person', ms[1]!));
    const racing = await Promise.all(ms.slice(2, 6).map((x) => ask(m, toGlobalId('Person', x))));
    expect(racing.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect(racing.filter((r) => r.userErrors.length > 0).map((r) => r.userErrors[0]!.code)).toEqual(['LIMIT_REACHED', 'LIMIT_REACHED', 'LIMIT_REACHED']);
  });

  it('checks the hard rules: a banned pair is EXCLUDED, yourself SAME_PERSON, a person who is not a mentor NOT_ENROLLED', async () => {
    const { mentee: m, mentors: ms } = await nextMentee(1);
    const ban = await app.gql<{ setPairRule: { ok: boolean } }>(
      `mutation($input: SetPairRuleInput!) { setPairRule(input: $input) { ok userErrors { code } } }`,
      { input: { programmeId, mentorId: toGlobalId('Person', ms[0]!), menteeId: toGlobalId('Person', m), kind: 'BAN', reason: 'Conflict of interest' } },
      coordinator,
    );
    expect(ban.data!.setPairRule.ok).toBe(true);
    expect((await ask(m, toGlobalId('Person', ms[0]!))).userErrors.map((e) => e.code)).toEqual(['EXCLUDED']);
    expect((await ask(m, toGlobalId('Person', m))).userErrors.map((e) => e.code)).toEqual(['SAME_PERSON']);
    const notAMentor = cast.mentees.find((x) => x !== m)!;
    expect((await ask(m, toGlobalId('Person', notAMentor))).userErrors.map((e) => e.code)).toEqual(['NOT_ENROLLED']);
  });

  it('illegal transitions are userErrors, never exceptions', async () => {
    const [a, b, c] = pending as [RequestShape, RequestShape, RequestShape];
    const byMentee = await accept(mentee, a.id);
    expect(byMentee.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const withdrawByMentor = await gqlData<{ withdrawMentorRequest: RequestPayload }>(app, WITHDRAW, { input: { requestId: c.id } }, await token(mentors[2]!));
    expect(withdrawByMentor.withdrawMentorRequest.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const withdrawn = await gqlData<{ withdrawMentorRequest: RequestPayload }>(app, WITHDRAW, { input: { requestId: c.id } }, await token(mentee));
    expect(withdrawn.withdrawMentorRequest.request!.status).toBe('WITHDRAWN');
    const twice = await gqlData<{ withdrawMentorRequest: RequestPayload }>(app, WITHDRAW, { input: { requestId: c.id } }, await token(mentee));
    expect(twice.withdrawMentorRequest.userErrors.map((e) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
    expect((await accept(mentors[2]!, c.id)).userErrors.map((e) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
    const declineOther = await gqlData<{ declineMentorRequest: RequestPayload }>(app, DECLINE, { input: { requestId: b.id, reason: 'OTHER' } }, await token(mentors[1]!));
    expect(declineOther.declineMentorRequest.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'note'] })]);
    const stranger = await accept(mentors[4]!, a.id);
    expect(stranger.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect(await statusOf(a.id)).toBe('PENDING');
    expect(await statusOf(b.id)).toBe('PENDING');
  });

  it('a mentor\'s email is hidden from the mentee until they are matched; accepting starts the relationship and invalidates the mentee\'s other requests in the same transaction', async () => {
    const [a, b] = pending as [RequestShape, RequestShape];
    const emailQuery = `query($id: ID!) { node(id: $id) { ... on Person { email } } }`;
    const before = await gqlData<{ node: { email: string | null } }>(app, emailQuery, { id: toGlobalId('Person', mentors[0]!) }, await token(mentee));
    expect(before.node.email).toBeNull();

    const res = await accept(mentors[0]!, a.id);
    expect(res.userErrors).toEqual([]);
    expect(res.request!.status).toBe('ACCEPTED');
    expect(res.mentorship!.status).toBe('ACTIVE');
    expect(res.request!.mentorship!.id).toBe(res.mentorship!.id);
    expect(await statusOf(b.id)).toBe('INVALIDATED');
    const [proposal] = await sql<{ source: string; status: string; mentor_id: string; mentee_id: string }>(
      app,
      'select p.source, p.status, p.mentor_id, p.mentee_id from mentorship m join match_proposal p on p.id = m.proposal_id where m.id = ?',
      [uuid(res.mentorship!.id)],
    );
    expect(proposal).toEqual({ source: 'REQUEST', status: 'APPROVED', mentor_id: mentors[0], mentee_id: mentee });
    // The acceptance, the start and the invalidation were written together, each with its outbox event.
    const events = await sql<{ type: string; aggregate_id: string }>(app, `select type, aggregate_id from outbox_event where aggregate_id = any(?::uuid[]) and type <> 'request.created' order by type`, [
      [uuid(a.id), uuid(b.id), uuid(res.mentorship!.id)],
    ]);
    expect(events).toEqual([
      { type: 'mentorship.started', aggregate_id: uuid(res.mentorship!.id) },
      { type: 'request.accepted', aggregate_id: uuid(a.id) },
      { type: 'request.invalidated', aggregate_id: uuid(b.id) },
    ]);
    const after = await gqlData<{ node: { email: string | null } }>(app, emailQuery, { id: toGlobalId('Person', mentors[0]!) }, await token(mentee));
    const [{ email }] = (await sql<{ email: string }>(app, 'select email from person where id = ?', [mentors[0]])) as [{ email: string }];
    expect(after.node.email).toBe(email);
    // Matched now: a new request is refused.
    expect((await ask(mentee, toGlobalId('Person', mentors[3]!))).userErrors.map((e) => e.code)).toEqual(['ALREADY_MATCHED']);
  });
});

describe('two mentors accepting the same mentee at the same time', () => {
  it('exactly one wins; the other gets ALREADY_MATCHED and its request ends INVALIDATED (5 races)', async () => {
    for (let round = 0; round < 5; round++) {
      const { mentee, mentors } = await nextMentee(2);
      const [p, q] = [mentors[0]!, mentors[1]!];
      const rp = await askOk(mentee, toGlobalId('Person', p));
      const rq = await askOk(mentee, toGlobalId('Person', q));
      const [ap, aq] = await Promise.all([accept(p, rp.id), accept(q, rq.id)]);
      const outcomes = [ap, aq];
      const winners = outcomes.filter((o) => o.userErrors.length === 0);
      const losers = outcomes.filter((o) => o.userErrors.length > 0);
      expect(winners).toHaveLength(1);
      expect(losers.map((l) => l.userErrors.map((e) => e.code))).toEqual([['ALREADY_MATCHED']]);
      const loserRequest = ap.userErrors.length ? rp : rq;
      const winnerRequest = ap.userErrors.length ? rq : rp;
      expect(await statusOf(loserRequest.id)).toBe('INVALIDATED');
      expect(await statusOf(winnerRequest.id)).toBe('ACCEPTED');
      const live = await sql<{ mentor_id: string }>(app, `select mentor_id from mentorship where mentee_id = ? and status in ('ACTIVE', 'PAUSED')`, [mentee]);
      expect(live).toHaveLength(1);
      expect(live[0]!.mentor_id).toBe(ap.userErrors.length ? q : p);
    }
  });
});

describe('a new request racing an acceptance of the same mentee', () => {
  it('never leaves a PENDING request behind a started mentorship (5 races)', async () => {
    for (let round = 0; round < 5; round++) {
      const { mentee, mentors } = await nextMentee(2);
      const r = await askOk(mentee, toGlobalId('Person', mentors[0]!));
      const [accepted, asked] = await Promise.all([accept(mentors[0]!, r.id), ask(mentee, toGlobalId('Person', mentors[1]!))]);
      expect(accepted.userErrors).toEqual([]);
      // Either the new request came first (and was invalidated by the acceptance) or it was refused.
      if (asked.userErrors.length) expect(asked.userErrors.map((e) => e.code)).toEqual(['ALREADY_MATCHED']);
      else expect(await statusOf(asked.request!.id)).toBe('INVALIDATED');
      expect(await sql(app, `select id from mentor_request where mentee_id = ? and status = 'PENDING'`, [mentee])).toEqual([]);
    }
  });
});

describe('capacity at acceptance', () => {
  it('is checked in the database when the mentor accepts: a mentor who filled up meanwhile gets NO_CAPACITY and the request stays PENDING', async () => {
    const { mentee, mentors } = await nextMentee(3);
    const busy = new Set((await sql<{ mentor_id: string }>(app, `select distinct mentor_id from mentorship where programme_id = ? and status in ('ACTIVE', 'PAUSED')`, [cast.programmeId])).map((r) => r.mentor_id));
    const mentor = mentors.find((m) => !busy.has(m))!;
    expect(mentor).toBeDefined();
    await setCapacity(app, cast.programmeId, mentor, 1);
    scoringCache.invalidate();
    const r = await askOk(mentee, toGlobalId('Person', mentor));
    const other = menteePool.shift()!;
    await start(app, { organizationId: acme.organizationId, programmeId: cast.programmeId, mentorId: mentor, menteeId: other, now: T0, allowOverCapacity: true });
    const res = await accept(mentor, r.id);
    expect(res.userErrors.map((e) => e.code)).toEqual(['NO_CAPACITY']);
    expect(await statusOf(r.id)).toBe('PENDING');
    // Nothing of the failed attempt was kept: no proposal, no mentorship, no event.
    expect(await sql(app, `select id from match_proposal where mentee_id = ? and source = 'REQUEST'`, [mentee])).toEqual([]);
    expect(await sql(app, `select id from outbox_event where aggregate_id = ? and type <> 'request.created'`, [uuid(r.id)])).toEqual([]);
  });
});

describe('expiry', () => {
  it('a request past the programme\'s expiry cannot be accepted: the attempt closes it as EXPIRED', async () => {
    const { mentee, mentors } = await nextMentee(1);
    const r = await askOk(mentee, toGlobalId('Person', mentors[0]!));
    app.clock.now = new Date(T0.getTime() + 14 * DAY_MS + 60_000);
    try {
      const res = await accept(mentors[0]!, r.id);
      expect(res.userErrors).toEqual([expect.objectContaining({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('expired') })]);
      expect(await statusOf(r.id)).toBe('EXPIRED');
    } finally {
      app.clock.now = T0;
    }
  });

  it('the expiry job expires exactly the requests past their date, with injected time, and a second run does nothing', async () => {
    const { mentee, mentors } = await nextMentee(2);
    const early = await askOk(mentee, toGlobalId('Person', mentors[0]!));
    app.clock.now = new Date(T0.getTime() + 2 * DAY_MS);
    const late = await askOk(mentee, toGlobalId('Person', mentors[1]!));
    app.clock.now = T0;
    const at = new Date(T0.getTime() + 15 * DAY_MS);
    const first = await expireRequests(app.orm.em.fork(), at);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(await statusOf(early.id)).toBe('EXPIRED');
    expect(await statusOf(late.id)).toBe('PENDING');
    expect(await expireRequests(app.orm.em.fork(), at)).toEqual({ expired: 0 });
    const events = await sql<{ type: string; sequence: number }>(app, 'select type, sequence from outbox_event where aggregate_id = ? order by sequence', [uuid(early.id)]);
    expect(events).toEqual([{ type: 'request.created', sequence: 1 }, { type: 'request.expired', sequence: 2 }]);
  });
});

describe('mentor availability', () => {
  it('going unavailable declines every open request with reason UNAVAILABLE, hides the mentor from suggestions and refuses new requests; coming back allows them again', async () => {
    const first = await nextMentee(1);
    const mentor = first.mentors[0]!;
    const r1 = await askOk(first.mentee, toGlobalId('Person', mentor));
    let second: string | null = null;
    let r2: RequestShape | null = null;
    while (!r2) {
      const candidate = menteePool.shift()!;
      const res = await ask(candidate, toGlobalId('Person', mentor));
      if (res.userErrors.length === 0) {
        second = candidate;
        r2 = res.request!;
      }
    }
    app.clock.now = new Date(T0.getTime() + 3_600_000);
    const open = (await sql<{ id: string }>(app, `select id from mentor_request where mentor_id = ? and status = 'PENDING'`, [mentor])).map((r) => toGlobalId('MentorRequest', r.id));
    expect(open).toEqual(expect.arrayContaining([r1.id, r2.id]));
    const off = await gqlData<{ setAvailability: { enrollment: { available: boolean }; declinedRequests: { id: string; status: string; declineReason: string }[]; userErrors: UserErrorShape[] } }>(
      app,
      SET_AVAILABILITY,
      { input: { programmeId, available: false } },
      await token(mentor),
    );
    expect(off.setAvailability.userErrors).toEqual([]);
    expect(off.setAvailability.enrollment.available).toBe(false);
    expect(off.setAvailability.declinedRequests.map((r) => r.id).sort()).toEqual(open.sort());
    expect(off.setAvailability.declinedRequests.every((r) => r.status === 'DECLINED' && r.declineReason === 'UNAVAILABLE')).toBe(true);
    const seen = await gqlData<{ mentorRequests: { nodes: { id: string; status: string; declineReason: string }[] } }>(app, `{ mentorRequests(as: MENTEE) { nodes { id status declineReason } } }`, {}, await token(second!));
    expect(seen.mentorRequests.nodes).toContainEqual({ id: r2.id, status: 'DECLINED', declineReason: 'UNAVAILABLE' });

    const third = menteePool.shift()!;
    expect((await ask(third, toGlobalId('Person', mentor))).userErrors.map((e) => e.code)).toEqual(['NO_CAPACITY']);
    const suggestionsQuery = `query($p: ID!) { suggestedMentors(programmeId: $p, first: 100) { edges { node { id } lastActiveAt } } }`;
    const hidden = await gqlData<{ suggestedMentors: { edges: { node: { id: string } }[] } }>(app, suggestionsQuery, { p: programmeId }, await token(first.mentee));
    expect(hidden.suggestedMentors.edges.map((e) => e.node.id)).not.toContain(toGlobalId('Person', mentor));

    const on = await gqlData<{ setAvailability: { enrollment: { available: boolean }; declinedRequests: unknown[] } }>(app, SET_AVAILABILITY, { input: { programmeId, available: true } }, await token(mentor));
    expect(on.setAvailability).toMatchObject({ enrollment: { available: true }, declinedRequests: [] });
    const back = await gqlData<{ suggestedMentors: { edges: { node: { id: string }; lastActiveAt: string | null }[] } }>(app, suggestionsQuery, { p: programmeId }, await token(first.mentee));
    const edge = back.suggestedMentors.edges.find((e) => e.node.id === toGlobalId('Person', mentor));
    // Mentees browsing see when the mentor was last active: answering requests counts.
    expect(edge?.lastActiveAt).toBe(app.clock.now.toISOString());
    app.clock.now = T0;
  });

  it('updateEnrollment(available: false) declines open requests at once, as setAvailability does, and drops the mentor from suggestions', async () => {
    const { mentee, mentors } = await nextMentee(1);
    const mentor = mentors[0]!;
    const r = await askOk(mentee, toGlobalId('Person', mentor));
    const [{ id: enrollmentId }] = (await sql<{ id: string }>(app, `select id from enrollment where programme_id = ? and person_id = ?`, [cast.programmeId, mentor])) as [{ id: string }];
    const updated = await gqlData<{ updateEnrollment: { enrollment: { available: boolean }; userErrors: UserErrorShape[] } }>(
      app,
      `mutation($input: UpdateEnrollmentInput!) { updateEnrollment(input: $input) { enrollment { available } userErrors { code } } }`,
      { input: { enrollmentId: toGlobalId('Enrollment', enrollmentId), available: false } },
      await token(mentor),
    );
    expect(updated.updateEnrollment).toEqual({ enrollment: { available: false }, userErrors: [] });
    const [row] = await sql<{ status: string; decline_reason: string }>(app, 'select status, decline_reason from mentor_request where id = ?', [uuid(r.id)]);
    expect(row).toEqual({ status: 'DECLINED', decline_reason: 'UNAVAILABLE' });
    // Nothing left for the safety net; the suggestion cache was dropped by the mutation itself.
    expect(await declineRequestsOfUnavailableMentors(app.orm.em.fork(), T0)).toEqual({ declined: 0 });
    const seen = await gqlData<{ suggestedMentors: { edges: { node: { id: string } }[] } }>(app, `query($p: ID!) { suggestedMentors(programmeId: $p, first: 100) { edges { node { id } } } }`, { p: programmeId }, await token(mentee));
    expect(seen.suggestedMentors.edges.map((e) => e.node.id)).not.toContain(toGlobalId('Person', mentor));
    const audit = await sql<{ after: { declinedRequests?: number } }>(app, `select "after" from audit_event where action = 'enrollment.updated' and subject_id = ? order by at desc limit 1`, [enrollmentId]);
    expect(audit[0]?.after.declinedRequests).toBe(1);
    await sql(app, 'update enrollment set available = true where id = ?', [enrollmentId]);
    scoringCache.invalidate();
  });

  it('availability switched off outside the API is caught by the request job: open requests are declined as UNAVAILABLE, once', async () => {
    const { mentee, mentors } = await nextMentee(1);
    const mentor = mentors[0]!;
    const r = await askOk(mentee, toGlobalId('Person', mentor));
    const [{ id: enrollmentId }] = (await sql<{ id: string }>(app, `select id from enrollment where programme_id = ? and person_id = ?`, [cast.programmeId, mentor])) as [{ id: string }];
    await sql(app, 'update enrollment set available = false where id = ?', [enrollmentId]);
    expect((await declineRequestsOfUnavailableMentors(app.orm.em.fork(), T0)).declined).toBe(1);
    const [row] = await sql<{ status: string; decline_reason: string }>(app, 'select status, decline_reason from mentor_request where id = ?', [uuid(r.id)]);
    expect(row).toEqual({ status: 'DECLINED', decline_reason: 'UNAVAILABLE' });
    expect(await declineRequestsOfUnavailableMentors(app.orm.em.fork(), T0)).toEqual({ declined: 0 });
    await sql(app, 'update enrollment set available = true where id = ?', [enrollmentId]);
    scoringCache.invalidate();
  });

  it('only the mentor or a coordinator changes availability; a mentee enrolment has none', async () => {
    const mentor = cast.mentors[cast.mentors.length - 1]!.personId;
    const member = cast.mentees[cast.mentees.length - 1]!;
    const someoneElse = await gqlData<{ setAvailability: { userErrors: UserErrorShape[] } }>(app, SET_AVAILABILITY, { input: { programmeId, available: false, mentorId: toGlobalId('Person', mentor) } }, await token(member));
    expect(someoneElse.setAvailability.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const menteeSelf = await gqlData<{ setAvailability: { userErrors: UserErrorShape[] } }>(app, SET_AVAILABILITY, { input: { programmeId, available: false } }, await token(member));
    expect(menteeSelf.setAvailability.userErrors.map((e) => e.code)).toEqual(['NOT_ENROLLED']);
    const byCoordinator = await gqlData<{ setAvailability: { enrollment: { available: boolean }; userErrors: UserErrorShape[] } }>(app, SET_AVAILABILITY, { input: { programmeId, available: false, mentorId: toGlobalId('Person', mentor) } }, coordinator);
    expect(byCoordinator.setAvailability).toMatchObject({ enrollment: { available: false }, userErrors: [] });
  });
});

describe('listing requests', () => {
  it('pages the viewer\'s requests newest first with a constant number of statements', async () => {
    const { mentee, mentors } = await nextMentee(3);
    for (let i = 0; i < 3; i++) {
      app.clock.now = new Date(T0.getTime() + i * 60_000);
      await askOk(mentee, toGlobalId('Person', mentors[i]!));
    }
    app.clock.now = T0;
    const q = `query($first: Int, $after: String) { mentorRequests(as: MENTEE, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id createdAt mentor { id name } programme { id } } } }`;
    const t = await token(mentee);
    const page1 = await gqlData<{ mentorRequests: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { createdAt: string; mentor: { id: string } }[] } }>(app, q, { first: 2 }, t);
    expect(page1.mentorRequests.totalCount).toBe(3);
    expect(page1.mentorRequests.nodes.map((n) => n.mentor.id)).toEqual([toGlobalId('Person', mentors[2]!), toGlobalId('Person', mentors[1]!)]);
    const page2 = await gqlData<{ mentorRequests: { pageInfo: { hasNextPage: boolean }; nodes: { mentor: { id: string } }[] } }>(app, q, { first: 2, after: page1.mentorRequests.pageInfo.endCursor }, t);
    expect(page2.mentorRequests.nodes.map((n) => n.mentor.id)).toEqual([toGlobalId('Person', mentors[0]!)]);
    expect(page2.mentorRequests.pageInfo.hasNextPage).toBe(false);
    const small = await app.countStatements(() => app.gql(q, { first: 1 }, t));
    const large = await app.countStatements(() => app.gql(q, { first: 3 }, t));
    expect(large.statements).toBe(small.statements);
  });
});

describe('accepting a request of a mentee with an open match proposal', () => {
  it('withdraws the proposal in the same transaction, so a coordinator cannot approve a second mentor for them', async () => {
    const run = await gqlData<{ runMatching: { run: { status: string } | null; userErrors: UserErrorShape[] } }>(
      app,
      `mutation($input: RunMatchingInput!) { runMatching(input: $input) { run { status } userErrors { code } } }`,
      { input: { programmeId } },
      coordinator,
    );
    expect(run.runMatching.userErrors).toEqual([]);
    const proposals = await sql<{ id: string; mentee_id: string; mentor_id: string }>(
      app,
      `select p.id, p.mentee_id, p.mentor_id from match_proposal p
        where p.programme_id = ? and p.status = 'PROPOSED'
          and not exists (select 1 from mentor_request r where r.mentee_id = p.mentee_id and r.status = 'PENDING')
        order by p.id`,
      [cast.programmeId],
    );
    let done = false;
    for (const p of proposals) {
      const seen = await gqlData<{ suggestedMentors: { edges: { node: { id: string } }[] } }>(app, `query($p: ID!) { suggestedMentors(programmeId: $p, first: 5) { edges { node { id } } } }`, { p: programmeId }, await token(p.mentee_id));
      const other = seen.suggestedMentors.edges.map((e) => uuid(e.node.id)).find((m) => m !== p.mentor_id);
      if (!other) continue;
      const asked = await ask(p.mentee_id, toGlobalId('Person', other));
      if (asked.userErrors.length) continue;
      const accepted = await accept(other, asked.request!.id);
      expect(accepted.userErrors).toEqual([]);
      const [row] = await sql<{ status: string }>(app, 'select status from match_proposal where id = ?', [p.id]);
      expect(row!.status).toBe('WITHDRAWN');
      const approve = await gqlData<{ approveMatchProposal: { userErrors: UserErrorShape[] } }>(
        app,
        `mutation($input: ApproveMatchProposalInput!) { approveMatchProposal(input: $input) { userErrors { code } } }`,
        { input: { proposalId: toGlobalId('MatchProposal', p.id) } },
        coordinator,
      );
      expect(approve.approveMatchProposal.userErrors.map((e) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
      done = true;
      break;
    }
    expect(done).toBe(true);
  });
});
