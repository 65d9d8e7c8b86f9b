export * from './types.js';
export { generateDemoOrg, DEFAULT_BASE_DATE, DEMO_EMAIL_DOMAIN, DEMO_ORGANIZATION, DEMO_PROGRAMME_KEYS, MAX_PEOPLE, MIN_PEOPLE } from './generator.js';
export { demoOrgStats, depths, validateDemoOrg, type DemoOrgStats } from './validate.js';
export { Prng } from './prng.js';
