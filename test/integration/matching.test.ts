import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { scoringCache } from '../../src/modules/matching/scoring-cache.js';

let app: TestApp;
let acme: SeedResult;
let coordinator: string;
let mentee: string;
let programmeId: string;

beforeAll(async () => {
  app = await startTestApp({}, { jobs: true });
  acme = await app.seed({ people: 400, seed: 11, slug: 'acme' });
  coordinator = await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR);
  mentee = await app.token(acme.demoUsers.mentee, acme.organizationId, Role.MEMBER);
  programmeId = toGlobalId('Programme', acme.programmeIds.get('programme-growth-mentoring-2026')!);
});
afterAll(async () => app?.close());

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  const res = (await app.orm.em.getKnex().raw(query, params as never)) as { rows: T[] };
  return res.rows;
}

const RUN = /* GraphQL */ `
  mutation Run($input: RunMatchingInput!) {
    runMatching(input: $input) {
      run {
        id status progress phase algorithm
        stats { mentees mentors matched unmatched totalScore meanScore worstMatchedScore distribution greedy { matched totalScore } candidatePairs pairsUsed rounds }
        certificate { verified primalObjective dualObjective violations }
        unmatched { mentee { id } reason message }
      }
      userErrors { field message code }
    }
  }
`;

interface RunResult {
  runMatching: {
    run: {
      id: string;
      status: string;
      stats: { mentees: number; mentors: number; matched: number; unmatched: number; totalScore: number; greedy: { matched: number; totalScore: number } };
      certificate: { verified: boolean; primalObjective: number; dualObjective: number; violations: string[] };
      unmatched: { mentee: { id: string }; reason: string; message: string }[];
    } | null;
    userErrors: { code: string }[];
  };
}

describe('programme matching', () => {
  let runId: string;

  it('matches the whole programme optimally, with a verified certificate, stats and a reason for every unmatched mentee', async () => {
    const res = await app.gql<RunResult>(RUN, { input: { programmeId } }, coordinator);
    expect(res.errors).toBeUndefined();
    const run = res.data!.runMatching.run!;
    expect(res.data!.runMatching.userErrors).toEqual([]);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.stats.matched).toBeGreaterThan(0);
    expect(run.stats.matched + run.stats.unmatched).toBe(run.stats.mentees);
    expect(run.certificate.verified).toBe(true);
    expect(run.certificate.primalObjective).toBe(run.certificate.dualObjective);
    // Lexicographic optimum: never fewer matches than greedy; at equal matches never a lower total.
    expect(run.stats.matched).toBeGreaterThanOrEqual(run.stats.greedy.matched);
    if (run.stats.matched === run.stats.greedy.matched) expect(run.stats.totalScore).toBeGreaterThanOrEqual(run.stats.greedy.totalScore - 1e-6);
    expect(run.unmatched).toHaveLength(run.stats.unmatched);
    for (const u of run.unmatched) expect(u.message.length).toBeGreaterThan(10);
    runId = fromGlobalId(run.id)!.id;
  });

  it('never proposes a pair inside the chain of command, never over capacity, never a mentee twice', async () => {
    const proposals = await sql<{ mentor_path: string; mentee_path: string; mentee_id: string }>(
      `select pm.org_path as mentor_path, pe.org_path as mentee_path, p.mentee_id
         from match_proposal p join person pm on pm.id = p.mentor_id join person pe on pe.id = p.mentee_id where p.run_id = ?`,
      [runId],
    );
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) {
      expect(p.mentee_path.startsWith(p.mentor_path)).toBe(false);
      expect(p.mentor_path.startsWith(p.mentee_path)).toBe(false);
    }
    expect(new Set(proposals.map((p) => p.mentee_id)).size).toBe(proposals.length);
    const over = await sql<{ n: number }>(
      `select count(*)::int as n from (select p.mentor_id, count(*) c, max(e.capacity) cap from match_proposal p
         join enrollment e on e.person_id = p.mentor_id and e.programme_id = p.programme_id where p.run_id = ? group by p.mentor_id) x where c > cap`,
      [runId],
    );
    expect(over[0]!.n).toBe(0);
  });

  it('suggests mentors for the signed-in mentee, best first, with breakdown and reasons, none in the chain of command', async () => {
    const q = `query($p: ID!) { suggestedMentors(programmeId: $p, first: 10) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor score capacityLeft breakdown { experience goals reach practical } reasons { component text points } node { id name } } } }`;
    const res = await app.gql<{ suggestedMentors: { totalCount: number; edges: { score: number; capacityLeft: number; breakdown: Record<string, number>; reasons: unknown[]; node: { id: string } }[] } }>(q, { p: programmeId }, mentee);
    expect(res.errors).toBeUndefined();
    const edges = res.data!.suggestedMentors.edges;
    expect(edges.length).toBeGreaterThan(0);
    for (let i = 1; i < edges.length; i++) expect(edges[i - 1]!.score).toBeGreaterThanOrEqual(edges[i]!.score);
    const menteePath = (await sql<{ org_path: string }>('select org_path from person where id = ?', [acme.demoUsers.mentee]))[0]!.org_path;
    for (const e of edges) {
      expect(e.capacityLeft).toBeGreaterThan(0);
      expect(e.reasons.length).toBeGreaterThan(0);
      for (const v of Object.values(e.breakdown)) expect(v).toBeGreaterThanOrEqual(0);
      const mentorPath = (await sql<{ org_path: string }>('select org_path from person where id = ?', [fromGlobalId(e.node.id)!.id]))[0]!.org_path;
      expect(menteePath.startsWith(mentorPath)).toBe(false);
    }
  });

  it('never suggests the mentee\'s manager\'s manager, and explainMatch says why: CHAIN_OF_COMMAND', async () => {
    const chain = (await sql<{ org_path: string }>('select org_path from person where id = ?', [acme.demoUsers.mentee]))[0]!.org_path.split('/').filter(Boolean);
    const grandManager = chain[chain.length - 3]!;
    const q = `query($p: ID!, $m: ID!, $e: ID!) { explainMatch(programmeId: $p, mentorId: $m, menteeId: $e) { eligible score blockedBy { code message } reasons { text } } }`;
    const res = await app.gql<{ explainMatch: { eligible: boolean; score: number | null; blockedBy: { code: string }[] } }>(
      q,
      { p: programmeId, m: toGlobalId('Person', grandManager), e: toGlobalId('Person', acme.demoUsers.mentee) },
      coordinator,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.explainMatch.eligible).toBe(false);
    expect(res.data!.explainMatch.score).toBeNull();
    expect(res.data!.explainMatch.blockedBy.map((b) => b.code)).toContain('CHAIN_OF_COMMAND');
  });

  it('lets a member see only their own suggestions', async () => {
    const q = `query($p: ID!, $m: ID) { suggestedMentors(programmeId: $p, menteeId: $m, first: 1) { totalCount } }`;
    const res = await app.gql(q, { p: programmeId, m: toGlobalId('Person', acme.demoUsers.mentor) }, mentee);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('serves a suggestions page in at most 3 SQL statements once warm, reading live load when it is stale', async () => {
    const q = `query($p: ID!) { suggestedMentors(programmeId: $p, first: 20) { totalCount edges { score node { id name title } } } }`;
    await app.gql(q, { p: programmeId }, mentee);
    const warm = await app.countStatements(() => app.gql<{ suggestedMentors: { edges: unknown[] } }>(q, { p: programmeId }, mentee));
    expect(warm.result.errors).toBeUndefined();
    expect(warm.result.data!.suggestedMentors.edges.length).toBeGreaterThan(0);
    expect(warm.statements).toBeLessThanOrEqual(3);
    // After an approval (or the TTL) the mentors' live load is read again: exactly one grouped statement.
    scoringCache.forgetLoad(fromGlobalId(programmeId)!.id);
    await new Promise((r) => setTimeout(r, 10));
    const stale = await app.countStatements(() => app.gql<{ suggestedMentors: { edges: unknown[] } }>(q, { p: programmeId }, mentee));
    expect(stale.result.errors).toBeUndefined();
    expect(stale.statements).toBe(1);
    expect(stale.sql[0]).toMatch(/from mentorship/);
  });

  it('pages through every suggestion with cursors: best first, no gaps, no repeats, the same count on every page', async () => {
    const q = `query($p: ID!, $after: String) { suggestedMentors(programmeId: $p, first: 7, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { score capacityLeft node { id } } } }`;
    type Page = { suggestedMentors: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; edges: { score: number; capacityLeft: number; node: { id: string } }[] } };
    const seen: { score: number; id: string }[] = [];
    let after: string | null = null;
    let total = -1;
    for (let pages = 0; pages < 100; pages++) {
      const res: { data?: Page | null; errors?: unknown } = await app.gql<Page>(q, { p: programmeId, after }, mentee);
      expect(res.errors).toBeUndefined();
      const c = res.data!.suggestedMentors;
      if (total < 0) total = c.totalCount;
      expect(c.totalCount).toBe(total);
      expect(c.pageInfo.hasPreviousPage).toBe(pages > 0);
      for (const e of c.edges) {
        expect(e.capacityLeft).toBeGreaterThan(0);
        seen.push({ score: e.score, id: e.node.id });
      }
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(7);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((e) => e.id)).size).toBe(total);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.score).toBeGreaterThanOrEqual(seen[i]!.score);
    // A filter that keeps everyone takes the other path (one pass over every mentor): same mentors, same order.
    const policy = await app.gql<{ node: { policy: { minScore: number } } }>(`query($p: ID!) { node(id: $p) { ... on Programme { policy { minScore } } } }`, { p: programmeId }, coordinator);
    const scanned = await app.gql<Page>(
      `query($p: ID!, $m: Float) { suggestedMentors(programmeId: $p, first: 100, filter: { minScore: $m }) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { score capacityLeft node { id } } } }`,
      { p: programmeId, m: policy.data!.node.policy.minScore + 1e-9 },
      mentee,
    );
    expect(scanned.data!.suggestedMentors.edges.map((e) => e.node.id)).toEqual(seen.map((e) => e.id).slice(0, 100));
  });

  it('stops suggesting a mentor as soon as approvals fill them, and counts one fewer', async () => {
    const pid = fromGlobalId(programmeId)!.id;
    const q = `query($p: ID!) { suggestedMentors(programmeId: $p, first: 5) { totalCount edges { capacityLeft node { id } } } }`;
    type Page = { suggestedMentors: { totalCount: number; edges: { capacityLeft: number; node: { id: string } }[] } };
    const before = (await app.gql<Page>(q, { p: programmeId }, mentee)).data!.suggestedMentors;
    const top = before.edges[0]!;
    const mentorId = fromGlobalId(top.node.id)!.id;
    // Fill the mentor's remaining places through the approval workflow, with other unmatched mentees.
    const others = await sql<{ person_id: string }>(
      `select e.person_id from enrollment e where e.programme_id = ? and e.role = 'MENTEE' and e.person_id <> ?
         and not exists (select 1 from mentorship m where m.mentee_id = e.person_id and m.programme_id = e.programme_id and m.status in ('ACTIVE', 'PAUSED'))
       order by e.person_id`,
      [pid, acme.demoUsers.mentee],
    );
    let left = top.capacityLeft;
    for (const other of others) {
      if (left === 0) break;
      const id = randomUUID();
      await sql(
        `insert into match_proposal (id, organization_id, programme_id, mentor_id, mentee_id, score, breakdown, reasons, status, source) values (?, ?, ?, ?, ?, 50, '{}', '[]', 'PROPOSED', 'MANUAL')`,
        [id, acme.organizationId, pid, mentorId, other.person_id],
      );
      const res = await app.gql<{ approveMatchProposal: { userErrors: { code: string }[] } }>(
        `mutation($id: ID!) { approveMatchProposal(input: { proposalId: $id }) { userErrors { code } } }`,
        { id: toGlobalId('MatchProposal', id) },
        coordinator,
      );
      if (res.data!.approveMatchProposal.userErrors.length === 0) left--;
    }
    expect(left).toBe(0);
    const after = (await app.gql<Page>(q, { p: programmeId }, mentee)).data!.suggestedMentors;
    expect(after.edges.map((e) => e.node.id)).not.toContain(top.node.id);
    expect(after.totalCount).toBe(before.totalCount - 1);
    const explained = await app.gql<{ explainMatch: { eligible: boolean; blockedBy: { code: string }[] } }>(
      `query($p: ID!, $m: ID!, $e: ID!) { explainMatch(programmeId: $p, mentorId: $m, menteeId: $e) { eligible blockedBy { code } } }`,
      { p: programmeId, m: top.node.id, e: toGlobalId('Person', acme.demoUsers.mentee) },
      mentee,
    );
    expect(explained.data!.explainMatch.eligible).toBe(false);
    expect(explained.data!.explainMatch.blockedBy.map((b) => b.code)).toContain('NO_CAPACITY');
  });
});

describe('approval workflow', () => {
  const APPROVE = `mutation($id: ID!) { approveMatchProposal(input: { proposalId: $id }) { proposal { id status } mentorship { id status } userErrors { code message } } }`;

  async function openProposals(limit: number) {
    return sql<{ id: string; mentor_id: string; mentee_id: string }>(
      `select id, mentor_id, mentee_id from match_proposal where programme_id = ? and status = 'PROPOSED' order by id limit ?`,
      [fromGlobalId(programmeId)!.id, limit],
    );
  }

  it('approves a proposal into a mentorship, once', async () => {
    const [p] = await openProposals(1);
    const id = toGlobalId('MatchProposal', p!.id);
    const first = await app.gql<{ approveMatchProposal: { proposal: { status: string }; mentorship: { status: string }; userErrors: unknown[] } }>(APPROVE, { id }, coordinator);
    expect(first.data!.approveMatchProposal.userErrors).toEqual([]);
    expect(first.data!.approveMatchProposal.proposal.status).toBe('APPROVED');
    expect(first.data!.approveMatchProposal.mentorship.status).toBe('ACTIVE');
    const again = await app.gql<{ approveMatchProposal: { userErrors: { code: string }[] } }>(APPROVE, { id }, coordinator);
    expect(again.data!.approveMatchProposal.userErrors[0]!.code).toBe('ILLEGAL_TRANSITION');
    const audit = await sql<{ n: number }>(`select count(*)::int as n from audit_event where subject_id = ? and action = 'proposal.approved'`, [p!.id]);
    expect(audit[0]!.n).toBe(1);
  });

  it('refuses approval to members', async () => {
    const [p] = await openProposals(1);
    const res = await app.gql<{ approveMatchProposal: { userErrors: { code: string }[] } }>(APPROVE, { id: toGlobalId('MatchProposal', p!.id) }, mentee);
    expect(res.data!.approveMatchProposal.userErrors[0]!.code).toBe('FORBIDDEN');
  });

  it('never exceeds a mentor\'s capacity when many coordinators approve the last slot at once', async () => {
    const pid = fromGlobalId(programmeId)!.id;
    // A mentor with exactly one free slot, and eight open proposals for eight different unmatched mentees.
    const [mentor] = await sql<{ person_id: string; capacity: number }>(
      `select e.person_id, e.capacity from enrollment e where e.programme_id = ? and e.role = 'MENTOR'
         and not exists (select 1 from mentorship m where m.mentor_id = e.person_id and m.programme_id = e.programme_id) order by e.person_id limit 1`,
      [pid],
    );
    await sql(`update enrollment set capacity = 1 where programme_id = ? and person_id = ?`, [pid, mentor!.person_id]);
    const mentees = await sql<{ person_id: string }>(
      `select e.person_id from enrollment e where e.programme_id = ? and e.role = 'MENTEE'
         and not exists (select 1 from mentorship m where m.mentee_id = e.person_id and m.programme_id = e.programme_id) order by e.person_id limit 8`,
      [pid],
    );
    const ids = mentees.map(() => randomUUID());
    for (const [i, m] of mentees.entries()) {
      await sql(
        `insert into match_proposal (id, organization_id, programme_id, mentor_id, mentee_id, score, breakdown, reasons, status, source) values (?, ?, ?, ?, ?, 50, '{}', '[]', 'PROPOSED', 'MANUAL')`,
        [ids[i], acme.organizationId, pid, mentor!.person_id, m.person_id],
      );
    }
    const results = await Promise.all(ids.map((id) => app.gql<{ approveMatchProposal: { proposal: { status: string } | null; userErrors: { code: string }[] } }>(APPROVE, { id: toGlobalId('MatchProposal', id) }, coordinator)));
    const ok = results.filter((r) => r.data?.approveMatchProposal.userErrors.length === 0);
    const codes = results.flatMap((r) => r.data?.approveMatchProposal.userErrors.map((e) => e.code) ?? ['HTTP']);
    expect(ok).toHaveLength(1);
    expect(codes.every((c) => c === 'NO_CAPACITY')).toBe(true);
    const live = await sql<{ n: number }>(`select count(*)::int as n from mentorship where programme_id = ? and mentor_id = ? and status = 'ACTIVE'`, [pid, mentor!.person_id]);
    expect(live[0]!.n).toBe(1);
  });

  it('never pairs a mentee twice when two mentors are approved for them at once', async () => {
    const pid = fromGlobalId(programmeId)!.id;
    const [m] = await sql<{ person_id: string }>(
      `select e.person_id from enrollment e where e.programme_id = ? and e.role = 'MENTEE'
         and not exists (select 1 from mentorship m where m.mentee_id = e.person_id and m.programme_id = e.programme_id) order by e.person_id desc limit 1`,
      [pid],
    );
    const mentors = await sql<{ person_id: string }>(
      `select e.person_id from enrollment e where e.programme_id = ? and e.role = 'MENTOR' and e.capacity >= 3 order by e.person_id limit 2`,
      [pid],
    );
    const ids = [randomUUID(), randomUUID()];
    for (const [i, mentor] of mentors.entries()) {
      await sql(
        `insert into match_proposal (id, organization_id, programme_id, mentor_id, mentee_id, score, breakdown, reasons, status, source) values (?, ?, ?, ?, ?, 50, '{}', '[]', 'PROPOSED', 'MANUAL')`,
        [ids[i], acme.organizationId, pid, mentor.person_id, m!.person_id],
      );
    }
    const results = await Promise.all(ids.map((id) => app.gql<{ approveMatchProposal: { userErrors: { code: string }[] } }>(APPROVE, { id: toGlobalId('MatchProposal', id) }, coordinator)));
    const ok = results.filter((r) => r.data?.approveMatchProposal.userErrors.length === 0);
    expect(ok).toHaveLength(1);
    const live = await sql<{ n: number }>(`select count(*)::int as n from mentorship where programme_id = ? and mentee_id = ? and status in ('ACTIVE','PAUSED')`, [pid, m!.person_id]);
    expect(live[0]!.n).toBe(1);
  });

  it('excludes a rejected pair from every later run', async () => {
    const [p] = await openProposals(1);
    const rej = await app.gql<{ rejectMatchProposal: { proposal: { status: string }; userErrors: unknown[] } }>(
      `mutation($id: ID!) { rejectMatchProposal(input: { proposalId: $id, reason: "They worked together before" }) { proposal { status } userErrors { code } } }`,
      { id: toGlobalId('MatchProposal', p!.id) },
      coordinator,
    );
    expect(rej.data!.rejectMatchProposal.proposal.status).toBe('REJECTED');
    scoringCache.invalidate();
    const res = await app.gql<RunResult>(RUN, { input: { programmeId } }, coordinator);
    const run = res.data!.runMatching.run!;
    expect(run.certificate.verified).toBe(true);
    const again = await sql<{ n: number }>(`select count(*)::int as n from match_proposal where run_id = ? and mentor_id = ? and mentee_id = ?`, [fromGlobalId(run.id)!.id, p!.mentor_id, p!.mentee_id]);
    expect(again[0]!.n).toBe(0);
    const q = `query($p: ID!, $m: ID!, $e: ID!) { explainMatch(programmeId: $p, mentorId: $m, menteeId: $e) { blockedBy { code } } }`;
    const ex = await app.gql<{ explainMatch: { blockedBy: { code: string }[] } }>(q, { p: programmeId, m: toGlobalId('Person', p!.mentor_id), e: toGlobalId('Person', p!.mentee_id) }, coordinator);
    expect(ex.data!.explainMatch.blockedBy.map((b) => b.code)).toContain('EXCLUDED');
  });

  it('overrides only what may be overridden: hard rules hold, capacity only when asked', async () => {
    const chain = (await sql<{ org_path: string }>('select org_path from person where id = ?', [acme.demoUsers.mentee]))[0]!.org_path.split('/').filter(Boolean);
    const res = await app.gql<{ overrideMatch: { userErrors: { code: string }[] } }>(
      `mutation($i: OverrideMatchInput!) { overrideMatch(input: $i) { proposal { id } userErrors { code message } } }`,
      { i: { programmeId, mentorId: toGlobalId('Person', chain[chain.length - 2]!), menteeId: toGlobalId('Person', acme.demoUsers.mentee), reason: 'manual' } },
      coordinator,
    );
    expect(res.data!.overrideMatch.userErrors.map((e) => e.code)).toContain('CHAIN_OF_COMMAND');
  });

  it('runs big programmes in the background on the job queue and reports progress until done', async () => {
    const res = await app.gql<RunResult>(RUN, { input: { programmeId, background: true } }, coordinator);
    expect(res.data!.runMatching.userErrors).toEqual([]);
    const id = res.data!.runMatching.run!.id;
    expect(['QUEUED', 'RUNNING', 'SUCCEEDED']).toContain(res.data!.runMatching.run!.status);
    let status = '';
    for (let i = 0; i < 100 && status !== 'SUCCEEDED' && status !== 'FAILED'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const poll = await app.gql<{ node: { status: string; progress: number } }>(`query($id: ID!) { node(id: $id) { ... on MatchRun { status progress phase } } }`, { id }, coordinator);
      status = poll.data!.node.status;
    }
    expect(status).toBe('SUCCEEDED');
  });
});
