import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { daysAfter, futureStart, mentoringProgramme, start } from '../support/mentorship.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { snapshotHealth } from '../../src/modules/mentorship/health-snapshot.service.js';

/**
 * One relationship from approval to its end, over HTTP, with time moved by the injected clock:
 * sign → check-ins → pulses → goal progress → health as time passes → complete → outcomes and
 * the development timeline reflect it.
 */

let app: TestApp;
let acme: SeedResult;
let programmeId: string;
let mentorId: string;
let menteeId: string;
let tokens: { mentor: string; mentee: string; coordinator: string; admin: string };
let mentorshipId: string;
let goalId: string;
let skillId: string;
const T0 = futureStart(2);

interface UserErrors {
  userErrors: { code: string; message: string; field: string[] | null }[];
}

async function ok<T extends object>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await app.gql<T>(query, variables, token);
  expect(res.errors, res.raw).toBeUndefined();
  for (const value of Object.values(res.data!)) {
    if (value && typeof value === 'object' && 'userErrors' in value) expect((value as UserErrors).userErrors, res.raw).toEqual([]);
  }
  return res.data!;
}

const HEALTH = /* GraphQL */ `
  query Health($id: ID!) {
    mentorship(id: $id) {
      id status version
      health { score status reasons flags urgency activeDays daysSinceLastCheckIn nextCheckInDueAt
        components { name score neutral reasons }
        trend { direction slopePerWeek samples }
        history { day score status } }
      pulseSummary { meanRating mentor { answered overdue nextDueAt } mentee { answered overdue nextDueAt } }
    }
  }
`;

type HealthView = {
  mentorship: {
    status: string;
    version: number;
    health: {
      score: number;
      status: string;
      reasons: string[];
      flags: string[];
      urgency: number;
      components: { name: string; score: number; neutral: boolean; reasons: string[] }[];
      trend: { direction: string; slopePerWeek: number; samples: number };
      history: { day: string; score: number; status: string }[];
    };
    pulseSummary: { meanRating: number | null; mentor: { answered: number; overdue: boolean }; mentee: { answered: number; overdue: boolean } };
  };
};

async function health(token: string): Promise<HealthView['mentorship']> {
  return (await ok<HealthView>(HEALTH, { id: mentorshipId }, token)).mentorship;
}

async function logCheckIn(token: string, extra: Record<string, unknown> = {}): Promise<void> {
  await ok(
    /* GraphQL */ `mutation($input: LogCheckInInput!) { logCheckIn(input: $input) { checkIn { id } userErrors { code message field } } }`,
    { input: { mentorshipId, durationMinutes: 45, format: 'REMOTE', ...extra } },
    token,
  );
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 300, seed: 7, slug: 'acme' });
  const cast = await mentoringProgramme(app, acme);
  programmeId = cast.programmeId;
  mentorId = cast.mentors.find((m) => m.capacity >= 1)!.personId;
  menteeId = cast.mentees[0]!;
  tokens = {
    mentor: await app.token(mentorId, acme.organizationId, Role.MEMBER),
    mentee: await app.token(menteeId, acme.organizationId, Role.MEMBER),
    coordinator: await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR),
    admin: await app.token(acme.demoUsers.admin, acme.organizationId, Role.ORG_ADMIN),
  };
  skillId = [...acme.skillIds.values()][3]!;
});
afterAll(async () => app?.close());

describe('a whole relationship, from approval to outcomes', () => {
  it('starts when approved: ACTIVE, nine months planned, visible to both participants with each other\'s email', async () => {
    app.clock.now = T0;
    const m = await start(app, { organizationId: acme.organizationId, programmeId, mentorId, menteeId, now: T0, actorId: acme.demoUsers.coordinator });
    mentorshipId = toGlobalId('Mentorship', m.id);
    expect(m.status).toBe('ACTIVE');
    expect(m.startedAt.toISOString()).toBe(T0.toISOString());
    const end = new Date(T0);
    end.setUTCMonth(end.getUTCMonth() + 9);
    expect(m.expectedEndAt.toISOString()).toBe(end.toISOString());

    const q = /* GraphQL */ `{ myMentorships { totalCount nodes { id status viewerRole live mentor { id email } mentee { id email } programme { name } agreement { fullySigned } } } }`;
    type Mine = { myMentorships: { totalCount: number; nodes: { id: string; viewerRole: string; mentor: { email: string | null }; mentee: { email: string | null } }[] } };
    const asMentee = await ok<Mine>(q, {}, tokens.mentee);
    expect(asMentee.myMentorships.totalCount).toBe(1);
    expect(asMentee.myMentorships.nodes[0]).toMatchObject({ id: mentorshipId, status: 'ACTIVE', viewerRole: 'MENTEE', live: true, agreement: null });
    expect(asMentee.myMentorships.nodes[0]!.mentor.email).toMatch(/@/);
    const asMentor = await ok<Mine>(q, {}, tokens.mentor);
    expect(asMentor.myMentorships.nodes[0]).toMatchObject({ id: mentorshipId, viewerRole: 'MENTOR' });
    expect(asMentor.myMentorships.nodes[0]!.mentee.email).toMatch(/@/);

    const h = await health(tokens.mentee);
    expect(h.health.status).toBe('NEW');
  });

  it('sets a goal and a baseline assessment, then both participants sign the agreement', async () => {
    app.clock.now = daysAfter(T0, 1);
    const goal = await ok<{ createGoal: { goal: { id: string } } }>(
      /* GraphQL */ `mutation($input: CreateGoalInput!) { createGoal(input: $input) { goal { id } userErrors { code message field } } }`,
      { input: { title: 'Lead design reviews', measure: 'reviews led', baseline: 0, target: 4, dueDate: daysAfter(T0, 240).toISOString().slice(0, 10), skillIds: [toGlobalId('Skill', skillId)], priority: 'HIGH' } },
      tokens.mentee,
    );
    goalId = goal.createGoal.goal.id;
    const assess = /* GraphQL */ `mutation($input: RecordSkillAssessmentInput!) { recordSkillAssessment(input: $input) { assessment { id level source person { id } assessedBy { id } } userErrors { code message field } } }`;
    await ok(assess, { input: { skillId: toGlobalId('Skill', skillId), level: 2, source: 'SELF' } }, tokens.mentee);
    await ok(assess, { input: { personId: toGlobalId('Person', menteeId), skillId: toGlobalId('Skill', skillId), level: 2, source: 'MENTOR' } }, tokens.mentor);

    const sign = /* GraphQL */ `mutation($input: SignAgreementInput!) { signAgreement(input: $input) {
      mentorship { version agreement { cadenceDays format fullySigned signedByMentorAt signedByMenteeAt goals { id title } } } userErrors { code message field } } }`;
    type Signed = { signAgreement: { mentorship: { version: number; agreement: { fullySigned: boolean; signedByMentorAt: string | null; signedByMenteeAt: string | null; goals: { id: string }[] } } } };
    const terms = { mentorshipId, goalIds: [goalId], cadenceDays: 14, format: 'REMOTE', confidentialityAcknowledged: true };
    const first = await ok<Signed>(sign, { input: { ...terms, expectedVersion: 1 } }, tokens.mentee);
    expect(first.signAgreement.mentorship.agreement).toMatchObject({ fullySigned: false, signedByMentorAt: null, goals: [{ id: goalId }] });
    expect(first.signAgreement.mentorship.agreement.signedByMenteeAt).not.toBeNull();
    const second = await ok<Signed>(sign, { input: { ...terms, expectedVersion: first.signAgreement.mentorship.version } }, tokens.mentor);
    expect(second.signAgreement.mentorship.agreement.fullySigned).toBe(true);
    expect(second.signAgreement.mentorship.version).toBe(3);
  });

  it('meets every two weeks, answers pulses and makes progress: the relationship is healthy', async () => {
    for (const day of [7, 21, 35]) {
      app.clock.now = daysAfter(T0, day);
      await logCheckIn(day === 21 ? tokens.mentee : tokens.mentor, { topics: ['Design reviews'], goalIds: [goalId], sharedNote: `Meeting on day ${day}` });
      await snapshotHealth(app.orm.em.fork(), acme.organizationId, app.clock.now);
    }
    app.clock.now = daysAfter(T0, 31);
    const pulse = /* GraphQL */ `mutation($input: SubmitPulseInput!) { submitPulse(input: $input) { pulse { rating helping text } userErrors { code message field } } }`;
    const mine = await ok<{ submitPulse: { pulse: { rating: number; text: string } } }>(pulse, { input: { mentorshipId, rating: 5, helping: true, text: 'Really useful so far' } }, tokens.mentee);
    expect(mine.submitPulse.pulse).toEqual({ rating: 5, helping: true, text: 'Really useful so far' });
    await ok(pulse, { input: { mentorshipId, rating: 4, helping: true } }, tokens.mentor);
    // Check-ins and pulses count as activity: mentees browsing suggestions see when a mentor was last active.
    const active = await app.orm.em.fork().getConnection().execute<{ id: string; last_active_at: string }[]>('select id, last_active_at from person where id in (?, ?)', [mentorId, menteeId]);
    expect(Object.fromEntries(active.map((r) => [r.id, new Date(r.last_active_at).toISOString()]))).toEqual({ [mentorId]: daysAfter(T0, 31).toISOString(), [menteeId]: daysAfter(T0, 31).toISOString() });

    app.clock.now = daysAfter(T0, 40);
    await ok(
      /* GraphQL */ `mutation($input: RecordGoalProgressInput!) { recordGoalProgress(input: $input) { goal { currentValue } userErrors { code message field } } }`,
      { input: { goalId, value: 1, note: 'First review led' } },
      tokens.mentee,
    );
    const h = await health(tokens.coordinator);
    expect(['THRIVING', 'HEALTHY']).toContain(h.health.status);
    expect(h.health.score).toBeGreaterThanOrEqual(70);
    expect(h.health.flags).not.toContain('STALLED');
    expect(h.health.components.find((c) => c.name === 'PULSE')!.neutral).toBe(false);
    expect(h.pulseSummary.mentee.answered).toBe(1);
    expect(h.pulseSummary.mentor.answered).toBe(1);
    expect(h.pulseSummary.meanRating).toBe(4.5);
    expect(h.health.history.map((p) => p.day)).toEqual([7, 21, 35].map((d) => daysAfter(T0, d).toISOString().slice(0, 10)));
  });

  it('stalls when the pair stops meeting: the at-risk queue shows it with reasons, and the trend declines', async () => {
    const before = await health(tokens.coordinator);
    for (const day of [50, 60, 70, 80, 90, 100]) {
      app.clock.now = daysAfter(T0, day);
      await snapshotHealth(app.orm.em.fork(), acme.organizationId, app.clock.now);
    }
    const h = await health(tokens.coordinator);
    expect(h.health.status).toBe('STALLED');
    expect(h.health.flags).toContain('STALLED');
    expect(h.health.score).toBeLessThan(before.health.score);
    expect(h.health.trend.direction).toBe('DECLINING');
    expect(h.health.trend.slopePerWeek).toBeLessThan(-1);

    type Queue = { atRiskMentorships: { totalCount: number; edges: { urgency: number; status: string; reasons: string[]; node: { id: string } }[] } };
    const queue = await ok<Queue>(
      /* GraphQL */ `query($p: ID!) { atRiskMentorships(programmeId: $p, first: 10) { totalCount edges { urgency status reasons flags node { id mentee { name } } } } }`,
      { p: toGlobalId('Programme', programmeId) },
      tokens.coordinator,
    );
    expect(queue.atRiskMentorships.totalCount).toBe(1);
    expect(queue.atRiskMentorships.edges[0]).toMatchObject({ status: 'STALLED', node: { id: mentorshipId } });
    expect(queue.atRiskMentorships.edges[0]!.reasons.join(' ')).toMatch(/check-in/i);

    type ProgHealth = { programmeHealth: { live: number; needingAttention: number; meanHealthScore: number; overduePulses: number; healthByStatus: { status: string; count: number }[]; mentorshipsByStatus: { status: string; count: number }[] } };
    const ph = await ok<ProgHealth>(
      /* GraphQL */ `query($p: ID!) { programmeHealth(programmeId: $p) { live needingAttention meanHealthScore overduePulses openSupportFlags healthByStatus { status count } mentorshipsByStatus { status count } } }`,
      { p: toGlobalId('Programme', programmeId) },
      tokens.coordinator,
    );
    expect(ph.programmeHealth).toMatchObject({ live: 1, needingAttention: 1, meanHealthScore: h.health.score });
    expect(ph.programmeHealth.healthByStatus.find((s) => s.status === 'STALLED')!.count).toBe(1);
    expect(ph.programmeHealth.mentorshipsByStatus.find((s) => s.status === 'ACTIVE')!.count).toBe(1);
    // Day 100: the second pulse (due day 90) is overdue for both beyond the 7-day grace.
    expect(ph.programmeHealth.overduePulses).toBe(2);
  });

  it('recovers once they meet again, and a pause does not count against them', async () => {
    app.clock.now = daysAfter(T0, 101);
    await logCheckIn(tokens.mentee);
    const pulse = /* GraphQL */ `mutation($input: SubmitPulseInput!) { submitPulse(input: $input) { userErrors { code message field } } }`;
    await ok(pulse, { input: { mentorshipId, rating: 4, helping: true } }, tokens.mentee);
    await ok(pulse, { input: { mentorshipId, rating: 4, helping: true } }, tokens.mentor);
    let h = await health(tokens.mentor);
    expect(h.health.status).not.toBe('STALLED');

    const transition = (name: string) => /* GraphQL */ `mutation($input: MentorshipTransitionInput!) { ${name}(input: $input) { mentorship { status version } userErrors { code message field } } }`;
    await ok(transition('pauseMentorship'), { input: { mentorshipId, expectedVersion: h.version } }, tokens.mentor);
    app.clock.now = daysAfter(T0, 131);
    h = await health(tokens.mentor);
    expect(h.status).toBe('PAUSED');
    expect(h.health.flags).not.toContain('STALLED');
    expect(h.health.flags).not.toContain('CHECK_IN_OVERDUE');
    await ok(transition('resumeMentorship'), { input: { mentorshipId } }, tokens.mentee);

    for (let day = 132; day <= 270; day += 14) {
      app.clock.now = daysAfter(T0, day);
      await logCheckIn(tokens.mentor);
    }
    app.clock.now = daysAfter(T0, 200);
    await ok(
      /* GraphQL */ `mutation($input: RecordGoalProgressInput!) { recordGoalProgress(input: $input) { goal { status } userErrors { code message field } } }`,
      { input: { goalId, value: 4, note: 'Fourth review led', recordedAt: daysAfter(T0, 200).toISOString() } },
      tokens.mentee,
    );
    const projected = await ok<{ mentorship: { projectedEndAt: string; expectedEndAt: string } }>(`query($id: ID!) { mentorship(id: $id) { projectedEndAt expectedEndAt } }`, { id: mentorshipId }, tokens.mentee);
    expect(Date.parse(projected.mentorship.projectedEndAt) - Date.parse(projected.mentorship.expectedEndAt)).toBe(30 * 86_400_000);
  });

  it('completes with a private reflection from each side', async () => {
    app.clock.now = daysAfter(T0, 300);
    const assess = /* GraphQL */ `mutation($input: RecordSkillAssessmentInput!) { recordSkillAssessment(input: $input) { userErrors { code message field } } }`;
    await ok(assess, { input: { skillId: toGlobalId('Skill', skillId), level: 4, source: 'SELF' } }, tokens.mentee);
    app.clock.now = new Date(daysAfter(T0, 300).getTime() + 60_000);
    await ok(assess, { input: { personId: toGlobalId('Person', menteeId), skillId: toGlobalId('Skill', skillId), level: 5, source: 'MENTOR' } }, tokens.mentor);
    type Done = { completeMentorship: { mentorship: { status: string; endedAt: string; myReflection: string | null; health: { status: string } } } };
    const done = await ok<Done>(
      /* GraphQL */ `mutation($input: CompleteMentorshipInput!) { completeMentorship(input: $input) { mentorship { status endedAt myReflection health { status } } userErrors { code message field } } }`,
      { input: { mentorshipId, reflection: 'I learnt to lead reviews with confidence.' } },
      tokens.mentee,
    );
    expect(done.completeMentorship.mentorship).toMatchObject({ status: 'COMPLETED', myReflection: 'I learnt to lead reviews with confidence.', health: { status: 'ENDED' } });
    app.clock.now = new Date(daysAfter(T0, 300).getTime() + 3_600_000);
    const mentorView = await ok<{ submitClosingReflection: { mentorship: { myReflection: string } } }>(
      /* GraphQL */ `mutation($input: SubmitClosingReflectionInput!) { submitClosingReflection(input: $input) { mentorship { myReflection } userErrors { code message field } } }`,
      { input: { mentorshipId, reflection: 'A committed mentee.' } },
      tokens.mentor,
    );
    expect(mentorView.submitClosingReflection.mentorship.myReflection).toBe('A committed mentee.');
  });

  it('reports the cohort\'s outcomes: completion, goals, skill change, pulse and length', async () => {
    type Outcomes = { programmeOutcomes: Record<string, unknown> & { durations: { bands: { band: string; count: number }[] } } };
    const res = await ok<Outcomes>(
      /* GraphQL */ `query($p: ID!) { programmeOutcomes(programmeId: $p) {
        mentorships live completed endedEarly completionRate earlyEndReasons { reason count }
        goalsSet goalsAchieved goalAchievementRate meanPulse pulseAnswers pulseRespondents
        menteeSkillChange { meanChange measured bySource { source meanChange measured } }
        durations { expectedDays ended meanActualDays meanRatioToPlan bands { band count } } } }`,
      { p: toGlobalId('Programme', programmeId) },
      tokens.coordinator,
    );
    const o = res.programmeOutcomes;
    expect(o).toMatchObject({ mentorships: 1, live: 0, completed: 1, endedEarly: 0, completionRate: 1, earlyEndReasons: [], goalsSet: 1, goalsAchieved: 1, goalAchievementRate: 1 });
    expect(o.menteeSkillChange).toEqual({
      meanChange: 2.5,
      measured: 2,
      bySource: [
        { source: 'SELF', meanChange: 2, measured: 1 },
        { source: 'MENTOR', meanChange: 3, measured: 1 },
        { source: 'MANAGER', meanChange: null, measured: 0 },
      ],
    });
    expect(o).toMatchObject({ pulseAnswers: 4, pulseRespondents: 2, meanPulse: 4.25 });
    // 300 days with 30 paused: 270 active days against a plan of ~273.
    expect(o.durations).toMatchObject({ ended: 1, meanActualDays: 270 });
    expect(o.durations.bands.find((b) => b.band === 'ON_PLAN')!.count).toBe(1);
  });

  it('draws the mentee\'s development timeline, oldest first, across the relationship', async () => {
    type Timeline = { node: { developmentTimeline: { totalCount: number; edges: { cursor: string; node: { kind: string; at: string; previousLevel?: number | null; level?: number; fractionOfTarget?: number; role?: string; outcome?: string } }[] } } };
    const q = /* GraphQL */ `query($id: ID!, $after: String) { node(id: $id) { ... on Person { developmentTimeline(first: 100, after: $after) { totalCount edges { cursor node {
      kind at
      ... on GoalSetEntry { goal { id title mentorships { id } } }
      ... on GoalProgressEntry { value fractionOfTarget goal { id } }
      ... on GoalAchievedEntry { goal { id status } }
      ... on SkillAssessedEntry { level previousLevel source assessment { skill { id } } }
      ... on MentorshipStartedEntry { role mentorship { id } }
      ... on MentorshipEndedEntry { role outcome mentorship { id } }
    } } } } } }`;
    const res = await ok<Timeline>(q, { id: toGlobalId('Person', menteeId) }, tokens.mentee);
    const entries = res.node.developmentTimeline.edges.map((e) => e.node);
    // The goal was set on day 1 of the relationship, by the domain clock like everything else.
    const goalSetAt = entries.findIndex((e) => e.kind === 'GOAL_SET' && (e as unknown as { goal: { id: string } }).goal.id === goalId);
    expect(goalSetAt).toBeGreaterThanOrEqual(0);
    expect(Date.parse(entries[goalSetAt]!.at)).toBe(daysAfter(T0, 1).getTime());
    const started = entries.findIndex((e) => e.kind === 'MENTORSHIP_STARTED' && Date.parse(e.at) >= T0.getTime());
    expect(goalSetAt).toBeGreaterThan(started);
    const ours = entries.filter((e) => Date.parse(e.at) >= T0.getTime() && e !== entries[goalSetAt]);
    expect(ours.map((e) => e.kind)).toEqual([
      'MENTORSHIP_STARTED',
      'SKILL_ASSESSED',
      'SKILL_ASSESSED',
      'GOAL_PROGRESS',
      'GOAL_PROGRESS',
      'GOAL_ACHIEVED',
      'SKILL_ASSESSED',
      'SKILL_ASSESSED',
      'MENTORSHIP_ENDED',
    ]);
    const sorted = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    expect(entries.map((e) => e.at)).toEqual(sorted.map((e) => e.at));
    expect(ours[0]).toMatchObject({ role: 'MENTEE' });
    expect(ours.at(-1)).toMatchObject({ outcome: 'COMPLETED' });
    expect(ours.filter((e) => e.kind === 'SKILL_ASSESSED').map((e) => [e.level, e.previousLevel])).toEqual([
      [2, null],
      [2, null],
      [4, 2],
      [5, 2],
    ]);
    expect(ours.filter((e) => e.kind === 'GOAL_PROGRESS').map((e) => e.fractionOfTarget)).toEqual([0.25, 1]);
    const goalSet = entries[goalSetAt] as unknown as { goal: { mentorships: { id: string }[] } };
    expect(goalSet.goal.mentorships).toEqual([{ id: mentorshipId }]);
    expect(res.node.developmentTimeline.totalCount).toBe(entries.length);

    // Paging with small pages walks the same entries, in the same order, without gaps or repeats.
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { node: { developmentTimeline: { edges: { cursor: string; node: { kind: string; at: string } }[] } } } = await ok(
        `query($id: ID!, $after: String) { node(id: $id) { ... on Person { developmentTimeline(first: 3, after: $after) { edges { cursor node { kind at } } } } } }`,
        { id: toGlobalId('Person', menteeId), after },
        tokens.mentee,
      );
      const edges = page.node.developmentTimeline.edges;
      walked.push(...edges.map((e) => `${e.node.kind}@${e.node.at}`));
      if (edges.length < 3) break;
      after = edges[edges.length - 1]!.cursor;
    }
    expect(walked).toEqual(entries.map((e) => `${e.kind}@${e.at}`));
  });

  it('audits every state change, without private text, for admins only', async () => {
    type Audit = { auditEvents: { totalCount: number; nodes: { action: string; before: unknown; after: unknown; actor: { id: string } | null; subjectId: string }[] } };
    const q = /* GraphQL */ `query($s: ID) { auditEvents(first: 100, subjectId: $s) { totalCount nodes { action before after at actor { id } subjectId } } }`;
    const res = await app.gql<Audit>(q, { s: mentorshipId }, tokens.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.auditEvents.nodes.map((e) => e.action)).toEqual([
      'mentorship.started',
      'mentorship.agreement_signed',
      'mentorship.agreement_signed',
      'mentorship.paused',
      'mentorship.resumed',
      'mentorship.completed',
      'mentorship.reflection_submitted',
    ]);
    expect(res.data!.auditEvents.nodes.every((e) => e.subjectId === mentorshipId)).toBe(true);
    expect(res.data!.auditEvents.nodes[0]!.actor!.id).toBe(toGlobalId('Person', acme.demoUsers.coordinator));
    expect(res.data!.auditEvents.nodes[3]).toMatchObject({ before: { status: 'ACTIVE' }, after: { status: 'PAUSED' } });
    expect(res.raw).not.toContain('confidence');
    expect(res.raw).not.toContain('committed mentee');
    const all = await app.gql<Audit>(q, { s: null }, tokens.admin);
    expect(all.data!.auditEvents.nodes.map((e) => e.action)).toEqual(expect.arrayContaining(['check_in.logged', 'pulse.submitted', 'skill_assessment.recorded']));
    expect(all.raw).not.toContain('Really useful');

    const asCoordinator = await app.gql(q, { s: mentorshipId }, tokens.coordinator);
    expect(asCoordinator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
