import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { daysAfter, futureStart, mentoringProgramme, start } from '../support/mentorship.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { snapshotHealth } from '../../src/modules/mentorship/health-snapshot.service.js';

/**
 * What each role can and cannot see. Private strings are planted in every private place (pulse
 * text, closing reflections, support flag note) and looked for in the raw response bodies.
 */

const SECRET = {
  menteePulse: 'SECRET-mentee-pulse-4f1c',
  mentorPulse: 'SECRET-mentor-pulse-9a2e',
  menteeReflection: 'SECRET-mentee-reflection-77b0',
  mentorReflection: 'SECRET-mentor-reflection-31d5',
  flag: 'SECRET-support-flag-c0de',
};
const SHARED_NOTE = 'shared-note-between-the-pair-5e6f';

let app: TestApp;
let acme: SeedResult;
let globex: SeedResult;
let programmeId: string;
let liveId: string;
let endedId: string;
let menteePulseId: string;
let checkInId: string;
let pairs: { mentor: string; mentee: string }[];
let t: Record<'mentee' | 'mentor' | 'otherMentee' | 'bystander' | 'coordinator' | 'admin' | 'foreignCoordinator' | 'foreignMember', string>;
const T0 = futureStart(2);

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 300, seed: 7, slug: 'acme' });
  globex = await app.seed({ people: 120, seed: 11, slug: 'globex' });
  const cast = await mentoringProgramme(app, acme);
  programmeId = cast.programmeId;
  const mentors = cast.mentors.filter((m) => m.capacity >= 1);
  pairs = [
    { mentor: mentors[0]!.personId, mentee: cast.mentees[0]! },
    { mentor: mentors[1]!.personId, mentee: cast.mentees[1]! },
  ];
  const enrolled = new Set([...cast.mentees, ...cast.mentors.map((m) => m.personId)]);
  const bystander = [...acme.personIds.values()].find((id) => !enrolled.has(id) && !Object.values(acme.demoUsers).includes(id))!;
  t = {
    mentee: await app.token(pairs[0]!.mentee, acme.organizationId, Role.MEMBER),
    mentor: await app.token(pairs[0]!.mentor, acme.organizationId, Role.MEMBER),
    otherMentee: await app.token(pairs[1]!.mentee, acme.organizationId, Role.MEMBER),
    bystander: await app.token(bystander, acme.organizationId, Role.MEMBER),
    coordinator: await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR),
    admin: await app.token(acme.demoUsers.admin, acme.organizationId, Role.ORG_ADMIN),
    foreignCoordinator: await app.token(globex.demoUsers.coordinator, globex.organizationId, Role.COORDINATOR),
    foreignMember: await app.token(globex.demoUsers.mentee, globex.organizationId, Role.MEMBER),
  };

  app.clock.now = T0;
  const live = await start(app, { organizationId: acme.organizationId, programmeId, mentorId: pairs[0]!.mentor, menteeId: pairs[0]!.mentee, now: T0 });
  const ended = await start(app, { organizationId: acme.organizationId, programmeId, mentorId: pairs[1]!.mentor, menteeId: pairs[1]!.mentee, now: T0 });
  liveId = toGlobalId('Mentorship', live.id);
  endedId = toGlobalId('Mentorship', ended.id);

  const must = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await app.gql<Record<string, { userErrors: unknown[] } & Record<string, unknown>>>(query, variables, token);
    expect(res.errors, res.raw).toBeUndefined();
    expect(Object.values(res.data!)[0]!.userErrors, res.raw).toEqual([]);
    return Object.values(res.data!)[0]!;
  };
  app.clock.now = daysAfter(T0, 3);
  const checkIn = await must(
    `mutation($i: LogCheckInInput!) { logCheckIn(input: $i) { checkIn { id } userErrors { code } } }`,
    { i: { mentorshipId: liveId, durationMinutes: 60, format: 'IN_PERSON', topics: ['Career'], sharedNote: SHARED_NOTE } },
    t.mentee,
  );
  checkInId = (checkIn.checkIn as { id: string }).id;
  app.clock.now = daysAfter(T0, 30);
  const pulse = `mutation($i: SubmitPulseInput!) { submitPulse(input: $i) { pulse { id } userErrors { code } } }`;
  const p = await must(pulse, { i: { mentorshipId: liveId, rating: 2, helping: false, text: SECRET.menteePulse } }, t.mentee);
  menteePulseId = (p.pulse as { id: string }).id;
  await must(pulse, { i: { mentorshipId: liveId, rating: 5, helping: true, text: SECRET.mentorPulse } }, t.mentor);
  await must(`mutation($i: RaiseSupportFlagInput!) { raiseSupportFlag(input: $i) { mentorship { id } userErrors { code } } }`, { i: { mentorshipId: liveId, note: SECRET.flag } }, t.mentee);
  await snapshotHealth(app.orm.em.fork(), acme.organizationId, app.clock.now);

  await must(
    `mutation($i: EndMentorshipEarlyInput!) { endMentorshipEarly(input: $i) { mentorship { id } userErrors { code } } }`,
    { i: { mentorshipId: endedId, reason: 'SCHEDULE_CONFLICT', note: 'Moved to a night shift', reflection: SECRET.menteeReflection } },
    await app.token(pairs[1]!.mentee, acme.organizationId, Role.MEMBER),
  );
  await must(
    `mutation($i: SubmitClosingReflectionInput!) { submitClosingReflection(input: $i) { mentorship { id } userErrors { code } } }`,
    { i: { mentorshipId: endedId, reflection: SECRET.mentorReflection } },
    await app.token(pairs[1]!.mentor, acme.organizationId, Role.MEMBER),
  );
  app.clock.now = daysAfter(T0, 31);
});
afterAll(async () => app?.close());

/** Every field of a mentorship a client can ask for. */
const EVERYTHING = /* GraphQL */ `
  fragment Everything on Mentorship {
    id status version startedAt expectedEndAt projectedEndAt endedAt endReason endNote viewerRole live myReflection
    mentor { id name email } mentee { id name email } programme { id name }
    agreement { cadenceDays fullySigned goals { id } }
    checkIns(first: 10) { totalCount nodes { id heldAt topics sharedNote loggedBy { id } goals { id } } }
    myPulses { id rating helping text answeredAt authorRole }
    pulseSummary { meanRating mentor { answered lastAnsweredAt overdue missed } mentee { answered lastAnsweredAt overdue missed } }
    health { score status reasons flags urgency components { name score neutral reasons } trend { direction samples } history { day score status } }
  }
`;

const ALL_SECRETS = Object.values(SECRET);
function expectNoSecrets(raw: string, except: string[] = []): void {
  for (const secret of ALL_SECRETS) if (!except.includes(secret)) expect(raw).not.toContain(secret);
}

type M = Record<string, unknown> & { myPulses: { text: string | null }[]; myReflection: string | null; checkIns: { nodes: { sharedNote: string | null }[] }; pulseSummary: { meanRating: number | null } };

describe('the mentee', () => {
  it('sees their own pulse text, never the mentor\'s, and the shared note', async () => {
    const res = await app.gql<{ mentorship: M }>(`${EVERYTHING} query($id: ID!) { mentorship(id: $id) { ...Everything } }`, { id: liveId }, t.mentee);
    expect(res.errors).toBeUndefined();
    const m = res.data!.mentorship;
    expect(m.viewerRole).toBe('MENTEE');
    expect(m.myPulses.map((p) => p.text)).toEqual([SECRET.menteePulse]);
    expect(m.checkIns.nodes[0]!.sharedNote).toBe(SHARED_NOTE);
    expect(m.pulseSummary.meanRating).toBeNull();
    expectNoSecrets(res.raw, [SECRET.menteePulse]);
    const own = await app.gql<{ node: { text: string } | null }>(`query($id: ID!) { node(id: $id) { ... on PulseSurvey { text rating } } }`, { id: menteePulseId }, t.mentee);
    expect(own.data!.node).toEqual({ text: SECRET.menteePulse, rating: 2 });
  });

  it('reads health reasons that never quote anyone\'s rating', async () => {
    const res = await app.gql<{ mentorship: { health: { status: string; flags: string[]; reasons: string[]; components: { name: string; reasons: string[] }[] } } }>(
      `query($id: ID!) { mentorship(id: $id) { health { status flags reasons components { name reasons } } } }`,
      { id: liveId },
      t.mentee,
    );
    const h = res.data!.mentorship.health;
    expect(h.status).toBe('AT_RISK');
    expect(h.flags).toEqual(expect.arrayContaining(['SUPPORT_REQUESTED', 'LOW_PULSE', 'PULSE_GAP', 'NOT_HELPING']));
    expect(res.raw).not.toMatch(/[1-5]\/5/);
  });
});

describe('the mentor (the other participant)', () => {
  it('sees the shared note and their own answers, never the mentee\'s text, rating or flag', async () => {
    const res = await app.gql<{ mentorship: M }>(`${EVERYTHING} query($id: ID!) { mentorship(id: $id) { ...Everything } }`, { id: liveId }, t.mentor);
    expect(res.errors).toBeUndefined();
    const m = res.data!.mentorship;
    expect(m.myPulses.map((p) => p.text)).toEqual([SECRET.mentorPulse]);
    expect(m.checkIns.nodes[0]!.sharedNote).toBe(SHARED_NOTE);
    expect(m.pulseSummary.meanRating).toBeNull();
    expectNoSecrets(res.raw, [SECRET.mentorPulse]);
    const theirs = await app.gql<{ node: unknown }>(`query($id: ID!) { node(id: $id) { id } }`, { id: menteePulseId }, t.mentor);
    expect(theirs.data!.node).toBeNull();
  });

  it('never sees the other side\'s closing reflection', async () => {
    const res = await app.gql<{ mentorship: M }>(`${EVERYTHING} query($id: ID!) { mentorship(id: $id) { ...Everything } }`, { id: endedId }, await app.token(pairs[1]!.mentor, acme.organizationId, Role.MEMBER));
    expect(res.data!.mentorship).toMatchObject({ status: 'ENDED_EARLY', endReason: 'SCHEDULE_CONFLICT', endNote: 'Moved to a night shift', myReflection: SECRET.mentorReflection });
    expectNoSecrets(res.raw, [SECRET.mentorReflection]);
  });
});

describe('a coordinator', () => {
  it('sees statuses, aggregates and that a flag was raised — no private text, no shared note, no individual answer', async () => {
    const q = `${EVERYTHING}
      query($live: ID!, $ended: ID!, $p: ID!, $mentee: ID!, $pulse: ID!, $checkIn: ID!) {
        live: mentorship(id: $live) { ...Everything }
        ended: mentorship(id: $ended) { ...Everything }
        mentorships(programmeId: $p, first: 10) { totalCount nodes { ...Everything } }
        atRiskMentorships(programmeId: $p) { totalCount edges { urgency status reasons flags node { ...Everything } } }
        programmeHealth(programmeId: $p) { live needingAttention openSupportFlags overduePulses meanHealthScore }
        programmeOutcomes(programmeId: $p) { completed endedEarly earlyEndReasons { reason count } meanPulse pulseAnswers pulseRespondents }
        person: node(id: $mentee) { ... on Person { developmentTimeline(first: 50) { nodes { kind ... on MentorshipStartedEntry { mentorship { ...Everything } } } } } }
        pulse: node(id: $pulse) { id }
        checkIn: node(id: $checkIn) { ... on CheckIn { id sharedNote topics } }
      }`;
    const res = await app.gql<{
      live: M & { health: { flags: string[] } };
      pulse: unknown;
      checkIn: { sharedNote: string | null; topics: string[] };
      atRiskMentorships: { totalCount: number; edges: { reasons: string[] }[] };
      programmeHealth: { openSupportFlags: number };
      programmeOutcomes: { meanPulse: number | null; earlyEndReasons: { reason: string; count: number }[] };
    }>(q, { live: liveId, ended: endedId, p: toGlobalId('Programme', programmeId), mentee: toGlobalId('Person', pairs[0]!.mentee), pulse: menteePulseId, checkIn: checkInId }, t.coordinator);
    expect(res.errors, res.raw).toBeUndefined();
    expectNoSecrets(res.raw);
    expect(res.raw).not.toContain(SHARED_NOTE);
    const d = res.data!;
    expect(d.live.myPulses).toEqual([]);
    expect(d.live.myReflection).toBeNull();
    expect(d.live.checkIns.nodes[0]!.sharedNote).toBeNull();
    expect(d.live.pulseSummary).toMatchObject({ meanRating: 3.5, mentor: { answered: 1 }, mentee: { answered: 1 } });
    expect(d.live.health.flags).toContain('SUPPORT_REQUESTED');
    expect(d.atRiskMentorships.totalCount).toBe(1);
    expect(d.atRiskMentorships.edges[0]!.reasons).toContain('A participant has privately asked for support beyond mentoring');
    expect(d.programmeHealth.openSupportFlags).toBe(1);
    expect(d.programmeOutcomes.meanPulse).toBe(3.5);
    expect(d.programmeOutcomes.earlyEndReasons).toEqual([{ reason: 'SCHEDULE_CONFLICT', count: 1 }]);
    expect(d.pulse).toBeNull();
    expect(d.checkIn).toMatchObject({ sharedNote: null, topics: ['Career'] });
  });

  it('closes support flags after reaching out; the flag then stops counting', async () => {
    const res = await app.gql<{ resolveSupportFlags: { resolved: number; userErrors: unknown[]; mentorship: { health: { flags: string[] } } } }>(
      `mutation($i: ResolveSupportFlagsInput!) { resolveSupportFlags(input: $i) { resolved mentorship { health { flags } } userErrors { code } } }`,
      { i: { mentorshipId: liveId } },
      t.coordinator,
    );
    expect(res.data!.resolveSupportFlags).toMatchObject({ resolved: 1, userErrors: [] });
    expect(res.data!.resolveSupportFlags.mentorship.health.flags).not.toContain('SUPPORT_REQUESTED');
    const again = await app.gql<{ resolveSupportFlags: { userErrors: { code: string }[] } }>(
      `mutation($i: ResolveSupportFlagsInput!) { resolveSupportFlags(input: $i) { resolved userErrors { code } } }`,
      { i: { mentorshipId: liveId } },
      t.coordinator,
    );
    expect(again.data!.resolveSupportFlags.userErrors[0]!.code).toBe('NOT_FOUND');
    const byMember = await app.gql<{ resolveSupportFlags: { userErrors: { code: string }[] } }>(
      `mutation($i: ResolveSupportFlagsInput!) { resolveSupportFlags(input: $i) { resolved userErrors { code } } }`,
      { i: { mentorshipId: liveId } },
      t.mentee,
    );
    expect(byMember.data!.resolveSupportFlags.userErrors[0]!.code).toBe('FORBIDDEN');
  });

  it('cannot act for a participant: signing, logging, pulses and reflections are theirs', async () => {
    const sign = await app.gql<{ signAgreement: { userErrors: { code: string }[] } }>(
      `mutation($i: SignAgreementInput!) { signAgreement(input: $i) { userErrors { code } } }`,
      { i: { mentorshipId: liveId, goalIds: [], cadenceDays: 14, format: 'REMOTE', confidentialityAcknowledged: true } },
      t.coordinator,
    );
    expect(sign.data!.signAgreement.userErrors[0]!.code).toBe('FORBIDDEN');
    const pulse = await app.gql<{ submitPulse: { userErrors: { code: string }[] } }>(`mutation($i: SubmitPulseInput!) { submitPulse(input: $i) { userErrors { code } } }`, { i: { mentorshipId: liveId, rating: 3 } }, t.coordinator);
    expect(pulse.data!.submitPulse.userErrors[0]!.code).toBe('FORBIDDEN');
    const reflect = await app.gql<{ completeMentorship: { userErrors: { code: string }[] } }>(
      `mutation($i: CompleteMentorshipInput!) { completeMentorship(input: $i) { userErrors { code } } }`,
      { i: { mentorshipId: liveId, reflection: 'Coordinator words' } },
      t.coordinator,
    );
    expect(reflect.data!.completeMentorship.userErrors[0]!.code).toBe('FORBIDDEN');
  });
});

describe('a member outside the relationship', () => {
  it('cannot see it, its check-ins or the participants\' emails, and cannot act on it', async () => {
    const res = await app.gql<{ mentorship: unknown; m: unknown; c: unknown; mentee: { email: string | null }; myMentorships: { totalCount: number } }>(
      `query($id: ID!, $c: ID!, $mentee: ID!) { mentorship(id: $id) { id } m: node(id: $id) { id } c: node(id: $c) { id } mentee: node(id: $mentee) { ... on Person { email } } myMentorships { totalCount } }`,
      { id: liveId, c: checkInId, mentee: toGlobalId('Person', pairs[0]!.mentee) },
      t.otherMentee,
    );
    expect(res.data).toEqual({ mentorship: null, m: null, c: null, mentee: { email: null }, myMentorships: { totalCount: 1 } });
    const pause = await app.gql<{ pauseMentorship: { userErrors: { code: string }[] } }>(`mutation($i: MentorshipTransitionInput!) { pauseMentorship(input: $i) { userErrors { code } } }`, { i: { mentorshipId: liveId } }, t.bystander);
    expect(pause.data!.pauseMentorship.userErrors[0]!.code).toBe('NOT_FOUND');
    const timeline = await app.gql<{ node: { developmentTimeline: unknown } }>(`query($id: ID!) { node(id: $id) { ... on Person { developmentTimeline { totalCount } } } }`, { id: toGlobalId('Person', pairs[0]!.mentee) }, t.bystander);
    expect(timeline.data!.node.developmentTimeline).toBeNull();
  });

  it('is refused the coordinator queries', async () => {
    for (const field of ['atRiskMentorships(programmeId: $p) { totalCount }', 'programmeHealth(programmeId: $p) { live }', 'programmeOutcomes(programmeId: $p) { completed }', 'mentorships(programmeId: $p) { totalCount }']) {
      const res = await app.gql(`query($p: ID!) { ${field} }`, { p: toGlobalId('Programme', programmeId) }, t.mentee);
      expect(res.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
  });

  it('sees a partner\'s email only once matched: the mentor\'s email is hidden from a mentee they are not matched with', async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on Person { email } } }`;
    const matched = await app.gql<{ node: { email: string | null } }>(q, { id: toGlobalId('Person', pairs[0]!.mentor) }, t.mentee);
    expect(matched.data!.node.email).toMatch(/@/);
    const notMatched = await app.gql<{ node: { email: string | null } }>(q, { id: toGlobalId('Person', pairs[0]!.mentor) }, t.otherMentee);
    expect(notMatched.data!.node.email).toBeNull();
  });
});

describe('another organisation', () => {
  it('sees nothing of it: not by ID, not in queues, not in aggregates', async () => {
    const member = await app.gql<{ mentorship: unknown; node: unknown; pulse: unknown; myMentorships: { totalCount: number } }>(
      `query($id: ID!, $pulse: ID!) { mentorship(id: $id) { id } node(id: $id) { id } pulse: node(id: $pulse) { id } myMentorships { totalCount } }`,
      { id: liveId, pulse: menteePulseId },
      t.foreignMember,
    );
    expect(member.data).toEqual({ mentorship: null, node: null, pulse: null, myMentorships: { totalCount: 0 } });
    const coordinator = await app.gql<{ mentorship: unknown; atRiskMentorships: { totalCount: number }; programmeHealth: unknown; programmeOutcomes: unknown; mentorships: { totalCount: number } }>(
      `query($id: ID!, $p: ID!) { mentorship(id: $id) { id } atRiskMentorships(programmeId: $p) { totalCount } programmeHealth(programmeId: $p) { live } programmeOutcomes(programmeId: $p) { completed } mentorships(programmeId: $p) { totalCount } }`,
      { id: liveId, p: toGlobalId('Programme', programmeId) },
      t.foreignCoordinator,
    );
    expect(coordinator.errors).toBeUndefined();
    expect(coordinator.data).toEqual({ mentorship: null, atRiskMentorships: { totalCount: 0 }, programmeHealth: null, programmeOutcomes: null, mentorships: { totalCount: 0 } });
    const act = await app.gql<{ completeMentorship: { userErrors: { code: string }[] } }>(`mutation($i: CompleteMentorshipInput!) { completeMentorship(input: $i) { userErrors { code } } }`, { i: { mentorshipId: liveId } }, t.foreignCoordinator);
    expect(act.data!.completeMentorship.userErrors[0]!.code).toBe('NOT_FOUND');
    expectNoSecrets(member.raw + coordinator.raw);
  });

  it('keeps the audit trail to the organisation\'s admins', async () => {
    const q = `query { auditEvents(first: 100) { totalCount nodes { action after } } }`;
    const foreignAdmin = await app.gql<{ auditEvents: { totalCount: number } }>(q, {}, await app.token(globex.demoUsers.admin, globex.organizationId, Role.ORG_ADMIN));
    expect(foreignAdmin.data!.auditEvents.totalCount).toBe(0);
    const admin = await app.gql<{ auditEvents: { totalCount: number; nodes: { action: string; after: Record<string, unknown> }[] } }>(q, {}, t.admin);
    expect(admin.data!.auditEvents.totalCount).toBeGreaterThan(5);
    const raised = admin.data!.auditEvents.nodes.find((e) => e.action === 'support_flag.raised')!;
    expect(raised).toBeDefined();
    expectNoSecrets(admin.raw);
    const member = await app.gql(q, {}, t.mentee);
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
