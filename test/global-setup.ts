import os from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import 'reflect-metadata';
import { startEmbeddedPostgres, withDatabase, type EmbeddedDatabase } from '../src/db/embedded.js';
import { dropDatabase, ensureDatabase } from '../src/db/database.js';
import { initOrm, migrate } from '../src/db/orm.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
    pgRunId: string;
  }
}

/**
 * One PostgreSQL server per test run: embedded (a throwaway cluster) unless DATABASE_URL points at
 * one. Migrations run once into a template database; each test file clones it (CREATE DATABASE …
 * TEMPLATE), which takes milliseconds and isolates files from each other.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  let embedded: EmbeddedDatabase | null = null;
  let dataDir: string | null = null;
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    dataDir = path.join(os.tmpdir(), `mm-test-pg-${runId}`);
    embedded = await startEmbeddedPostgres({ dataDir, persistent: false, fast: true });
    serverUrl = embedded.serverUrl;
  }
  const template = `mm_tpl_${runId}`;
  await ensureDatabase(serverUrl, template);
  const orm = await initOrm({ url: withDatabase(serverUrl, template) });
  await migrate(orm);
  await orm.close(true);
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplate', template);
  project.provide('pgRunId', runId);
  return async () => {
    if (embedded) {
      await embedded.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    } else {
      // External server: clean up every database this run created.
      const pg = await import('pg');
      const client = new pg.default.Client({ connectionString: serverUrl });
      await client.connect();
      const dbs = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`mm_%${runId}%`]);
      await client.end();
      for (const { datname } of dbs.rows) await dropDatabase(serverUrl, datname);
    }
  };
}
