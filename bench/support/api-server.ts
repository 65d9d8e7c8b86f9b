/**
 * The API server of the load benchmark, in a process of its own so the load generator does not
 * share its event loop. Talks to the parent over IPC: `ready` with the URL, `statements` with the
 * number of SQL statements issued so far, `stop`.
 */
import 'reflect-metadata';
import { initOrm } from '../../src/db/orm.js';
import { createServer } from '../../src/graphql/server.js';
import { loadConfig } from '../../src/config.js';

type Message = { type: 'statements' } | { type: 'stop' };

const url = process.env.BENCH_DATABASE_URL;
if (!url || !process.send) throw new Error('api-server is started by bench/api.bench.ts');
const orm = await initOrm({ url, poolMax: 20 });
let statements = 0;
orm.em.getKnex().on('query', () => {
  statements++;
});
const app = await createServer({ config: { ...loadConfig(), port: 0, host: '127.0.0.1' }, orm });
process.send({ type: 'ready', url: app.url });
process.on('message', (message: Message) => {
  if (message.type === 'statements') process.send!({ type: 'statements', statements });
  if (message.type === 'stop') {
    void app
      .stop(1000)
      .then(() => orm.close(true))
      .then(() => process.exit(0));
  }
});
