/**
 * Load benchmark of the GraphQL API: autocannon against the real server on loopback, on a seeded
 * organisation in an embedded PostgreSQL of its own (a temporary directory, removed afterwards).
 *
 *   npm run bench:api          (10,000 people, 10 s per scenario, 10 connections)
 *   BENCH_PEOPLE=2000 BENCH_SECONDS=5 BENCH_CONNECTIONS=16 npm run bench:api
 *
 * Scenarios, each measured in the same run against the same server process:
 *   ceiling              `{ __typename }` with a bearer token: HTTP + auth + Apollo, no resolver, no SQL
 *   suggestedMentors     first page, the next of 1,000 mentees (tokens) on every request, round robin
 *   … unique mentees     first page for mentees no earlier request asked about, each exactly once
 *                        (nothing of theirs can be cached): the cold figure
 *   relationship status  a matched mentee's `myMentorships { status health { score status } }`
 * Printed: req/s, p50/p99 latency, the ratio to the ceiling, SQL statements per request, and how
 * many distinct viewers each scenario cycles through.
 *
 * The server runs as deployed: NODE_ENV=production (graphql-js then skips its development-only
 * instanceof diagnostics; no landing page, no introspection) with a random JWT secret.
 * BENCH_NODE_ENV=development measures the development configuration instead.
 */
import os from 'node:os';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import autocannon, { type Result } from 'autocannon';
import 'reflect-metadata';
import { startEmbeddedPostgres, withDatabase } from '../src/db/embedded.js';
import { ensureDatabase } from '../src/db/database.js';
import { initOrm, migrate } from '../src/db/orm.js';
import { loadDemoOrganization } from '../src/db/demo-org.js';
import { Authenticator } from '../src/graphql/auth.js';
import { loadConfig } from '../src/config.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { Role } from '../src/modules/person/person.enums.js';

const TARGET = { suggestedRps: 1500, suggestedP99Ms: 25, statementsPerRequest: 3 };

const SUGGESTED = `query Suggested($p: ID!) { suggestedMentors(programmeId: $p, first: 10) { totalCount edges { score breakdown { experience goals reach practical } reasons { text } node { id name title department } } } }`;
const STATUS = `query MyRelationships { myMentorships(first: 5) { totalCount nodes { id status health { score status } } } }`;
const CEILING = `{ __typename }`;

interface Scenario {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  tokens: string[];
  /** Send exactly one request per token (no warm-up, no repeats) instead of running for the duration. */
  once?: boolean;
}

interface Measured {
  name: string;
  result: Result;
  /** Wall-clock seconds from the start to the last response (autocannon reports whole seconds only). */
  seconds: number;
  statementsPerRequest: number | null;
}

class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(databaseUrl: string, nodeEnv: string): Promise<ServerProcess> {
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'api-server.js');
    // BENCH_SERVER_NODE_OPTIONS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server alone.
    const execArgv = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
    const child = fork(script, [], { env: { ...process.env, NODE_ENV: nodeEnv, BENCH_DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, execArgv, stdio: 'inherit' });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: { type: string; url: string }) => (m.type === 'ready' ? resolve(m.url) : reject(new Error(`unexpected ${m.type}`))));
      child.once('exit', (code) => reject(new Error(`api server exited with ${code}`)));
    });
    return new ServerProcess(child, url);
  }

  async statements(): Promise<number> {
    return new Promise((resolve) => {
      const onMessage = (m: { type: string; statements: number }) => {
        if (m.type !== 'statements') return;
        this.child.off('message', onMessage);
        resolve(m.statements);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'statements' });
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'stop' });
    });
  }
}

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (res.status !== 200 || body.errors || !body.data) throw new Error(`benchmark fixture request failed (${res.status}): ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

/** One autocannon run; `seconds` is from the start to the last response (the run itself ends on a whole-second tick). */
function load(url: string, scenario: Scenario, seconds: number, connections: number): Promise<{ result: Result; seconds: number }> {
  let next = 0;
  const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
  const started = performance.now();
  let last = started;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        ...(scenario.once ? { amount: scenario.tokens.length } : { duration: seconds }),
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            body,
            setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${scenario.tokens[next++ % scenario.tokens.length]}` } }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve({ result, seconds: (last - started) / 1000 })),
    );
    instance.on('response', () => {
      last = performance.now();
    });
  });
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);

export async function runApiBench(): Promise<void> {
  // The server and this process sign and verify with the same secret; production refuses the dev one.
  process.env.JWT_SECRET = randomBytes(32).toString('base64url');
  const nodeEnv = process.env.BENCH_NODE_ENV ?? 'production';
  const people = Number(process.env.BENCH_PEOPLE ?? 10_000);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  console.log(`\n== GraphQL API under load: ${people.toLocaleString()}-person organisation, ${connections} connections, ${seconds} s per scenario, ${os.cpus().length} CPUs, server NODE_ENV=${nodeEnv} ==`);

  let t = performance.now();
  const dataDir = path.join(os.tmpdir(), `mm-bench-api-${process.pid}-${Date.now().toString(36)}`);
  const pg = await startEmbeddedPostgres({ dataDir, persistent: false, fast: true });
  let server: ServerProcess | null = null;
  try {
    await ensureDatabase(pg.serverUrl, 'bench');
    const dbUrl = withDatabase(pg.serverUrl, 'bench');
    const orm = await initOrm({ url: dbUrl, poolMax: 4 });
    await migrate(orm);
    const seed = await loadDemoOrganization(orm.em.fork(), { people, seed: 42, quiet: true });
    const knex = orm.em.getKnex();
    const programme: { id: string } = await knex('programme').where({ organization_id: seed.organizationId, kind: 'MENTORING' }).first('id');
    const menteeIds: string[] = (await knex('enrollment').where({ programme_id: programme.id, role: 'MENTEE' }).orderBy('person_id').select('person_id')).map((r: { person_id: string }) => r.person_id);
    const mentorCount = Number(((await knex('enrollment').where({ programme_id: programme.id, role: 'MENTOR' }).count('* as n').first()) as { n: string | number }).n);
    console.log(`seed ${people} people (${menteeIds.length} mentees, ${mentorCount} mentors in the mentoring programme)   ${f0(performance.now() - t)} ms`);

    server = await ServerProcess.start(dbUrl, nodeEnv);
    const config = loadConfig();
    const auth = new Authenticator(config);
    const coordinator = await auth.sign({ personId: seed.demoUsers.coordinator, organizationId: seed.organizationId, role: Role.COORDINATOR });
    const programmeId = toGlobalId('Programme', programme.id);

    // Relationships to ask about: match the programme and approve a few hundred proposals.
    t = performance.now();
    const run = await gql<{ runMatching: { run: { id: string; status: string } } }>(server.url, `mutation($p: ID!) { runMatching(input: { programmeId: $p, background: false }) { run { id status } userErrors { code message } } }`, { p: programmeId }, coordinator);
    const proposals = await gql<{ node: { proposals: { nodes: { id: string }[] } } | null }>(
      server.url,
      `query($id: ID!) { node(id: $id) { ... on MatchRun { proposals(first: 100) { nodes { id } } } } }`,
      { id: run.runMatching.run.id },
      coordinator,
    );
    const proposalIds = proposals.node?.proposals.nodes.map((p) => p.id) ?? [];
    await gql(server.url, `mutation($ids: [ID!]!) { bulkApproveMatchProposals(input: { proposalIds: $ids }) { approved { id } userErrors { code } } }`, { ids: proposalIds }, coordinator);
    const matched: string[] = (await knex('mentorship').where({ programme_id: programme.id }).select('mentee_id')).map((r: { mentee_id: string }) => r.mentee_id);
    console.log(`match the programme, approve ${matched.length} proposals                 ${f0(performance.now() - t)} ms`);
    await orm.close(true);

    const sign = (ids: string[]) => Promise.all(ids.map((personId) => auth.sign({ personId, organizationId: seed.organizationId, role: Role.MEMBER })));
    const menteeTokens = await sign(menteeIds.slice(0, 1000));
    // Mentees the other scenarios never ask about (the fixture checks below use 3 of them).
    const unseenTokens = await sign(menteeIds.slice(1000));
    const matchedTokens = await sign(matched);
    const scenarios: Scenario[] = [
      { name: 'ceiling { __typename }', query: CEILING, variables: {}, tokens: menteeTokens },
      { name: 'suggestedMentors first page', query: SUGGESTED, variables: { p: programmeId }, tokens: menteeTokens },
      { name: 'suggestedMentors, unique mentees (cold)', query: SUGGESTED, variables: { p: programmeId }, tokens: unseenTokens.slice(3), once: true },
      { name: 'relationship status (myMentorships)', query: STATUS, variables: {}, tokens: matchedTokens },
    ];

    // BENCH_SCENARIOS=suggested,status narrows the run (the ceiling always runs: it is the baseline).
    const only = process.env.BENCH_SCENARIOS?.split(',');
    if (only) scenarios.splice(1, scenarios.length, ...scenarios.slice(1).filter((s) => only.some((o) => s.name.toLowerCase().includes(o.toLowerCase()))));
    // Every scenario must answer correctly before it is timed; this also warms the scoring cache.
    const fixtureTokens = (s: Scenario) => (s.once ? unseenTokens.slice(0, 3) : s.tokens.slice(0, 3));
    for (const s of scenarios) for (const token of fixtureTokens(s)) await gql(server.url, s.query, s.variables, token);
    // Statements for one warm request of each kind.
    const single: Record<string, number> = {};
    for (const s of scenarios) {
      const before = await server.statements();
      await gql(server.url, s.query, s.variables, s.once ? unseenTokens[1]! : s.tokens[7 % s.tokens.length]!);
      single[s.name] = (await server.statements()) - before;
    }

    const measured: Measured[] = [];
    for (const s of scenarios) {
      if (!s.once) await load(server.url, s, Math.min(2, seconds), connections); // warm-up, not reported
      const before = await server.statements();
      const { result, seconds: elapsed } = await load(server.url, s, seconds, connections);
      const statements = (await server.statements()) - before;
      measured.push({ name: s.name, result, seconds: elapsed, statementsPerRequest: result.requests.total ? statements / result.requests.total : null });
    }

    // Requests answered per second of wall-clock time (a run of `amount` requests ends mid-second,
    // and autocannon's own figures count whole seconds).
    const rpsOf = new Map(measured.map((m) => [m.result, m.result.requests.total / m.seconds]));
    const rps = (r: Result) => rpsOf.get(r)!;
    const ceiling = rps(measured[0]!.result);
    console.log('');
    console.log(
      `${'scenario'.padEnd(40)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'vs ceiling'.padStart(11)} ${'SQL/req'.padStart(8)} ${'1 req SQL'.padStart(9)} ${'non-2xx'.padStart(8)} ${'requests'.padStart(9)} ${'viewers'.padStart(8)}`,
    );
    for (const m of measured) {
      const r = m.result;
      const s = scenarios.find((x) => x.name === m.name)!;
      console.log(
        `${m.name.padEnd(40)} ${f0(rps(r)).padStart(8)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)} ${String(r.latency.max).padStart(7)} ${`${((rps(r) / ceiling) * 100).toFixed(0)} %`.padStart(11)} ${(m.statementsPerRequest === null ? '-' : f1(m.statementsPerRequest)).padStart(8)} ${String(single[m.name]).padStart(9)} ${String(r.non2xx + r.errors + r.timeouts).padStart(8)} ${String(r.requests.total).padStart(9)} ${String(s.tokens.length).padStart(8)}`,
      );
    }
    console.log('viewers: distinct signed-in people the scenario cycles through (one token each, round robin; "unique" sends one request per viewer).');
    const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
    for (const suggested of measured.filter((m) => m.name.startsWith('suggestedMentors'))) {
      const r = suggested.result;
      console.log(
        `${suggested.name}: ≥ ${TARGET.suggestedRps} req/s: ${f0(rps(r))} (${ok(rps(r) >= TARGET.suggestedRps)}); ` +
          `p99 ≤ ${TARGET.suggestedP99Ms} ms: ${r.latency.p99} ms (${ok(r.latency.p99 <= TARGET.suggestedP99Ms)}); ` +
          `≤ ${TARGET.statementsPerRequest} SQL statements per request: ${f1(suggested.statementsPerRequest ?? 0)} (${ok((suggested.statementsPerRequest ?? Infinity) <= TARGET.statementsPerRequest)})`,
      );
    }
    const status = measured.find((m) => m.name.startsWith('relationship status'));
    if (status) {
      const perRequest = status.statementsPerRequest ?? Infinity;
      console.log(`relationship status: ≤ ${TARGET.statementsPerRequest} SQL statements per request: ${f1(perRequest)} (${ok(perRequest <= TARGET.statementsPerRequest)})`);
    }
  } finally {
    await server?.stop();
    await pg.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runApiBench();
  process.exit(0);
}
