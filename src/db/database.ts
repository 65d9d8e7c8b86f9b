import path from 'node:path';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { startEmbeddedPostgres, withDatabase, type EmbeddedDatabase } from './embedded.js';
import { logger } from '../logger.js';

export interface DatabaseHandle {
  /** URL of the application database. */
  url: string;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** CREATE DATABASE if missing (optionally from a template). Names are validated: they are spliced into SQL. */
export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  if (!IDENT.test(name) || (template && !IDENT.test(template))) throw new Error(`invalid database name ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`create database "${name}"${template ? ` template "${template}"` : ''}`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  if (!IDENT.test(name)) throw new Error(`invalid database name ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * The application's database: `DATABASE_URL` when set, otherwise an embedded PostgreSQL with
 * its data in `.data/` (kept across restarts) and a `mentor_match` database.
 */
export async function openDatabase(opts: { dataDir?: string; port?: number } = {}): Promise<DatabaseHandle> {
  const external = process.env.DATABASE_URL;
  if (external) {
    logger.info({ database: new URL(external).pathname.slice(1) }, 'using DATABASE_URL');
    return { url: external, embedded: null, close: async () => {} };
  }
  const dataDir = opts.dataDir ?? path.resolve(process.env.DATA_DIR ?? '.data', 'pg');
  const port = opts.port ?? (process.env.PGPORT_EMBEDDED ? Number(process.env.PGPORT_EMBEDDED) : 54329);
  // Another process of ours (the server, say, while a CLI runs) may already have it running.
  const running = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  if (existsSync(path.join(dataDir, 'postmaster.pid')) && (await canConnect(running))) {
    await ensureDatabase(running, 'mentor_match');
    return { url: withDatabase(running, 'mentor_match'), embedded: null, close: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  await ensureDatabase(embedded.serverUrl, 'mentor_match');
  return { url: withDatabase(embedded.serverUrl, 'mentor_match'), embedded, close: () => embedded.stop() };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
