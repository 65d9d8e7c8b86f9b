import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type GraphQLField, getNamedType, isEnumType, isNonNullType, isObjectType } from 'graphql';
import { startTestApp, type TestApp } from '../support/app.js';
import { connectionFields, nodeTypeOfIdName } from '../support/schema-walk.js';
import { createServer, type AppServer } from '../../src/graphql/server.js';
import { getSchema } from '../../src/graphql/schema.js';
import { toGlobalId, type NodeType } from '../../src/graphql/global-id.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';

/**
 * Abuse limits, each refused with a clear 4xx error before anything runs: depth, aliases, cost
 * (lists weighted by `first`), tokens, body size, `first` on every connection; CSRF prevention;
 * introspection and the landing page as production switches them.
 */

let app: TestApp;
let acme: SeedResult;
let admin: string;
let member: string;
const extraServers: AppServer[] = [];

interface Raw {
  status: number;
  contentType: string;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
}

async function raw(url: string, init: RequestInit & { duplex?: 'half' } = {}): Promise<Raw> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Raw['body'] = null;
  try {
    body = JSON.parse(text) as Raw['body'];
  } catch {
    /* not JSON */
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body };
}

function post(query: string, opts: { token?: string; variables?: Record<string, unknown>; url?: string } = {}): Promise<Raw> {
  return raw(opts.url ?? app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    body: JSON.stringify({ query, variables: opts.variables }),
  });
}

/** A server on the same database with other settings. */
async function serverWith(config: Partial<AppConfig>): Promise<AppServer> {
  const server = await createServer({ config: { ...app.config, port: 0, ...config }, orm: app.orm });
  extraServers.push(server);
  return server;
}

function expectRefused(res: Raw, message: RegExp, code?: string): void {
  expect(res.status, res.text).toBe(400);
  expect(res.body?.data ?? null).toBeNull();
  expect(res.body?.errors?.[0]?.message, res.text).toMatch(message);
  if (code) expect(res.body?.errors?.[0]?.extensions?.code).toBe(code);
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 120, seed: 5, slug: 'acme' });
  admin = await app.token(acme.demoUsers.admin, acme.organizationId, Role.ORG_ADMIN);
  member = await app.token(acme.demoUsers.mentee, acme.organizationId, Role.MEMBER);
});
afterAll(async () => {
  for (const s of extraServers) await s.stop(100);
  await app?.close();
});

describe('operation limits', () => {
  /** `viewer { manager { manager { … id } } }`, `levels` fields deep in all. */
  const nested = (levels: number) => `{ viewer { ${'manager { '.repeat(levels - 2)}id${' }'.repeat(levels - 2)} } }`;

  it('allows a query exactly at the depth limit and refuses one level more', async () => {
    const max = app.config.maxDepth;
    const atLimit = await post(nested(max), { token: member });
    expect(atLimit.status, atLimit.text).toBe(200);
    expect(atLimit.body?.errors).toBeUndefined();
    expectRefused(await post(nested(max + 1), { token: member }), new RegExp(`too deep: the limit is ${max} levels`));
  });

  it('counts depth through fragments and inline fragments too', async () => {
    const max = app.config.maxDepth;
    const viaFragments = `query { viewer { ...M } } fragment M on Person { ... on Person { ${'manager { '.repeat(max - 1)}id${' }'.repeat(max - 1)} } }`;
    expectRefused(await post(viaFragments, { token: member }), /too deep/);
  });

  it('allows the maximum number of aliases and refuses one more', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const ok = await post(aliases(app.config.maxAliases), { token: member });
    expect(ok.body?.errors, ok.text).toBeUndefined();
    expectRefused(await post(aliases(app.config.maxAliases + 1), { token: member }), /Too many aliases/);
  });

  it('weights lists by `first`: small pages pass, the same shape with big pages is too expensive', async () => {
    const shape = (first: string) =>
      `query${first === '$n' ? '($n: Int)' : ''} { programmes(first: ${first}) { nodes { enrollments(first: ${first}) { nodes { person { developmentTimeline(first: ${first}) { nodes { __typename } } } } } } } }`;
    const small = await post(shape('5'), { token: admin });
    expect(small.status, small.text).toBe(200);
    expect(small.body?.errors?.find((e) => /expensive/.test(e.message))).toBeUndefined();
    expectRefused(await post(shape('100'), { token: admin }), /too expensive/);
    // A variable page size cannot sneak past: validation assumes the largest page it may be.
    expectRefused(await post(shape('$n'), { token: admin, variables: { n: 1 } }), /too expensive/);
  });

  it('refuses a document over the token limit with a 400 parse error, not a 500', async () => {
    const over = `{ ${'__typename '.repeat(app.config.maxTokens)} }`;
    expectRefused(await post(over, { token: member }), /more that \d+ tokens|more than \d+ tokens/, 'GRAPHQL_PARSE_FAILED');
  });

  it('refuses a cyclic introspection query (graphql-js MaxIntrospectionDepthRule)', async () => {
    const cyclic = `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`;
    expectRefused(await post(cyclic, { token: member }), /introspection/i);
  });

  it('refuses subscriptions at validation: the schema has none', async () => {
    expectRefused(await post('subscription { __typename }', { token: member }), /does not support subscription operations/);
  });

  it('refuses NUL characters in literals and in variables with a 400', async () => {
    expectRefused(await post('{ skills(first: 1, search: "a\\u0000b") { totalCount } }', { token: member }), /NUL/, 'GRAPHQL_VALIDATION_FAILED');
    expectRefused(await post('query($s: String) { skills(first: 1, search: $s) { totalCount } }', { token: member, variables: { s: 'a\u0000b' } }), /NUL/, 'BAD_USER_INPUT');
  });

  it('answers 413 for a body over the limit, declared or streamed without a length', async () => {
    const limit = app.config.maxBodyBytes;
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(limit) } });
    const declared = await raw(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(declared.status).toBe(413);
    expect(declared.body?.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > limit * 2) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await raw(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' });
    expect(streamed.status).toBe(413);
    // Just under the limit is fine.
    const fits = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(limit - 200) } });
    expect((await raw(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: fits })).status).toBe(200);
  });
});

describe('`first` on every connection of the schema', () => {
  /** An ID of an existing object of each type in acme, for required arguments and `node(id:)`. */
  const fixtures = new Map<NodeType, string>();

  beforeAll(async () => {
    const coordinator = await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR);
    const knex = app.orm.em.getKnex();
    const programme: { id: string } = await knex('programme').where({ organization_id: acme.organizationId, kind: 'MENTORING' }).first('id');
    const programmeId = toGlobalId('Programme', programme.id);
    const run = await app.gql<{ runMatching: { run: { id: string; proposals: { nodes: { id: string }[] } } } }>(
      `mutation($p: ID!) { runMatching(input: { programmeId: $p }) { run { id proposals(first: 1) { nodes { id } } } userErrors { code } } }`,
      { p: programmeId },
      coordinator,
    );
    const proposalId = run.data!.runMatching.run.proposals.nodes[0]!.id;
    const approved = await app.gql<{ approveMatchProposal: { mentorship: { id: string } } }>(`mutation($id: ID!) { approveMatchProposal(input: { proposalId: $id }) { mentorship { id } userErrors { code } } }`, { id: proposalId }, coordinator);
    fixtures.set('Programme', programmeId);
    fixtures.set('MatchRun', run.data!.runMatching.run.id);
    fixtures.set('MatchProposal', proposalId);
    fixtures.set('Mentorship', approved.data!.approveMatchProposal.mentorship.id);
    fixtures.set('Person', toGlobalId('Person', acme.demoUsers.mentee));
    const hook = await app.gql<{ createWebhookEndpoint: { endpoint: { id: string } | null } }>(
      `mutation { createWebhookEndpoint(input: { url: "https://hooks.example.com/mentor-match" }) { endpoint { id } userErrors { code message } } }`,
      {},
      admin,
    );
    if (hook.data?.createWebhookEndpoint.endpoint) fixtures.set('WebhookEndpoint', hook.data.createWebhookEndpoint.endpoint.id);
  });

  /** Arguments besides paging: every required one, and optional IDs we have a fixture for (a mentee for suggestions). */
  function fixtureArgs(field: GraphQLField<unknown, unknown>): string {
    const out: string[] = [];
    for (const a of field.args) {
      if (a.name === 'first') continue;
      const required = isNonNullType(a.type);
      const named = getNamedType(a.type);
      if (isEnumType(named)) {
        if (required) out.push(`${a.name}: ${named.getValues()[0]!.name}`);
        continue;
      }
      const type = nodeTypeOfIdName(a.name);
      const id = type && named.name === 'ID' ? fixtures.get(type) : undefined;
      if (id) out.push(`${a.name}: "${id}"`);
      else if (required) throw new Error(`no fixture for required argument ${field.name}(${a.name}); add one to this test`);
    }
    return out.join(', ');
  }

  it('refuses first over 100 and below 0 with BAD_USER_INPUT, and serves first: 100', async () => {
    const schema = await getSchema();
    const checked: string[] = [];
    for (const { typeName, field } of connectionFields(schema)) {
      const returned = getNamedType(field.type);
      const selection = isObjectType(returned) && returned.getFields().totalCount ? '{ totalCount }' : '{ __typename }';
      const call = (first: number) => {
        const args = [`first: ${first}`, fixtureArgs(field)].filter(Boolean).join(', ');
        const inner = `${field.name}(${args}) ${selection}`;
        if (typeName === 'Query') return `{ ${inner} }`;
        const id = fixtures.get(typeName as NodeType);
        if (!id) throw new Error(`no fixture to reach ${typeName}.${field.name}; add one to this test`);
        return `{ node(id: "${id}") { ... on ${typeName} { ${inner} } } }`;
      };
      const ok = await post(call(100), { token: admin });
      expect(ok.body?.errors, `${typeName}.${field.name}(first: 100): ${ok.text}`).toBeUndefined();
      for (const first of [101, 5000, -1]) {
        const res = await post(call(first), { token: admin });
        const error = res.body?.errors?.[0];
        expect(error?.extensions?.code, `${typeName}.${field.name}(first: ${first}): ${res.text}`).toBe('BAD_USER_INPUT');
        expect(error?.message).toMatch(/first/);
      }
      checked.push(`${typeName}.${field.name}`);
    }
    expect(checked.length).toBeGreaterThanOrEqual(15);
  });
});

describe('CSRF prevention', () => {
  const mutation = `mutation { createProgramme(input: { name: "Planted by a cross-site form", kind: MENTORING }) { programme { id } userErrors { code } } }`;

  it('refuses simple requests a browser may send cross-site, and runs nothing', async () => {
    const count = async () => Number(((await app.orm.em.getKnex()('programme').count({ n: '*' })) as { n: string }[])[0]!.n);
    const before = await count();
    const coordinator = await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR);
    const auth = { authorization: `Bearer ${coordinator}` };
    const simple: [string, RequestInit][] = [
      ['text/plain POST', { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: JSON.stringify({ query: mutation }) }],
      ['form POST', { method: 'POST', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(mutation)}` }],
      ['multipart POST', { method: 'POST', headers: { ...auth, 'content-type': 'multipart/form-data; boundary=x' }, body: `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${mutation}\r\n--x--` }],
      ['POST without content type', { method: 'POST', headers: auth, body: new Blob([JSON.stringify({ query: mutation })]) }],
      ['GET without preflight header', { method: 'GET', headers: auth }],
    ];
    for (const [label, init] of simple) {
      const url = init.method === 'GET' ? `${app.url}?query=${encodeURIComponent('{ viewer { id } }')}` : app.url;
      const res = await raw(url, init);
      expect(res.status, `${label}: ${res.text}`).toBe(400);
      expect(res.body?.errors?.[0]?.message, label).toMatch(/Cross-Site Request Forgery/);
    }
    expect(await count()).toBe(before);
  });

  it('serves GET queries that carry a preflight-forcing header, and never mutations over GET', async () => {
    const query = await raw(`${app.url}?query=${encodeURIComponent('{ viewer { id } }')}`, { headers: { authorization: `Bearer ${member}`, 'apollo-require-preflight': 'true' } });
    expect(query.status).toBe(200);
    expect((query.body?.data?.viewer as { id: string }).id).toBe(toGlobalId('Person', acme.demoUsers.mentee));
    const viaGet = await raw(`${app.url}?query=${encodeURIComponent(mutation)}`, { headers: { authorization: `Bearer ${admin}`, 'apollo-require-preflight': 'true' } });
    expect(viaGet.status).toBe(405);
  });
});

describe('production switches', () => {
  it('NODE_ENV=production turns introspection, the landing page and stack traces off; env flags can turn the first two back on', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('JWT_SECRET', 'a-real-secret-for-this-test-0123456789abcdef');
    vi.stubEnv('GRAPHQL_DEBUG', 'true');
    try {
      const prod = loadConfig();
      expect(prod.production).toBe(true);
      expect(prod.introspection).toBe(false);
      expect(prod.landingPage).toBe(false);
      expect(prod.exposeStackTraces).toBe(false);
      vi.stubEnv('GRAPHQL_INTROSPECTION', 'true');
      vi.stubEnv('GRAPHQL_LANDING_PAGE', 'true');
      const opened = loadConfig();
      expect(opened.introspection).toBe(true);
      expect(opened.landingPage).toBe(true);
      for (const weak of ['', 'short-secret']) {
        vi.stubEnv('JWT_SECRET', weak);
        expect(() => loadConfig()).toThrow(/JWT_SECRET/);
      }
    } finally {
      vi.unstubAllEnvs();
    }
    const dev = loadConfig();
    expect(dev.introspection).toBe(true);
    expect(dev.landingPage).toBe(true);
  });

  it('a server with introspection off refuses __schema and __type, and still answers __typename', async () => {
    const closed = await serverWith({ introspection: false });
    expectRefused(await post('{ __schema { queryType { name } } }', { url: closed.url, token: member }), /introspection/i);
    expectRefused(await post('{ __type(name: "Person") { name } }', { url: closed.url, token: member }), /introspection/i);
    const typename = await post('{ __typename }', { url: closed.url, token: member });
    expect(typename.body?.data).toEqual({ __typename: 'Query' });
    const open = await post('{ __schema { queryType { name } } }', { token: member });
    expect(open.body?.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('serves the landing page to browsers only when enabled', async () => {
    const html = { headers: { accept: 'text/html' } };
    const on = await raw(app.url, html);
    expect(on.status).toBe(200);
    expect(on.contentType).toMatch(/text\/html/);
    const closed = await serverWith({ landingPage: false });
    const off = await raw(closed.url, html);
    expect(off.contentType).not.toMatch(/text\/html/);
    expect(off.status).toBe(400);
  });
});
