import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY_MS, futureStart, mentoringProgramme, setCapacity, type ProgrammeCast } from '../support/mentorship.js';
import { DECLINE, REQUEST_MENTOR, gqlData, sql, tokenFor, type RequestShape, type UserErrorShape } from '../support/engagement.js';
import type { SeedResult } from '../../src/db/seed.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { scoringCache } from '../../src/modules/matching/scoring-cache.js';
import { expireRequests } from '../../src/modules/request/request.service.js';

/**
 * The manual-match queue: mentees the latest run left unmatched, or whose every request failed,
 * with the reason and the best mentors with room — resolved by overrideMatch or "no match".
 */

let app: TestApp;
let acme: SeedResult;
let cast: ProgrammeCast;
let token: (personId: string, role?: Role) => Promise<string>;
let coordinator: string;
let programmeId: string;
const T0 = futureStart(1);

const QUEUE = /* GraphQL */ `
  query($p: ID!, $first: Int, $after: String) {
    unmatchedMentees(programmeId: $p, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor reason runReason message failedRequests node { id name } bestSuggestions { score capacityLeft mentor { id } reasons { text } } }
    }
  }`;

interface QueueEdge {
  cursor: string;
  reason: string;
  runReason: string | null;
  message: string;
  failedRequests: number;
  node: { id: string; name: string };
  bestSuggestions: { score: number; capacityLeft: number; mentor: { id: string }; reasons: { text: string }[] }[];
}
type Queue = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: QueueEdge[] };

async function queue(first = 100, after?: string): Promise<Queue> {
  return (await gqlData<{ unmatchedMentees: Queue }>(app, QUEUE, { p: programmeId, first, after }, coordinator)).unmatchedMentees;
}

async function wholeQueue(pageSize: number): Promise<QueueEdge[]> {
  const all: QueueEdge[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await queue(pageSize, after);
    all.push(...page.edges);
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor!;
  }
}

async function ask(mentee: string, mentor: string): Promise<RequestShape> {
  const res = await gqlData<{ requestMentor: { request: RequestShape | null; userErrors: UserErrorShape[] } }>(app, REQUEST_MENTOR, { input: { programmeId, mentorId: mentor } }, await token(mentee));
  expect(res.requestMentor.userErrors).toEqual([]);
  return res.requestMentor.request!;
}

async function suggestionsFor(mentee: string): Promise<string[]> {
  const data = await gqlData<{ suggestedMentors: { edges: { node: { id: string } }[] } }>(app, `query($p: ID!) { suggestedMentors(programmeId: $p, first: 10) { edges { node { id } } } }`, { p: programmeId }, await token(mentee));
  return data.suggestedMentors.edges.map((e) => e.node.id);
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 400, seed: 33, slug: 'acme' });
  cast = await mentoringProgramme(app, acme);
  programmeId = toGlobalId('Programme', cast.programmeId);
  token = tokenFor(app, acme.organizationId);
  coordinator = await token(acme.demoUsers.coordinator, Role.COORDINATOR);
  app.clock.now = T0;
});
afterAll(async () => app?.close());

describe('the manual-match queue', () => {
  let failed: string;

  it('is empty before any run or failed request, and closed to members', async () => {
    expect((await queue()).totalCount).toBe(0);
    const asMember = await app.gql(QUEUE, { p: programmeId }, await token(cast.mentees[0]!));
    expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('takes in a mentee whose every request was declined or expired — and lets them go while a request is open', async () => {
    let mentors: string[] = [];
    for (const candidate of cast.mentees) {
      mentors = await suggestionsFor(candidate);
      if (mentors.length >= 3) {
        failed = candidate;
        break;
      }
    }
    const [a, b, c] = [await ask(failed, mentors[0]!), await ask(failed, mentors[1]!), await ask(failed, mentors[2]!)];
    for (const [r, mentor] of [[a, mentors[0]!], [b, mentors[1]!]] as const) {
      const res = await gqlData<{ declineMentorRequest: { userErrors: UserErrorShape[] } }>(app, DECLINE, { input: { requestId: r.id, reason: 'SKILLS_MISMATCH' } }, await token(fromGlobalId(mentor)!.id));
      expect(res.declineMentorRequest.userErrors).toEqual([]);
    }
    // One request still open: not stuck yet.
    expect((await queue()).edges.map((e) => e.node.id)).not.toContain(toGlobalId('Person', failed));
    await expireRequests(app.orm.em.fork(), new Date(T0.getTime() + 15 * DAY_MS));
    expect((await sql<{ status: string }>(app, 'select status from mentor_request where id = ?', [fromGlobalId(c.id)!.id]))[0]!.status).toBe('EXPIRED');
    const q = await queue();
    expect(q.totalCount).toBe(1);
    const [entry] = q.edges;
    expect(entry).toMatchObject({ reason: 'REQUESTS_FAILED', runReason: null, failedRequests: 3, node: { id: toGlobalId('Person', failed) } });
    expect(entry!.message).toMatch(/3 requests were declined or expired/);
    expect(entry!.bestSuggestions.length).toBeGreaterThan(0);
    for (const s of entry!.bestSuggestions) expect(s.capacityLeft).toBeGreaterThan(0);
  });

  it('takes in everyone the latest run left unmatched, with the run\'s reason and the best mentors who still have room', async () => {
    // Scarce capacity, so the run cannot match everyone.
    for (const m of cast.mentors) await setCapacity(app, cast.programmeId, m.personId, 1);
    scoringCache.invalidate(); // capacities changed behind the API's back
    const run = await gqlData<{ runMatching: { run: { id: string; unmatched: { mentee: { id: string }; reason: string }[] }; userErrors: UserErrorShape[] } }>(
      app,
      `mutation($input: RunMatchingInput!) { runMatching(input: $input) { run { id unmatched { mentee { id } reason } } userErrors { code } } }`,
      { input: { programmeId } },
      coordinator,
    );
    expect(run.runMatching.userErrors).toEqual([]);
    const unmatched = run.runMatching.run.unmatched;
    expect(unmatched.length).toBeGreaterThan(0);

    const all = await wholeQueue(7);
    const fromRun = all.filter((e) => e.reason === 'RUN_LEFT_UNMATCHED');
    expect(new Set(fromRun.map((e) => e.node.id))).toEqual(new Set(unmatched.map((u) => u.mentee.id)));
    const reasonOf = new Map(unmatched.map((u) => [u.mentee.id, u.reason]));
    for (const e of fromRun) expect(e.runReason).toBe(reasonOf.get(e.node.id));
    // Paging walks the queue once, in name order, with no duplicates.
    expect(all).toHaveLength((await queue(1)).totalCount);
    expect(new Set(all.map((e) => e.node.id)).size).toBe(all.length);
    const names = all.map((e) => e.node.name);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y)));
    // The mentee whose requests failed is still there unless the run proposed them a mentor.
    const proposed = (await sql<{ n: number }>(app, `select count(*)::int as n from match_proposal where mentee_id = ? and status = 'PROPOSED'`, [failed]))[0]!.n;
    expect(all.some((e) => e.node.id === toGlobalId('Person', failed))).toBe(proposed === 0);
  });

  it('costs the same number of statements for a page of 2 as for a page of 20', async () => {
    const small = await app.countStatements(() => app.gql(QUEUE, { p: programmeId, first: 2 }, coordinator));
    const large = await app.countStatements(() => app.gql(QUEUE, { p: programmeId, first: 20 }, coordinator));
    expect((await queue(20)).edges.length).toBeGreaterThan(2);
    expect(large.statements).toBe(small.statements);
  });

  it('a coordinator resolves entries with overrideMatch or markNoMatchThisCohort; both leave the queue', async () => {
    const before = await queue();
    const [first, second] = before.edges.filter((e) => e.bestSuggestions.length > 0) as [QueueEdge, QueueEdge];
    const override = await gqlData<{ overrideMatch: { mentorship: { id: string } | null; userErrors: UserErrorShape[] } }>(
      app,
      `mutation($input: OverrideMatchInput!) { overrideMatch(input: $input) { mentorship { id } userErrors { code message } } }`,
      { input: { programmeId, mentorId: first.bestSuggestions[0]!.mentor.id, menteeId: first.node.id, reason: 'Paired by hand from the queue' } },
      coordinator,
    );
    expect(override.overrideMatch.userErrors).toEqual([]);
    const mark = await gqlData<{ markNoMatchThisCohort: { mentee: { id: string } | null; userErrors: UserErrorShape[] } }>(
      app,
      `mutation($input: MarkNoMatchThisCohortInput!) { markNoMatchThisCohort(input: $input) { mentee { id } userErrors { code } } }`,
      { input: { programmeId, menteeId: second.node.id, note: 'Joins the spring cohort instead' } },
      coordinator,
    );
    expect(mark.markNoMatchThisCohort).toEqual({ mentee: { id: second.node.id }, userErrors: [] });
    const after = await wholeQueue(100);
    expect(after.map((e) => e.node.id)).not.toContain(first.node.id);
    expect(after.map((e) => e.node.id)).not.toContain(second.node.id);
    expect(after).toHaveLength(before.totalCount - 2);
    const again = await gqlData<{ markNoMatchThisCohort: { userErrors: UserErrorShape[] } }>(
      app,
      `mutation($input: MarkNoMatchThisCohortInput!) { markNoMatchThisCohort(input: $input) { userErrors { code } } }`,
      { input: { programmeId, menteeId: first.node.id } },
      coordinator,
    );
    expect(again.markNoMatchThisCohort.userErrors.map((e) => e.code)).toEqual(['ALREADY_MATCHED']);
    const byMember = await gqlData<{ markNoMatchThisCohort: { userErrors: UserErrorShape[] } }>(
      app,
      `mutation($input: MarkNoMatchThisCohortInput!) { markNoMatchThisCohort(input: $input) { userErrors { code } } }`,
      { input: { programmeId, menteeId: after[0]!.node.id } },
      await token(cast.mentees[0]!),
    );
    expect(byMember.markNoMatchThisCohort.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
  });
});
