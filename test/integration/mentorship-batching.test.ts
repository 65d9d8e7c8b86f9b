import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY_MS, daysAfter, futureStart, mentoringProgramme, start, type ProgrammeCast } from '../support/mentorship.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { MeetingFormat } from '../../src/modules/person/person.enums.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { DevelopmentGoal, GoalProgress } from '../../src/modules/goal/goal.entity.js';
import { Skill } from '../../src/modules/skill/skill.entity.js';
import { CheckIn, PulseSurvey, SkillAssessment } from '../../src/modules/mentorship/check-in.entity.js';
import { AssessmentSource, MentorshipStatus, ParticipantRole } from '../../src/modules/mentorship/mentorship.enums.js';
import { Mentorship } from '../../src/modules/mentorship/mentorship.entity.js';
import { snapshotHealth } from '../../src/modules/mentorship/health-snapshot.service.js';

/**
 * A page of the at-risk queue or of a development timeline costs the same number of SQL
 * statements for 5 items as for 50, and the daily snapshot job the same per batch whatever the
 * number of mentorships.
 */

let app: TestApp;
let acme: SeedResult;
let globex: SeedResult;
let cast: ProgrammeCast;
let coordinator: string;
let timelinePerson: string;
const LIVE = 60;
const T0 = futureStart(1);

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 400, seed: 5, slug: 'acme' });
  globex = await app.seed({ people: 120, seed: 9, slug: 'globex' });
  cast = await mentoringProgramme(app, acme);
  coordinator = await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR);
  const mentors = cast.mentors.slice(0, 6).map((m) => m.personId);
  const ids: string[] = [];
  for (let i = 0; i < LIVE; i++) {
    const m = await start(app, { organizationId: acme.organizationId, programmeId: cast.programmeId, mentorId: mentors[i % mentors.length]!, menteeId: cast.mentees[i]!, now: new Date(T0.getTime() + i * 60_000), allowOverCapacity: true });
    ids.push(m.id);
  }
  // Some facts for the health engine to chew on: a check-in each, pulses for half.
  const em = app.orm.em.fork();
  ids.forEach((id, i) => {
    em.create(CheckIn, { organization: acme.organizationId, mentorship: id, heldAt: daysAfter(T0, 3 + (i % 5)), durationMinutes: 30, format: MeetingFormat.REMOTE, loggedBy: cast.mentees[i]! });
    if (i % 2 === 0) em.create(PulseSurvey, { organization: acme.organizationId, mentorship: id, author: cast.mentees[i]!, authorRole: ParticipantRole.MENTEE, rating: 1 + (i % 5), helping: i % 3 !== 0, answeredAt: daysAfter(T0, 20) });
  });
  await em.flush();

  // A timeline whose first entries touch every kind of object: goal set, mentorship started, progress, assessment…
  timelinePerson = cast.mentees[0]!;
  // Start from a clean slate: the seed's goals (stamped with the wall clock) would come first.
  await app.orm.em.getKnex()('development_goal').where({ person_id: timelinePerson }).del();
  const skills = [...acme.skillIds.values()].slice(0, 3);
  const goal = em.create(DevelopmentGoal, {
    organization: acme.organizationId,
    person: timelinePerson,
    title: 'Present to the leadership team',
    measure: 'presentations',
    baseline: 0,
    target: 30,
    currentValue: 0,
    dueDate: daysAfter(T0, 200).toISOString().slice(0, 10),
    createdAt: new Date(T0.getTime() - 60_000),
  });
  goal.skills.set(skills.map((s) => em.getReference(Skill, s)));
  for (let i = 1; i <= 30; i++) {
    em.create(GoalProgress, { organization: acme.organizationId, goal, value: i, note: `step ${i}`, recordedAt: new Date(T0.getTime() + i * DAY_MS), recordedBy: timelinePerson });
    em.create(SkillAssessment, {
      organization: acme.organizationId,
      person: timelinePerson,
      skill: skills[i % 3]!,
      level: 1 + (i % 5),
      source: i % 2 ? AssessmentSource.SELF : AssessmentSource.MENTOR,
      assessedBy: i % 2 ? timelinePerson : mentors[0]!,
      assessedAt: new Date(T0.getTime() + i * DAY_MS + 3_600_000),
    });
  }
  await em.flush();

  // A few live mentorships in another organisation, for the snapshot job.
  const foreign = await mentoringProgramme(app, globex);
  for (let i = 0; i < 3; i++) {
    await start(app, { organizationId: globex.organizationId, programmeId: foreign.programmeId, mentorId: foreign.mentors[i]!.personId, menteeId: foreign.mentees[i]!, now: T0, allowOverCapacity: true });
  }
  app.clock.now = daysAfter(T0, 60);
});
afterAll(async () => app?.close());

describe('myMentorships', () => {
  it('answers a page with health in two statements whatever its size, and pages without gaps or repeats', async () => {
    const mentor = await app.token(cast.mentors[0]!.personId, acme.organizationId, Role.MEMBER);
    const q = `query($first: Int!, $after: String) { myMentorships(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id status startedAt viewerRole health { score status reasons } } } }`;
    type Page = { myMentorships: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; nodes: { id: string; startedAt: string; viewerRole: string; health: { score: number; status: string } }[] } };
    const one = await app.countStatements(() => app.gql<Page>(q, { first: 1, after: null }, mentor));
    const all = await app.countStatements(() => app.gql<Page>(q, { first: 100, after: null }, mentor));
    expect(all.result.errors).toBeUndefined();
    // The page with its count, then every health fact of the page.
    expect(one.statements).toBe(2);
    expect(all.statements).toBe(2);
    const everything = all.result.data!.myMentorships;
    expect(everything.totalCount).toBe(LIVE / 6);
    expect(everything.nodes.map((n) => n.startedAt)).toEqual([...everything.nodes.map((n) => n.startedAt)].sort());
    expect(everything.nodes.every((n) => n.viewerRole === 'MENTOR')).toBe(true);

    const seen: Page['myMentorships']['nodes'] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const res: { data?: Page | null } = await app.gql<Page>(q, { first: 3, after }, mentor);
      const c = res.data!.myMentorships;
      expect(c.totalCount).toBe(LIVE / 6);
      expect(c.pageInfo.hasPreviousPage).toBe(pages > 0);
      seen.push(...c.nodes);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(everything.nodes);
    // A page's mentorship (a record read without the ORM) answers as the mentorship loaded on its own.
    const FIELDS = 'id status startedAt expectedEndAt endedAt projectedEndAt version viewerRole live mentor { id } mentee { id } programme { id } agreement { fullySigned } health { score status reasons }';
    const page = await app.gql<{ myMentorships: { nodes: Record<string, unknown>[] } }>(`{ myMentorships(first: 1) { nodes { ${FIELDS} } } }`, {}, mentor);
    const single = await app.gql<{ mentorship: Record<string, unknown> }>(`query($id: ID!) { mentorship(id: $id) { ${FIELDS} } }`, { id: everything.nodes[0]!.id }, mentor);
    expect(page.errors).toBeUndefined();
    expect(page.data!.myMentorships.nodes[0]).toEqual(single.data!.mentorship);
  });

  it('refuses a forged cursor as bad input', async () => {
    const mentor = await app.token(cast.mentors[0]!.personId, acme.organizationId, Role.MEMBER);
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    const res = await app.gql(`query($after: String) { myMentorships(first: 3, after: $after) { totalCount } }`, { after: forged }, mentor);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('atRiskMentorships', () => {
  const QUEUE = /* GraphQL */ `
    query Queue($p: ID!, $first: Int!) {
      atRiskMentorships(programmeId: $p, first: $first) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { urgency status reasons flags node {
          id status
          mentor { id name email } mentee { id name }
          programme { name }
          health { score status reasons trend { direction } history { day score } components { name score } }
          pulseSummary { meanRating mentee { answered overdue } mentor { answered } }
          checkIns(first: 3) { totalCount nodes { heldAt loggedBy { name } } }
        } }
      }
    }
  `;

  it('lists the whole stalled cohort, most urgent first, with reasons', async () => {
    const res = await app.gql<{ atRiskMentorships: { totalCount: number; edges: { urgency: number; status: string; reasons: string[] }[] } }>(QUEUE, { p: toGlobalId('Programme', cast.programmeId), first: 100 }, coordinator);
    expect(res.errors).toBeUndefined();
    const { totalCount, edges } = res.data!.atRiskMentorships;
    expect(totalCount).toBe(LIVE);
    expect(edges).toHaveLength(LIVE);
    expect(edges.every((e) => e.status === 'STALLED' || e.status === 'AT_RISK')).toBe(true);
    expect(edges.every((e) => e.reasons.length > 0)).toBe(true);
    const urgencies = edges.map((e) => e.urgency);
    expect(urgencies).toEqual([...urgencies].sort((a, b) => b - a));
  });

  it('pages with cursors without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { data?: { atRiskMentorships: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] } } } = await app.gql(
        `query($p: ID!, $after: String) { atRiskMentorships(programmeId: $p, first: 7, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { p: toGlobalId('Programme', cast.programmeId), after },
        coordinator,
      );
      seen.push(...res.data!.atRiskMentorships.edges.map((e) => e.node.id));
      if (!res.data!.atRiskMentorships.pageInfo.hasNextPage) break;
      after = res.data!.atRiskMentorships.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(LIVE);
    expect(new Set(seen).size).toBe(LIVE);
  });

  it('costs the same number of SQL statements for 5 and for 50 items', async () => {
    const run = (first: number) => app.countStatements(() => app.gql<{ atRiskMentorships: { edges: unknown[] } }>(QUEUE, { p: toGlobalId('Programme', cast.programmeId), first }, coordinator));
    const five = await run(5);
    const fifty = await run(50);
    expect(five.result.errors).toBeUndefined();
    expect(five.result.data!.atRiskMentorships.edges).toHaveLength(5);
    expect(fifty.result.data!.atRiskMentorships.edges).toHaveLength(50);
    expect(fifty.statements).toBe(five.statements);
    // programme, live mentorships, health facts (one statement), people, snapshots, check-in page + count: at least 6.
    expect(five.statements).toBeGreaterThanOrEqual(6);
    expect(five.statements).toBeLessThanOrEqual(16);
  });
});

describe('Person.developmentTimeline', () => {
  const TIMELINE = /* GraphQL */ `
    query Timeline($id: ID!, $first: Int!) {
      node(id: $id) { ... on Person { developmentTimeline(first: $first) {
        totalCount
        edges { cursor node {
          kind at
          ... on GoalSetEntry { goal { title baseline target mentorships { id } } }
          ... on GoalProgressEntry { value fractionOfTarget goal { title } progress { note recordedBy { name } } }
          ... on GoalAchievedEntry { goal { title } }
          ... on SkillAssessedEntry { level previousLevel source assessment { skill { name } assessedBy { name } } }
          ... on MentorshipStartedEntry { role mentorship { programme { name } mentor { name } } }
          ... on MentorshipEndedEntry { outcome endReason }
        } }
      } } }
    }
  `;

  it('costs the same number of SQL statements for 5 and for 50 entries', async () => {
    const run = (first: number) => app.countStatements(() => app.gql<{ node: { developmentTimeline: { totalCount: number; edges: { node: { kind: string } }[] } } }>(TIMELINE, { id: toGlobalId('Person', timelinePerson), first }, coordinator));
    const five = await run(5);
    const fifty = await run(50);
    expect(five.result.errors, five.result.raw).toBeUndefined();
    const kinds = (r: typeof five) => r.result.data!.node.developmentTimeline.edges.map((e) => e.node.kind);
    expect(new Set(kinds(five))).toEqual(new Set(['GOAL_SET', 'MENTORSHIP_STARTED', 'GOAL_PROGRESS', 'SKILL_ASSESSED']));
    expect(kinds(fifty)).toHaveLength(50);
    expect(five.result.data!.node.developmentTimeline.totalCount).toBeGreaterThanOrEqual(62);
    expect(fifty.statements).toBe(five.statements);
    // person, page, count, goals, progress, assessments, mentorships, then nested people, skills, programmes, goal links.
    expect(five.statements).toBeGreaterThanOrEqual(10);
    expect(five.statements).toBeLessThanOrEqual(14);
  });
});

describe('snapshotHealth', () => {
  let perBatch = 0;
  const countFor = async (day: string, organizationId: string) =>
    Number((await app.orm.em.getKnex()('health_snapshot').where({ organization_id: organizationId }).whereRaw('day = ?::date', [day]).count<{ count: string }[]>('* as count'))[0]!.count);

  it('writes one snapshot per live mentorship per day, in a constant number of statements', async () => {
    const now = daysAfter(T0, 61);
    const big = await app.countStatements(() => snapshotHealth(app.orm.em.fork(), acme.organizationId, now));
    const small = await app.countStatements(() => snapshotHealth(app.orm.em.fork(), globex.organizationId, now));
    expect(big.result).toEqual({ day: now.toISOString().slice(0, 10), snapshots: LIVE, batches: 1 });
    expect(small.result.snapshots).toBe(3);
    expect(big.statements).toBe(small.statements);
    // One page of mentorships, one statement for all their health facts, one upsert.
    expect(big.statements).toBe(3);
    perBatch = big.statements;
    expect(await countFor(big.result.day, acme.organizationId)).toBe(LIVE);
    const row: { score: number; status: string; components: { name: string }[] } = await app.orm.em.getKnex()('health_snapshot').where({ organization_id: acme.organizationId }).first('score', 'status', 'components');
    expect(row.components.map((c) => c.name)).toEqual(['cadence', 'recency', 'regularity', 'pulse', 'goals', 'duration']);
    expect(['STALLED', 'AT_RISK']).toContain(row.status);
  });

  it('is idempotent per day: a rerun refreshes the day\'s rows instead of adding rows', async () => {
    const now = daysAfter(T0, 61);
    const day = now.toISOString().slice(0, 10);
    const target = await app.orm.em.fork().findOneOrFail(Mentorship, { organization: acme.organizationId, mentee: cast.mentees[1]! });
    const scoreOf = async () => ((await app.orm.em.getKnex()('health_snapshot').where({ mentorship_id: target.id }).whereRaw('day = ?::date', [day]).first('score')) as { score: number }).score;
    const before = await scoreOf();
    const em = app.orm.em.fork();
    em.create(CheckIn, { organization: acme.organizationId, mentorship: target.id, heldAt: now, durationMinutes: 60, format: MeetingFormat.IN_PERSON, loggedBy: cast.mentees[1]! });
    await em.flush();
    await snapshotHealth(app.orm.em.fork(), acme.organizationId, new Date(now.getTime() + 3_600_000));
    expect(await countFor(day, acme.organizationId)).toBe(LIVE);
    expect(await scoreOf()).toBeGreaterThan(before);
  });

  it('adds a new row the next day, skips ended relationships, and works in batches across organisations', async () => {
    const ended = await app.orm.em.fork().findOneOrFail(Mentorship, { organization: acme.organizationId, mentee: cast.mentees[2]! });
    await app.orm.em.getKnex()('mentorship').where({ id: ended.id }).update({ status: MentorshipStatus.COMPLETED, ended_at: daysAfter(T0, 61) });
    const next = daysAfter(T0, 62);
    const run = await app.countStatements(() => snapshotHealth(app.orm.em.fork(), null, next, { batchSize: 7 }));
    expect(run.result.snapshots).toBe(LIVE - 1 + 3);
    expect(run.result.batches).toBe(Math.ceil((LIVE - 1 + 3) / 7));
    // Constant per batch, whatever the number of mentorships in it.
    expect(run.statements).toBe(run.result.batches * perBatch);
    expect(await countFor(next.toISOString().slice(0, 10), acme.organizationId)).toBe(LIVE - 1);
    expect(await countFor(daysAfter(T0, 61).toISOString().slice(0, 10), acme.organizationId)).toBe(LIVE);
  });
});
