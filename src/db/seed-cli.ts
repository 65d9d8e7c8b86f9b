/** `npm run seed -- --people 10000 --seed 42 [--slug acme]`: (re)load a generated demo organisation. */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { openDatabase } from './database.js';
import { initOrm, migrate } from './orm.js';
import { loadDemoOrganization, DEMO_SLUG } from './demo-org.js';
import { logger } from '../logger.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '42' },
    slug: { type: 'string', default: DEMO_SLUG },
    name: { type: 'string' },
  },
});
const people = Number(values.people);
const seed = Number(values.seed);
if (!Number.isInteger(people) || people < 20 || people > 200_000) throw new Error('--people must be a whole number from 20 to 200000');
if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
if (!/^[a-z0-9-]{1,60}$/.test(values.slug)) throw new Error('--slug must be lowercase letters, digits and dashes');

const started = Date.now();
const db = await openDatabase();
const orm = await initOrm({ url: db.url, poolMax: 4 });
try {
  await migrate(orm);
  const result = await loadDemoOrganization(orm.em.fork(), { people, seed, slug: values.slug, name: values.name });
  logger.info({ organizationId: result.organizationId, people, seed, ms: Date.now() - started }, `seeded ${people} people in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await orm.close(true);
  await db.close();
}
