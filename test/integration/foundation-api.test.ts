import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { toGlobalId } from '../../src/graphql/global-id.js';

let app: TestApp;
let acme: SeedResult;
let coordinator: string;
let mentee: string;

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 300, seed: 7, slug: 'acme' });
  coordinator = await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR);
  mentee = await app.token(acme.demoUsers.mentee, acme.organizationId, Role.MEMBER);
});
afterAll(async () => app?.close());

const PEOPLE_PAGE = /* GraphQL */ `
  query People($first: Int, $after: String, $filter: PeopleFilter) {
    people(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id name department division manager { id name department } skills { proficiency skill { id name } } } }
    }
  }
`;

describe('viewer and the people directory', () => {
  it('answers the viewer and a page of people for a signed-in member', async () => {
    const res = await app.gql<{ viewer: { id: string; name: string; email: string } }>('{ viewer { id name email } }', {}, mentee);
    expect(res.errors).toBeUndefined();
    expect(res.data!.viewer.id).toBe(toGlobalId('Person', acme.demoUsers.mentee));
    expect(res.data!.viewer.email).toMatch(/@/);
    const page = await app.gql<{ people: { totalCount: number; edges: unknown[] } }>(PEOPLE_PAGE, { first: 10 }, mentee);
    expect(page.errors).toBeUndefined();
    expect(page.data!.people.totalCount).toBe(300);
    expect(page.data!.people.edges).toHaveLength(10);
  });

  it('refuses anonymous requests with UNAUTHENTICATED, and bad tokens with 401', async () => {
    const anon = await app.gql('{ viewer { id } }');
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await app.gql('{ viewer { id } }', {}, `${mentee.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
  });

  it('pages through everyone with keyset cursors: no gaps, no repeats', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    for (;;) {
      const res: Awaited<ReturnType<typeof app.gql<{ people: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] } }>>> = await app.gql(PEOPLE_PAGE, { first: 100, after }, mentee);
      for (const e of res.data!.people.edges) {
        expect(seen.has(e.node.id)).toBe(false);
        seen.add(e.node.id);
      }
      if (!res.data!.people.pageInfo.hasNextPage) break;
      after = res.data!.people.pageInfo.endCursor;
    }
    expect(seen.size).toBe(300);
  });

  it('filters by department, level and skill', async () => {
    const first = await app.gql<{ people: { edges: { node: { department: string; skills: { skill: { id: string } }[] } }[] } }>(PEOPLE_PAGE, { first: 1 }, mentee);
    const someone = first.data!.people.edges[0]!.node;
    const byDept = await app.gql<{ people: { totalCount: number; edges: { node: { department: string } }[] } }>(PEOPLE_PAGE, { first: 100, filter: { department: someone.department } }, mentee);
    expect(byDept.data!.people.totalCount).toBeGreaterThan(0);
    expect(byDept.data!.people.edges.every((e) => e.node.department === someone.department)).toBe(true);
    const skillId = someone.skills[0]!.skill.id;
    const bySkill = await app.gql<{ people: { totalCount: number; edges: { node: { skills: { proficiency: number; skill: { id: string } }[] } }[] } }>(PEOPLE_PAGE, { first: 100, filter: { skillId, minProficiency: 1 } }, mentee);
    expect(bySkill.data!.people.totalCount).toBeGreaterThan(0);
    expect(bySkill.data!.people.edges.every((e) => e.node.skills.some((s) => s.skill.id === skillId))).toBe(true);
    const seniors = await app.gql<{ people: { edges: { node: { id: string } }[] } }>('query { people(first: 50, filter: { levelMin: 8 }) { edges { node { id level } } } }', {}, mentee);
    expect(seniors.errors).toBeUndefined();
  });

  it('rejects a malformed cursor and an oversized page as user input errors, not 500s', async () => {
    const bad = await app.gql(PEOPLE_PAGE, { first: 10, after: 'not-a-cursor!' }, mentee);
    expect(bad.status).toBe(200);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const huge = await app.gql(PEOPLE_PAGE, { first: 5000 }, mentee);
    expect(huge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('hides other people\'s email and goals from members, shows them to coordinators', async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on Person { email goals { id } } } }`;
    const other = toGlobalId('Person', acme.demoUsers.mentor);
    const asMember = await app.gql<{ node: { email: string | null; goals: unknown[] | null } }>(q, { id: other }, mentee);
    expect(asMember.data!.node.email).toBeNull();
    expect(asMember.data!.node.goals).toBeNull();
    const asCoordinator = await app.gql<{ node: { email: string | null; goals: unknown[] | null } }>(q, { id: other }, coordinator);
    expect(asCoordinator.data!.node.email).toMatch(/@/);
    expect(asCoordinator.data!.node.goals).not.toBeNull();
  });
});

describe('batching', () => {
  it('runs a constant number of SQL statements for 5 and for 50 people with manager, department and skills', async () => {
    const run = (first: number) => app.countStatements(() => app.gql<{ people: { edges: unknown[] } }>(PEOPLE_PAGE, { first }, mentee));
    const five = await run(5);
    const fifty = await run(50);
    expect(five.result.errors).toBeUndefined();
    expect(fifty.result.data!.people.edges).toHaveLength(50);
    expect(fifty.statements).toBe(five.statements);
    // page + count + managers + skills + skill names
    expect(fifty.statements).toBeGreaterThanOrEqual(3);
    expect(fifty.statements).toBeLessThanOrEqual(5);
  });
});
