import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createServer, type AppServer } from '../../src/graphql/server.js';
import { Authenticator } from '../../src/graphql/auth.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { loadDemoOrganization } from '../../src/db/demo-org.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { createTestOrm } from './db.js';
import { JobQueue } from '../../src/jobs/queue.js';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
  raw: string;
}

export interface TestApp {
  orm: MikroORM;
  jobs: JobQueue | null;
  server: AppServer;
  url: string;
  config: AppConfig;
  auth: Authenticator;
  clock: { now: Date };
  /** Count SQL statements issued while `fn` runs. */
  countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; sql: string[] }>;
  token(personId: string, organizationId: string, role: Role): Promise<string>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResponse<T>>;
  seed(opts: { people: number; seed: number; slug: string }): Promise<SeedResult>;
  close(): Promise<void>;
}

export async function startTestApp(overrides: Partial<AppConfig> = {}, opts: { jobs?: boolean } = {}): Promise<TestApp> {
  const { orm, url: dbUrl } = await createTestOrm();
  const jobs = opts.jobs ? await new JobQueue(dbUrl).start() : null;
  if (jobs) await jobs.startWorkers(orm);
  const config = { ...loadConfig(), port: 0, host: '127.0.0.1', ...overrides };
  const clock = { now: new Date('2026-03-01T09:00:00Z') };
  const server = await createServer({ config, orm, now: () => new Date(clock.now), jobs });
  const auth = new Authenticator(config);
  const knex = orm.em.getKnex();
  const sqlLog: string[] = [];
  let counting = false;
  knex.on('query', (q: { sql: string }) => {
    if (counting) sqlLog.push(q.sql);
  });
  return {
    orm,
    jobs,
    server,
    url: server.url,
    config,
    auth,
    clock,
    async countStatements(fn) {
      sqlLog.length = 0;
      counting = true;
      try {
        const result = await fn();
        return { result, statements: sqlLog.length, sql: [...sqlLog] };
      } finally {
        counting = false;
      }
    },
    token: (personId, organizationId, role) => auth.sign({ personId, organizationId, role }),
    async gql(query, variables, token) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const raw = await res.text();
      let parsed: { data?: never; errors?: never } = {};
      try {
        parsed = JSON.parse(raw) as typeof parsed;
      } catch {
        /* non-JSON body: surfaced through `raw` */
      }
      return { status: res.status, data: parsed.data, errors: parsed.errors, raw };
    },
    seed: (opts) => loadDemoOrganization(orm.em.fork(), { ...opts, quiet: true }),
    async close() {
      await server.stop(1000);
      await jobs?.stop();
      await orm.close(true);
    },
  };
}
