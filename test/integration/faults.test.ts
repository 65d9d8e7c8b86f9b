import os from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startTestApp, type TestApp } from '../support/app.js';
import { mentoringProgramme } from '../support/mentorship.js';
import { startEmbeddedPostgres, withDatabase, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { ensureDatabase } from '../../src/db/database.js';
import { initOrm, migrate } from '../../src/db/orm.js';
import { loadDemoOrganization } from '../../src/db/demo-org.js';
import { createServer, type AppServer } from '../../src/graphql/server.js';
import { Authenticator } from '../../src/graphql/auth.js';
import { loadConfig } from '../../src/config.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';

/**
 * Faults, provoked for real: a PostgreSQL of its own stopped and started again under a running
 * server; a match-run worker whose database connection is killed in the middle of writing its
 * proposals; a server asked to stop while a request is still running. No timings are asserted:
 * waits are bounded polls for a state, and row locks hold requests in flight.
 */

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
}

async function call(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Reply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: Reply['body'] = null;
  try {
    body = JSON.parse(text) as Reply['body'];
  } catch {
    /* asserted by callers */
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** Nothing internal in a response: no stack frames, SQL, driver names or socket errors. */
function expectClean(reply: Reply): void {
  expect(reply.text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules|stacktrace|select |update "|insert into|ECONNREFUSED|terminating connection|57P01|Knex|MikroORM/i);
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, attempts = 200, pauseMs = 100): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** A plain client on the side, to hold row locks and watch pg_stat_activity. */
async function sideClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {}); // it is killed along with the server in the restart test
  await client.connect();
  return client;
}

/** Wait until a statement matching `statement` waits on a lock. `client` may be inside a transaction: the stats snapshot is cleared each time. */
async function waitForLockWait(client: pg.Client, statement: RegExp): Promise<void> {
  await until('a request to block on the row lock', async () => {
    await client.query('select pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ query: string }>(`select query from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`);
    return rows.some((r) => statement.test(r.query));
  });
}

describe('the database restarts under a running server', () => {
  const dataDir = path.join(os.tmpdir(), `mm-faults-pg-${process.pid}-${Date.now().toString(36)}`);
  let db: EmbeddedDatabase;
  let port: number;
  let orm: MikroORM;
  let server: AppServer;
  let url: string;
  let seed: SeedResult;
  let coordinator: string;
  let member: string;
  let programmeId: string;
  let inFlight: Promise<Reply>;

  beforeAll(async () => {
    db = await startEmbeddedPostgres({ dataDir, persistent: true, fast: true });
    port = db.port;
    await ensureDatabase(db.serverUrl, 'faults');
    url = withDatabase(db.serverUrl, 'faults');
    orm = await initOrm({ url, poolMax: 5 });
    await migrate(orm);
    seed = await loadDemoOrganization(orm.em.fork(), { people: 60, seed: 3, slug: 'acme', quiet: true });
    const config = { ...loadConfig(), port: 0, host: '127.0.0.1' };
    server = await createServer({ config, orm });
    const auth = new Authenticator(config);
    coordinator = await auth.sign({ personId: seed.demoUsers.coordinator, organizationId: seed.organizationId, role: Role.COORDINATOR });
    member = await auth.sign({ personId: seed.demoUsers.mentee, organizationId: seed.organizationId, role: Role.MEMBER });
    const row: { id: string } = await orm.em.getKnex()('programme').where({ organization_id: seed.organizationId }).first('id');
    programmeId = row.id;
  });
  afterAll(async () => {
    await server?.stop(100);
    await orm?.close(true);
    await db?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a mutation in flight when the database stops gets a clean 503, and nothing of it is written', async () => {
    const side = await sideClient(url);
    await side.query('begin');
    await side.query('select id from programme where id = $1 for update', [programmeId]);
    inFlight = call(server.url, `mutation($id: ID!) { updateProgramme(input: { programmeId: $id, name: "Renamed during the outage" }) { programme { name } userErrors { code } } }`, { id: toGlobalId('Programme', programmeId) }, coordinator);
    await waitForLockWait(side, /update "programme"/);
    await db.stop(); // fast shutdown: every session, the waiting one included, is terminated
    const reply = await inFlight;
    expect(reply.status, reply.text).toBe(503);
    expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(reply.body?.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(reply.body?.errors?.[0]?.message).toMatch(/database is unavailable/);
    expectClean(reply);
  });

  it('while it is down: /healthz stays 200, /readyz says 503, queries and mutations get clean 503s', async () => {
    const base = server.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'database unavailable' });
    for (const [query, token] of [
      ['{ viewer { id name } people(first: 5) { totalCount } }', member],
      ['mutation { createProgramme(input: { name: "During the outage", kind: MENTORING }) { programme { id } userErrors { code } } }', coordinator],
    ] as const) {
      const reply = await call(server.url, query, {}, token);
      expect(reply.status, reply.text).toBe(503);
      expect(reply.body?.errors?.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE'), reply.text).toBe(true);
      expectClean(reply);
    }
    // Requests that need no database keep working.
    expect((await call(server.url, '{ __typename }')).body?.data).toEqual({ __typename: 'Query' });
  });

  it('recovers once the database is back, without restarting the process', async () => {
    db = await startEmbeddedPostgres({ dataDir, port, persistent: true, fast: true });
    const base = server.url.replace(/\/graphql$/, '');
    // The pool drops connections the restart killed; allow a bounded few attempts for that.
    const reply = await until('the server to answer from the restarted database', async () => {
      const r = await call(server.url, '{ viewer { id } people(first: 5) { totalCount } }', {}, member);
      return r.status === 200 && !r.body?.errors ? r : null;
    }, 20, 100);
    expect((reply.body?.data?.viewer as { id: string }).id).toBe(toGlobalId('Person', seed.demoUsers.mentee));
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    // Nothing of the interrupted or refused mutations was written.
    const knex = orm.em.getKnex();
    const programme: { name: string } = await knex('programme').where({ id: programmeId }).first('name');
    expect(programme.name).not.toBe('Renamed during the outage');
    expect(await knex('programme').where({ name: 'During the outage' }).first()).toBeUndefined();
    // And writes work again.
    const renamed = await call(server.url, `mutation($id: ID!) { updateProgramme(input: { programmeId: $id, name: "Renamed after the outage" }) { programme { name } userErrors { code } } }`, { id: toGlobalId('Programme', programmeId) }, coordinator);
    expect(renamed.body?.data?.updateProgramme, renamed.text).toEqual({ programme: { name: 'Renamed after the outage' }, userErrors: [] });
  });
});

describe('a match-run worker dies while writing its proposals', () => {
  let app: TestApp;
  let acme: SeedResult;
  let coordinator: string;
  let programmeId: string;

  beforeAll(async () => {
    app = await startTestApp({}, { jobs: true });
    acme = await app.seed({ people: 160, seed: 21, slug: 'acme' });
    coordinator = await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR);
    programmeId = (await mentoringProgramme(app, acme)).programmeId;
    // Fault injection: the first INSERT into match_proposal after arming kills its own database
    // connection, exactly as a crashed worker would leave it. The sequence is not transactional,
    // so the kill happens once and the retry goes through.
    await app.orm.em.getKnex().raw(`
      create table fault_injection (armed boolean not null);
      insert into fault_injection values (false);
      create sequence fault_kills;
      create function kill_match_writer() returns trigger language plpgsql as $$
      begin
        if (select armed from fault_injection) and nextval('fault_kills') = 1 then
          perform pg_terminate_backend(pg_backend_pid());
          perform pg_sleep(5); -- the termination lands here, before anything is inserted
        end if;
        return null;
      end $$;
      create trigger kill_match_writer before insert on match_proposal for each statement execute function kill_match_writer();
    `);
  });
  afterAll(async () => app?.close());

  const RUN = `mutation($p: ID!, $bg: Boolean) { runMatching(input: { programmeId: $p, background: $bg }) { run { id status } userErrors { code message } } }`;
  const sql = async <T>(query: string, bindings: unknown[] = []) => ((await app.orm.em.getKnex().raw(query, bindings as never[])) as { rows: T[] }).rows;

  it('leaves no proposal of the killed attempt, keeps the previous run\'s proposals open, and the retry succeeds', async () => {
    const first = await app.gql<{ runMatching: { run: { id: string; status: string } } }>(RUN, { p: toGlobalId('Programme', programmeId), bg: false }, coordinator);
    expect(first.data?.runMatching.run.status, first.raw).toBe('SUCCEEDED');
    const firstRunId = first.data!.runMatching.run.id;
    const openBefore = await sql<{ n: number }>(`select count(*)::int as n from match_proposal where programme_id = ? and status = 'PROPOSED'`, [programmeId]);
    expect(openBefore[0]!.n).toBeGreaterThan(0);

    await sql('update fault_injection set armed = true');
    const second = await app.gql<{ runMatching: { run: { id: string; status: string } } }>(RUN, { p: toGlobalId('Programme', programmeId), bg: true }, coordinator);
    expect(second.data?.runMatching.run.status, second.raw).toBe('QUEUED');
    const runId = fromGlobal(second.data!.runMatching.run.id);

    // The attempt dies mid-transaction and is marked failed; nothing it wrote survives.
    const failed = await until('the killed attempt to be marked failed', async () => {
      const [run] = await sql<{ status: string; error: string | null }>('select status, error from match_run where id = ?', [runId]);
      return run?.status === 'FAILED' ? run : null;
    }, 300);
    expect(failed.error).toMatch(/Nothing was written/);
    expect((await sql<{ n: number }>('select count(*)::int as n from match_proposal where run_id = ?', [runId]))[0]!.n).toBe(0);
    const stillOpen = await sql<{ n: number }>(`select count(*)::int as n from match_proposal where programme_id = ? and status = 'PROPOSED' and run_id = ?`, [programmeId, fromGlobal(firstRunId)]);
    expect(stillOpen[0]!.n).toBe(openBefore[0]!.n);
    expect((await sql<{ n: string }>('select last_value::text as n from fault_kills'))[0]!.n).toBe('1');

    // The job queue retries it, and the retry writes the proposals and supersedes the first run's.
    const done = await until('the retried run to succeed', async () => {
      const [run] = await sql<{ status: string }>('select status from match_run where id = ?', [runId]);
      return run?.status === 'SUCCEEDED' ? run : null;
    }, 600);
    expect(done.status).toBe('SUCCEEDED');
    expect((await sql<{ n: number }>('select count(*)::int as n from match_proposal where run_id = ?', [runId]))[0]!.n).toBe(openBefore[0]!.n);
    const superseded = await sql<{ n: number }>(`select count(*)::int as n from match_proposal where run_id = ? and status = 'WITHDRAWN'`, [fromGlobal(firstRunId)]);
    expect(superseded[0]!.n).toBe(openBefore[0]!.n);
  }, 120_000);
});

function fromGlobal(id: string): string {
  return Buffer.from(id, 'base64url').toString('utf8').split(':')[1]!;
}

describe('graceful shutdown', () => {
  let app: TestApp;
  let acme: SeedResult;

  beforeAll(async () => {
    app = await startTestApp();
    acme = await app.seed({ people: 40, seed: 8, slug: 'acme' });
  });
  afterAll(async () => app?.close());

  it('lets the request in flight finish, refuses new connections, then closes', async () => {
    const server = await createServer({ config: { ...app.config, port: 0 }, orm: app.orm });
    const coordinator = await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR);
    const programmeId = (await mentoringProgramme(app, acme)).programmeId;
    const dbUrl = app.orm.config.getClientUrl();
    const side = await sideClient(dbUrl);
    try {
      await side.query('begin');
      await side.query('select id from programme where id = $1 for update', [programmeId]);
      const inFlight = call(server.url, `mutation($id: ID!) { updateProgramme(input: { programmeId: $id, name: "Renamed while draining" }) { programme { name } userErrors { code } } }`, { id: toGlobalId('Programme', programmeId) }, coordinator);
      await waitForLockWait(side, /update "programme"/);

      let stopped = false;
      const stopping = server.stop(60_000).then(() => (stopped = true));
      await until('the listener to close', async () => !server.server.listening);
      await expect(fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).rejects.toThrow();
      expect(stopped).toBe(false); // still draining: the request holds it open

      await side.query('commit');
      const reply = await inFlight;
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body?.data?.updateProgramme).toEqual({ programme: { name: 'Renamed while draining' }, userErrors: [] });
      await stopping;
      expect(stopped).toBe(true);
      const row: { name: string } = await app.orm.em.getKnex()('programme').where({ id: programmeId }).first('name');
      expect(row.name).toBe('Renamed while draining');
    } finally {
      await side.end();
    }
  });
});
