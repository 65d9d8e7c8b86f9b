/** `npm run token -- <email>`: print a dev bearer token for a person (looked up by email). */
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { initOrm } from '../db/orm.js';
import { Authenticator } from './auth.js';
import { Person } from '../modules/person/person.entity.js';

const email = process.argv[2];
if (!email) {
  console.error('usage: npm run token -- <email>');
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabase();
const orm = await initOrm({ url: db.url, poolMax: 2 });
try {
  const people = await orm.em.fork().find(Person, { email: { $ilike: email } });
  if (people.length === 0) {
    console.error(`No person with email ${email}.`);
    process.exitCode = 1;
  } else {
    const auth = new Authenticator(config);
    for (const p of people) {
      console.error(`# ${p.name} <${p.email}> ${p.role}`);
      console.log(await auth.sign({ personId: p.id, organizationId: p.organization.id, role: p.role }));
    }
  }
} finally {
  await orm.close(true);
  await db.close();
}
