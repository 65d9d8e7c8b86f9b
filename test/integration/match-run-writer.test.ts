/**
 * The match-run job loads a programme as compact JSON tuples and writes its proposals and outbox
 * events with bulk statements. What lands in the database must be exactly what the computation
 * produced: every pair with its score, breakdown and reasons, one `proposal.created` event each,
 * and the stats, certificate and unmatched reasons of the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { computeMatching, executeMatchRun } from '../../src/modules/matching/match-run.service.js';
import { MatchRun } from '../../src/modules/matching/match-run.entity.js';
import { loadProgrammeData } from '../../src/modules/matching/programme-data.js';
import { toBreakdown, toReasons } from '../../src/modules/matching/suggestions.service.js';
import { Programme } from '../../src/modules/programme/programme.entity.js';
import { explainPair } from '../../src/matching/index.js';

let app: TestApp;
let acme: SeedResult;
let coordinator: string;
let programmeUuid: string;

beforeAll(async () => {
  app = await startTestApp({}, { jobs: false });
  acme = await app.seed({ people: 300, seed: 5, slug: 'acme' });
  coordinator = await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR);
  programmeUuid = acme.programmeIds.get('programme-growth-mentoring-2026')!;
});
afterAll(async () => app?.close());

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return ((await app.orm.em.getKnex().raw(query, params as never)) as { rows: T[] }).rows;
}

describe('the match-run writer', () => {
  it('loads the programme as the database holds it: every person in id order, enrolments, active goals of mentees, mentors’ skills', async () => {
    const em = app.orm.em.fork();
    const data = await loadProgrammeData(em, await em.findOneOrFail(Programme, { id: programmeUuid }), { capacityMode: 'full' });
    const people = await sql<{ id: string; manager_id: string | null; languages: string[] }>('select id, manager_id, languages from person where organization_id = ? order by id', [acme.organizationId]);
    expect(data.personIds).toEqual(people.map((p) => p.id));
    people.forEach((p, i) => {
      expect(data.input.people[i]!.manager).toBe(p.manager_id ? data.indexOf.get(p.manager_id) : -1);
      expect(data.input.people[i]!.languages).toHaveLength(p.languages.length);
    });
    const enrolled = await sql<{ person_id: string; role: string; capacity: number }>('select person_id, role, capacity from enrollment where programme_id = ? order by person_id', [programmeUuid]);
    expect(data.mentees.map((i) => data.personIds[i])).toEqual(enrolled.filter((e) => e.role === 'MENTEE').map((e) => e.person_id));
    expect(data.mentors.map((m) => [data.personIds[m.person], m.capacity])).toEqual(enrolled.filter((e) => e.role === 'MENTOR').map((e) => [e.person_id, e.capacity]));
    const [goals] = await sql<{ n: number; skills: number }>(
      `select count(distinct g.id)::int as n, count(gs.skill_id)::int as skills from development_goal g join enrollment e on e.person_id = g.person_id and e.programme_id = ? and e.role = 'MENTEE'
         left join development_goal_skill gs on gs.development_goal_id = g.id where g.status = 'ACTIVE'`,
      [programmeUuid],
    );
    expect(data.input.goals).toHaveLength(goals!.n);
    expect(data.input.goals.reduce((a, g) => a + g.skills.length, 0)).toBe(goals!.skills);
    const [skills] = await sql<{ n: number }>(`select count(*)::int as n from person_skill ps join enrollment e on e.person_id = ps.person_id and e.programme_id = ? and e.role = 'MENTOR'`, [programmeUuid]);
    expect(data.input.proficiencies).toHaveLength(skills!.n);
  });

  /** What a finished run left in the database against the same computation done again. */
  async function expectWrittenAsComputed(runId: string): Promise<void> {
    // The same computation again (deterministic, nothing it depends on changed).
    const em = app.orm.em.fork();
    const expected = await computeMatching(em, await em.findOneOrFail(Programme, { id: programmeUuid }), {});
    expect(expected.pairs.length).toBeGreaterThan(10);

    const written = await sql<{ id: string; mentor_id: string; mentee_id: string; score: number; breakdown: unknown; reasons: unknown; status: string; source: string; organization_id: string; breakdown_type: string }>(
      `select id, mentor_id, mentee_id, score, breakdown, reasons, status, source, organization_id, jsonb_typeof(breakdown) as breakdown_type from match_proposal where run_id = ?`,
      [runId],
    );
    const byMentee = new Map(written.map((w) => [w.mentee_id, w]));
    expect(written).toHaveLength(expected.pairs.length);
    for (const p of expected.pairs) {
      const w = byMentee.get(expected.data.personIds[p.mentee]!)!;
      expect(w.mentor_id).toBe(expected.data.personIds[p.mentor]);
      expect(w.score).toBeCloseTo(p.score, 4); // a `real` column
      expect([w.status, w.source, w.organization_id, w.breakdown_type]).toEqual(['PROPOSED', 'RUN', acme.organizationId, 'object']);
      const e = explainPair(expected.ctx, p.mentor, p.mentee);
      expect(w.breakdown).toEqual({ ...toBreakdown(e.breakdown) });
      expect(w.reasons).toEqual(toReasons(e, 6).map((r) => ({ component: r.component, text: r.text, points: r.points })));
    }

    const events = await sql<{ aggregate_id: string; sequence: number; payload: Record<string, unknown>; payload_type: string }>(
      `select aggregate_id, sequence, payload, jsonb_typeof(payload) as payload_type from outbox_event where type = 'proposal.created' and aggregate_id = any(?::uuid[])`,
      [written.map((w) => w.id)],
    );
    expect(events).toHaveLength(written.length);
    const byProposal = new Map(written.map((w) => [w.id, w]));
    for (const ev of events) {
      const w = byProposal.get(ev.aggregate_id)!;
      expect(ev.sequence).toBe(1);
      expect(ev.payload_type).toBe('object');
      expect(ev.payload).toMatchObject({ status: 'PROPOSED', mentorId: toGlobalId('Person', w.mentor_id), menteeId: toGlobalId('Person', w.mentee_id) });
    }

    const [run] = await sql<{ status: string; stats: Record<string, unknown>; certificate: Record<string, unknown>; unmatched: unknown[] }>('select status, stats, certificate, unmatched from match_run where id = ?', [runId]);
    expect(run!.status).toBe('SUCCEEDED');
    const { elapsedMs: _a, ...stats } = run!.stats;
    const { elapsedMs: _b, ...expectedStats } = expected.outcome.stats;
    expect(stats).toEqual(JSON.parse(JSON.stringify(expectedStats)));
    expect(run!.certificate).toEqual(JSON.parse(JSON.stringify(expected.outcome.certificate)));
    expect(run!.unmatched).toEqual(expected.outcome.unmatched);
  }

  it('writes exactly the pairs, scores, breakdowns, reasons, events, stats and certificate the run computed', async () => {
    const res = await app.gql<{ runMatching: { run: { id: string; status: string } | null } }>(
      `mutation($p: ID!) { runMatching(input: { programmeId: $p, background: false }) { run { id status } } }`,
      { p: toGlobalId('Programme', programmeUuid) },
      coordinator,
    );
    expect(res.data?.runMatching.run?.status).toBe('SUCCEEDED');
    await expectWrittenAsComputed(fromGlobalId(res.data!.runMatching.run!.id)!.id);
  });

  it('writes the same when the proposals go out in many small steps, and withdraws the previous run’s open proposals', async () => {
    const [previous] = await sql<{ n: number }>(`select count(*)::int as n from match_proposal where programme_id = ? and status = 'PROPOSED'`, [programmeUuid]);
    expect(previous!.n).toBeGreaterThan(10);
    const em = app.orm.em.fork();
    const run = em.create(MatchRun, { organization: acme.organizationId, programme: programmeUuid, requestedBy: acme.demoUsers.coordinator, options: { minScore: null, background: true } });
    await em.flush();
    await executeMatchRun(app.orm, run.id, { writeChunk: 7 });
    await expectWrittenAsComputed(run.id);
    const open = await sql<{ run_id: string }>(`select distinct run_id from match_proposal where programme_id = ? and status = 'PROPOSED'`, [programmeUuid]);
    expect(open).toEqual([{ run_id: run.id }]);
  });
});
