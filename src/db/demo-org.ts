import type { EntityManager } from '@mikro-orm/postgresql';
import { generateDemoOrg } from './demo/generator.js';
import { seedOrganization, type SeedResult } from './seed.js';
import { Organization } from '../modules/organization/organization.entity.js';
import { progressBar } from './progress.js';

export const DEMO_SLUG = 'acme';

/** Generate and load the demo organisation, replacing an existing one with the same slug. */
export async function loadDemoOrganization(em: EntityManager, opts: { people: number; seed: number; slug?: string; name?: string; quiet?: boolean }): Promise<SeedResult> {
  const slug = opts.slug ?? DEMO_SLUG;
  const bar = opts.quiet ? null : progressBar(`generate ${opts.people} people`);
  const data = generateDemoOrg({ people: opts.people, seed: opts.seed, onProgress: (d, t) => bar?.update(d, t) });
  bar?.finish();
  await em.nativeDelete(Organization, { slug });
  const load = opts.quiet ? null : progressBar('load into PostgreSQL');
  const result = await seedOrganization(em, data, { slug, name: opts.name, onProgress: (d, t) => load?.update(d, t) });
  load?.finish();
  return result;
}
