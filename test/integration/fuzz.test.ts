import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { startTestApp, type TestApp } from '../support/app.js';
import { changedTables, databaseDigest, type DatabaseDigest } from '../support/db-digest.js';
import { nodeTypeOfIdName, selectionFor, type FieldChooser } from '../support/schema-walk.js';
import { getSchema } from '../../src/graphql/schema.js';
import { fromGlobalId, toGlobalId, NODE_TYPES, type NodeType } from '../../src/graphql/global-id.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';

/**
 * Thousands of generated requests against the running server — operations built from the schema
 * with hostile arguments (wrong types, huge strings, NUL bytes, unicode, extreme numbers, forged and
 * cross-tenant IDs, forged cursors), random documents, and malformed HTTP bodies. For every one:
 * no 5xx, no stack trace, SQL or internal detail in the body, no INTERNAL_SERVER_ERROR (every bad
 * input is a clear client error), no object of the other organisation in `data`; and the database
 * is byte-for-byte unchanged by every mutation that was rejected.
 *
 * Run counts are fixed (and the seed is logged by fast-check on failure) so the file stays well
 * under a minute; raise FUZZ_RUNS locally for a longer campaign.
 */

const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

type Org = 'A' | 'B';
interface Caller {
  label: string;
  token: string | null;
  org: Org | null;
}

let app: TestApp;
let schema: GraphQLSchema;
let acme: SeedResult;
let globex: SeedResult;
let callers: Caller[];
/** Global IDs of real objects per organisation and node type. */
const pools: Record<Org, Partial<Record<NodeType, string[]>>> = { A: {}, B: {} };
/** Raw UUIDs of every object of each organisation, for the cross-tenant leak check. */
const ownedIds: Record<Org, Set<string>> = { A: new Set(), B: new Set() };

const TABLE_TYPES: [string, NodeType][] = [
  ['person', 'Person'],
  ['programme', 'Programme'],
  ['enrollment', 'Enrollment'],
  ['development_goal', 'DevelopmentGoal'],
  ['goal_progress', 'GoalProgress'],
  ['skill', 'Skill'],
  ['person_skill', 'PersonSkill'],
  ['match_run', 'MatchRun'],
  ['match_proposal', 'MatchProposal'],
  ['mentorship', 'Mentorship'],
  ['check_in', 'CheckIn'],
  ['pulse_survey', 'PulseSurvey'],
  ['skill_assessment', 'SkillAssessment'],
  ['audit_event', 'AuditEvent'],
  ['mentor_request', 'MentorRequest'],
  ['notification', 'Notification'],
  ['webhook_endpoint', 'WebhookEndpoint'],
];

async function collectPools(org: Org, seed: SeedResult): Promise<void> {
  const knex = app.orm.em.getKnex();
  const existing = new Set(
    ((await knex.raw(`select table_name from information_schema.tables where table_schema = 'public'`)) as { rows: { table_name: string }[] }).rows.map((r) => r.table_name),
  );
  pools[org].Organization = [toGlobalId('Organization', seed.organizationId)];
  ownedIds[org].add(seed.organizationId);
  for (const [table, type] of TABLE_TYPES) {
    if (!existing.has(table) || !(NODE_TYPES as readonly string[]).includes(type)) continue;
    const rows: { id: string }[] = await knex(table).where({ organization_id: seed.organizationId }).select('id');
    for (const r of rows) ownedIds[org].add(r.id);
    pools[org][type] = rows.slice(0, 40).map((r) => toGlobalId(type, r.id));
  }
}

async function gqlOk(query: string, variables: Record<string, unknown>, token: string): Promise<Record<string, unknown>> {
  const res = await app.gql<Record<string, unknown>>(query, variables, token);
  if (res.errors || !res.data) throw new Error(`fixture request failed: ${res.raw}`);
  return res.data;
}

/** A run and an approved proposal, so runs, proposals, mentorships and audit events exist to aim at. */
async function relationshipFixture(seed: SeedResult, coordinator: string, member: string): Promise<void> {
  const programme: { id: string } = await app.orm.em.getKnex()('programme').where({ organization_id: seed.organizationId, kind: 'MENTORING' }).first('id');
  const programmeId = toGlobalId('Programme', programme.id);
  const run = await gqlOk(`mutation($p: ID!) { runMatching(input: { programmeId: $p }) { run { id proposals(first: 3) { nodes { id } } } userErrors { code } } }`, { p: programmeId }, coordinator);
  const proposals = (run.runMatching as { run: { proposals: { nodes: { id: string }[] } } }).run.proposals.nodes;
  if (proposals[0]) await gqlOk(`mutation($id: ID!) { approveMatchProposal(input: { proposalId: $id }) { userErrors { code } } }`, { id: proposals[0].id }, coordinator);
  if (proposals[1]) await gqlOk(`mutation($id: ID!) { rejectMatchProposal(input: { proposalId: $id, reason: "fuzz fixture" }) { userErrors { code } } }`, { id: proposals[1].id }, coordinator);
  void member;
}

beforeAll(async () => {
  app = await startTestApp();
  schema = await getSchema();
  acme = await app.seed({ people: 140, seed: 11, slug: 'acme' });
  globex = await app.seed({ people: 80, seed: 12, slug: 'globex' });
  const t = (s: SeedResult, who: keyof SeedResult['demoUsers'], role: Role) => app.token(s.demoUsers[who], s.organizationId, role);
  const [aAdmin, aCoord, aMentor, aMentee, bCoord, bMentee] = await Promise.all([
    t(acme, 'admin', Role.ORG_ADMIN),
    t(acme, 'coordinator', Role.COORDINATOR),
    t(acme, 'mentor', Role.MEMBER),
    t(acme, 'mentee', Role.MEMBER),
    t(globex, 'coordinator', Role.COORDINATOR),
    t(globex, 'mentee', Role.MEMBER),
  ]);
  await relationshipFixture(acme, aCoord, aMentee);
  await relationshipFixture(globex, bCoord, bMentee);
  callers = [
    { label: 'acme admin', token: aAdmin, org: 'A' },
    { label: 'acme coordinator', token: aCoord, org: 'A' },
    { label: 'acme mentor', token: aMentor, org: 'A' },
    { label: 'acme mentee', token: aMentee, org: 'A' },
    { label: 'globex coordinator', token: bCoord, org: 'B' },
    { label: 'anonymous', token: null, org: null },
  ];
  await collectPools('A', acme);
  await collectPools('B', globex);
});
afterAll(async () => app?.close());

// ---------------------------------------------------------------------------------------------
// Value generators
// ---------------------------------------------------------------------------------------------

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const HUGE = ['x'.repeat(300_000), 'é'.repeat(60_000), '🙂'.repeat(30_000), `${'a'.repeat(5000)}\u0000`];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udfff',
      '\u202egnp.exe',
      '\u200b\u200b',
      "'; drop table person; --",
      "1' or '1'='1",
      '%s%s%n',
      '<script>alert(1)</script>',
      '../../etc/passwd',
      '${jndi:ldap://x/a}',
      'null',
      'NaN',
      '{"$gt": ""}',
      '\\u0000',
      'ᄀ'.repeat(300),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
);

const wrongType: fc.Arbitrary<unknown> = fc.oneof(fc.string({ maxLength: 6 }), fc.boolean(), fc.constant(null), fc.constant({}), fc.constant([1, 2]), fc.double({ noNaN: true, noDefaultInfinity: true }));

const intArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -3, max: 120 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(2147483647, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 0.5, -0) },
  { weight: 1, arbitrary: wrongType },
);

const floatArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -10, max: 150, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 5e-324, 0, 100, 100.0000001) },
  { weight: 1, arbitrary: wrongType },
);

const isoDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const oddDates = fc.constantFrom('0000-01-01', '9999-12-31', '2026-02-30', '2026-13-01', '+275760-09-13', '-001000-01-01', '2026-03-01T25:61:00Z', '+275760-09-13T00:00:00.000Z', '1970-01-01T00:00:00Z', 'today', '2026-03-01T09:00:00+14:00', '20260301');
const localDateArb = fc.oneof({ weight: 4, arbitrary: isoDate.map((s) => s.slice(0, 10)) }, { weight: 2, arbitrary: oddDates }, { weight: 1, arbitrary: nastyString }, { weight: 1, arbitrary: wrongType });
const dateTimeArb = fc.oneof({ weight: 4, arbitrary: isoDate }, { weight: 2, arbitrary: oddDates }, { weight: 1, arbitrary: nastyString }, { weight: 1, arbitrary: wrongType });

function poolOf(org: Org, type: NodeType | null): string[] {
  if (type) return pools[org][type] ?? [];
  return Object.values(pools[org]).flat();
}

function idArb(type: NodeType | null): fc.Arbitrary<unknown> {
  const own = poolOf('A', type);
  const anyOwn = poolOf('A', null);
  const foreign = poolOf('B', type).length ? poolOf('B', type) : poolOf('B', null);
  const forged = fc.oneof(
    fc.uuid().map((u) => toGlobalId(type ?? 'Person', u)),
    fc.uuid().map((u) => b64(`Nope:${u}`)),
    fc.string({ maxLength: 30 }).map((s) => b64(`${type ?? 'Person'}:${s}`)),
    fc.constantFrom(...anyOwn.slice(0, 5)).map((id) => `${id}=`),
    fc.constantFrom(...anyOwn.slice(0, 5)).map((id) => id.slice(0, -2)),
    fc.constantFrom(...anyOwn.slice(0, 5)).map((id) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1]!),
    fc.constantFrom(...anyOwn.slice(0, 5)).map((id) => b64(Buffer.from(id, 'base64url').toString('utf8').toLowerCase())),
    fc.constant('x'.repeat(10_000)),
  );
  return fc.oneof(
    { weight: own.length ? 5 : 0, arbitrary: own.length ? fc.constantFrom(...own) : fc.constant('') },
    { weight: 2, arbitrary: fc.constantFrom(...anyOwn) },
    { weight: 2, arbitrary: fc.constantFrom(...foreign) },
    { weight: 2, arbitrary: forged },
    { weight: 1, arbitrary: nastyString },
    { weight: 1, arbitrary: wrongType },
  );
}

const cursorArb = (): fc.Arbitrary<unknown> => fc.oneof(
  fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.uuid(), isoDate, fc.constant(null)), { maxLength: 4 }).map((a) => b64(JSON.stringify(a))),
  fc.constantFrom(...poolOf('A', null).slice(0, 3)),
  nastyString,
  fc.constant(b64('{"__proto__": {"x": 1}}')),
);

const memo = new Map<string, fc.Arbitrary<unknown>>();

/**
 * Values for an input type. `hostile` values may have the wrong shape anywhere (and are mostly
 * refused by coercion, before execution); plausible ones have the right shape but hostile contents
 * (strings, numbers, dates, forged and foreign IDs), so they reach the services.
 */
function valueArb(type: GraphQLInputType, name: string, hostile: boolean, depth = 0): fc.Arbitrary<unknown> {
  const wrong = hostile ? 1 : 0;
  if (isNonNullType(type)) return fc.oneof({ weight: 19, arbitrary: valueArb(type.ofType, name, hostile, depth) }, { weight: wrong, arbitrary: fc.constant(null) });
  const nullable = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
  const shaped = (a: fc.Arbitrary<unknown>) => (hostile ? fc.oneof({ weight: 8, arbitrary: a }, { weight: 1, arbitrary: wrongType }) : a);
  if (isListType(type)) {
    const inner = valueArb(type.ofType, name, hostile, depth + 1);
    return nullable(
      fc.oneof(
        { weight: 6, arbitrary: fc.array(inner, { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.array(inner, { minLength: 101, maxLength: 400 }) },
        { weight: 1, arbitrary: inner.map((v) => (hostile ? v : [v])) },
      ),
    );
  }
  if (name === 'after' || name === 'before') return nullable(cursorArb());
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return nullable(hostile ? intArb : intArb.filter((v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31));
      case 'Float':
        return nullable(hostile ? floatArb : floatArb.filter((v) => typeof v === 'number'));
      case 'Boolean':
        return nullable(shaped(fc.boolean()));
      case 'ID':
        return nullable(idArb(nodeTypeOfIdName(name)).filter((v) => hostile || typeof v === 'string'));
      case 'LocalDate':
        return nullable(localDateArb.filter((v) => hostile || typeof v === 'string'));
      case 'DateTimeISO':
        return nullable(dateTimeArb.filter((v) => hostile || typeof v === 'string'));
      case 'JSON':
        return nullable(fc.jsonValue({ maxDepth: 3 }));
      default:
        return nullable(nastyString);
    }
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return nullable(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...values) }, { weight: wrong, arbitrary: fc.constantFrom(...values.map((v) => v.toLowerCase())) }, { weight: wrong, arbitrary: nastyString }));
  }
  if (isInputObjectType(type)) {
    const key = `${type.name}:${name}:${hostile}`;
    const cached = memo.get(key);
    if (cached) return cached;
    if (depth > 4) return fc.constant(null);
    const fields = Object.values(type.getFields());
    const shape = Object.fromEntries(fields.map((f) => [f.name, valueArb(f.type, f.name, hostile, depth + 1)]));
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    const record = fc.record(shape, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
    const arb = nullable(
      fc.oneof(
        { weight: 10, arbitrary: record },
        { weight: wrong, arbitrary: record.map((r) => ({ ...r, bogusField: 1 })) },
        { weight: wrong, arbitrary: record.map((r) => Object.fromEntries(Object.entries(r).slice(1))) },
        { weight: wrong, arbitrary: wrongType },
      ),
    );
    memo.set(key, arb);
    return arb;
  }
  return fc.constant(null);
}

/** A GraphQL literal for `value` (used when arguments are inlined instead of sent as variables). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const named = getNamedType(type);
  if (typeof value === 'string') return isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) && !['true', 'false', 'null'].includes(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, isListType(inner) ? inner.ofType : inner)).join(', ')}]`;
  const fields = isInputObjectType(named) ? named.getFields() : {};
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? type)}`)
    .join(', ')}}`;
}

/** Fields every selection keeps: how a mutation reports failure must always be asked for. */
const ALWAYS = new Set(['userErrors', 'code', 'field', 'message', 'id']);

/** A tiny seeded PRNG so a generated integer decides which fields a selection asks for. */
function chooser(seed: number): FieldChooser {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return (fields) => fields.filter((f) => ALWAYS.has(f.name) || next() < 0.6);
}

interface Operation {
  label: string;
  body: string;
  caller: Caller;
  mutation: boolean;
  field: string;
}

function operationArb(kind: 'query' | 'mutation'): fc.Arbitrary<Operation> {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const fields = Object.values(root.getFields()) as GraphQLField<unknown, unknown>[];
  return fc.tuple(fc.constantFrom(...fields), fc.boolean()).chain(([field, hostile]) => {
    const argArbs = Object.fromEntries(field.args.map((a) => [a.name, valueArb(a.type, a.name, hostile)]));
    const required = field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name);
    return fc
      .record({
        args: fc.record(argArbs, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>,
        inline: fc.boolean(),
        seed: fc.integer(),
        caller: fc.constantFrom(...callers),
      })
      .map(({ args, inline, seed, caller }) => {
        const selection = selectionFor(field.type, kind === 'mutation' ? 1 : 2, chooser(seed));
        const entries = Object.entries(args);
        const argDefs = new Map(field.args.map((a) => [a.name, a]));
        let query: string;
        let variables: Record<string, unknown> = {};
        if (inline) {
          const argText = entries.map(([k, v]) => `${k}: ${literal(v, argDefs.get(k)!.type)}`).join(', ');
          query = `${kind} { ${field.name}${argText ? `(${argText})` : ''} ${selection} }`;
        } else {
          const decls = entries.map(([k], i) => `$v${i}: ${String(argDefs.get(k)!.type)}`).join(', ');
          const argText = entries.map(([k], i) => `${k}: $v${i}`).join(', ');
          variables = Object.fromEntries(entries.map(([, v], i) => [`v${i}`, v]));
          query = `${kind} Fuzz${decls ? `(${decls})` : ''} { ${field.name}${argText ? `(${argText})` : ''} ${selection} }`;
        }
        return { label: `${kind} ${field.name}`, body: JSON.stringify({ query, variables }), caller, mutation: kind === 'mutation', field: field.name };
      });
  });
}

// ---------------------------------------------------------------------------------------------
// Sending and checking
// ---------------------------------------------------------------------------------------------

interface Sent {
  status: number;
  contentType: string;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
}

async function send(body: string | Uint8Array, init: { method?: string; headers?: Record<string, string>; search?: string; token?: string | null } = {}): Promise<Sent> {
  const method = init.method ?? 'POST';
  const res = await fetch(`${app.url}${init.search ?? ''}`, {
    method,
    headers: { ...(init.headers ?? { 'content-type': 'application/json' }), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  });
  const text = await res.text();
  let json: Sent['json'] = null;
  try {
    json = JSON.parse(text) as Sent['json'];
  } catch {
    /* checked below */
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

const LEAKS: RegExp[] = [
  /\n\s+at [^\n]+:\d+:\d+/, // stack frames
  /\bat async\b/,
  /node_modules|\/work\/|file:\/\//,
  /\.(?:ts|js|mjs|cjs):\d+/,
  /"stacktrace"/,
  /\bselect\b[^"]{0,200}\bfrom\s+"/i,
  /\binsert into\s+"/i,
  /\bupdate\s+"[a-z_]+"\s+set\b/i,
  /\bdelete from\s+"/i,
  /violates|duplicate key|syntax error at or near|invalid input syntax|relation "[a-z_]+"|SQLSTATE|DriverException|MikroORM|KnexTimeout|ECONNREFUSED/i,
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every string in `data` that names an object of `org` (raw UUID or global ID) and is not an echo of the request. */
function foreignReferences(data: unknown, org: Org, request: string, found: string[] = []): string[] {
  if (typeof data === 'string') {
    const id = UUID.test(data) ? data : fromGlobalId(data)?.id;
    if (id && ownedIds[org].has(id) && !request.includes(data)) found.push(data);
  } else if (Array.isArray(data)) {
    for (const v of data) foreignReferences(v, org, request, found);
  } else if (data && typeof data === 'object') {
    for (const v of Object.values(data)) foreignReferences(v, org, request, found);
  }
  return found;
}

/** The invariants every response must keep, whatever was sent. */
function checkResponse(sent: Sent, request: { body: string; caller?: Caller | null; method?: string; accept?: string }): void {
  const where = `${request.method ?? 'POST'} ${request.body.slice(0, 600)}\n→ ${sent.status} ${sent.text.slice(0, 600)}`;
  expect(sent.status, where).toBeLessThan(500);
  if (sent.contentType.startsWith('text/html')) {
    // The landing page, and only for a browser that asked for HTML.
    expect(request.method === 'GET' && request.accept?.includes('text/html') && sent.status === 200, where).toBe(true);
    return;
  }
  if (request.method !== 'HEAD') {
    expect(sent.json, `response is not JSON: ${where}`).not.toBeNull();
  }
  for (const leak of LEAKS) {
    // A pattern that is in the request too is an echo of the input (e.g. a coercion message), not a leak.
    if (leak.test(sent.text) && !leak.test(request.body)) expect.fail(`response leaks internals (${leak}): ${where}`);
  }
  const codes = (sent.json?.errors ?? []).map((e) => e.extensions?.code);
  expect(codes, `an input was not turned into a clear client error: ${where}`).not.toContain('INTERNAL_SERVER_ERROR');
  const data = sent.json?.data;
  if (data) {
    const caller = request.caller;
    const others: Org[] = caller?.org === 'A' ? ['B'] : caller?.org === 'B' ? ['A'] : ['A', 'B'];
    for (const org of others) expect(foreignReferences(data, org, request.body), `data of another organisation: ${where}`).toEqual([]);
  }
}

/** Outcome tallies per operation, printed with FUZZ_STATS=1 to see what the generators reach. */
const stats = new Map<string, number>();
function tally(op: Operation, sent: Sent): void {
  const codes = [...new Set((sent.json?.errors ?? []).map((e) => e.extensions?.code ?? '?'))].join('+');
  const payload = sent.json?.data?.[op.field] as { userErrors?: { code: string }[] } | null | undefined;
  const userErrors = payload?.userErrors?.map((e) => e.code).join('+');
  const key = `${op.label} ${sent.status} ${codes || (userErrors ? `userErrors:${userErrors}` : payload ? 'ok' : 'null')}`;
  stats.set(key, (stats.get(key) ?? 0) + 1);
}
afterAll(() => {
  if (process.env.FUZZ_STATS) console.log([...stats].sort().map(([k, n]) => `${String(n).padStart(5)} ${k}`).join('\n'));
});

/** Whether a mutation response reports a change (a payload without userErrors). */
function mutationSucceeded(sent: Sent, field: string): boolean {
  if (sent.status !== 200 || sent.json?.errors?.length) return false;
  const payload = sent.json?.data?.[field] as { userErrors?: unknown[] } | null | undefined;
  return !!payload && (!payload.userErrors || payload.userErrors.length === 0);
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('the response checker', () => {
  const ok: Sent = { status: 200, contentType: 'application/json', text: '{"data":{"viewer":null}}', json: { data: { viewer: null } } };
  const leak = (text: string): Sent => ({ ...ok, text, json: JSON.parse(text) as Sent['json'] });
  it('flags stack traces, SQL, internal errors, 5xx and another organisation\'s objects', () => {
    const request = { body: '{"query":"{ viewer { id } }"}', caller: callers[3]! };
    expect(() => checkResponse(ok, request)).not.toThrow();
    expect(() => checkResponse({ ...ok, status: 500 }, request)).toThrow();
    expect(() => checkResponse(leak('{"errors":[{"message":"x","extensions":{"stacktrace":["Error: x","    at f (/work/main/src/a.ts:1:2)"]}}]}'), request)).toThrow(/leaks/);
    expect(() => checkResponse(leak('{"errors":[{"message":"select \\"p0\\".* from \\"person\\" as \\"p0\\" - invalid input syntax for type uuid"}]}'), request)).toThrow(/leaks/);
    expect(() => checkResponse(leak('{"errors":[{"message":"Internal server error","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}'), request)).toThrow(/clear client error/);
    const foreign = pools.B.Person![0]!;
    expect(() => checkResponse(leak(`{"data":{"node":{"id":"${foreign}"}}}`), request)).toThrow(/another organisation/);
  });
});

describe('fuzzing the running server', () => {
  it('answers generated queries with hostile arguments cleanly, never leaking another organisation', async () => {
    let executed = 0;
    await fc.assert(
      fc.asyncProperty(operationArb('query'), async (op) => {
        const sent = await send(op.body, { token: op.caller.token });
        checkResponse(sent, { body: op.body, caller: op.caller });
        tally(op, sent);
        if (sent.status === 200) executed++;
      }),
      { numRuns: runs(1000), endOnFailure: true },
    );
    // The generator must reach execution often, not just bounce off validation.
    expect(executed).toBeGreaterThan(runs(1000) / 4);
  });

  it('rejects hostile mutations cleanly and leaves the database exactly as it was', async () => {
    let digest: DatabaseDigest = await databaseDigest(app.orm);
    let rejectedAfterExecution = 0;
    let succeeded = 0;
    await fc.assert(
      fc.asyncProperty(operationArb('mutation'), async (op) => {
        const sent = await send(op.body, { token: op.caller.token });
        checkResponse(sent, { body: op.body, caller: op.caller });
        tally(op, sent);
        if (sent.status !== 200) return; // refused before execution (parse, validation, coercion, 401, 413)
        const after = await databaseDigest(app.orm);
        if (mutationSucceeded(sent, op.field)) {
          succeeded++;
        } else {
          rejectedAfterExecution++;
          expect(changedTables(digest, after), `a rejected mutation changed the database: ${op.body.slice(0, 600)}\n→ ${sent.text.slice(0, 600)}`).toEqual([]);
        }
        digest = after;
      }),
      { numRuns: runs(600), endOnFailure: true },
    );
    expect(rejectedAfterExecution).toBeGreaterThan(runs(600) / 5);
    void succeeded;
  });

  it('answers random documents, batches and malformed GraphQL with 4xx, not 5xx', async () => {
    const names = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields()), 'id', 'nodes', 'edges', 'node', 'totalCount', '__typename', '__schema', '__type', 'types', 'fields', 'name'];
    const token = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...names) },
      {
        weight: 6,
        arbitrary: fc.constantFrom('{', '}', '(', ')', '[', ']', ':', '$v', '...', '@include(if: true)', '@skip(if: $v)', '@deprecated', 'on', 'fragment F on Query', '...F', 'query', 'mutation', 'subscription', 'first: 1', 'first: -1', 'first: 99999999999', 'id: "x"', '"\\u0000"', '"""block"""', '#', '\n', ',', '!', '=', '|', '&', 'Int', 'String!'),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
    );
    const documents = fc.oneof(
      { weight: 5, arbitrary: fc.array(token, { maxLength: 60 }).map((t) => t.join(' ')) },
      { weight: 3, arbitrary: fc.array(token, { maxLength: 40 }).map((t) => `{ ${t.join(' ')} }`) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          `{ ${'viewer { manager { '.repeat(40)}id${' } }'.repeat(40)} }`,
          `{ ${'{'.repeat(3000)} }`,
          `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
          `fragment A on Query { ...B } fragment B on Query { ...A } { ...A }`,
          `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`,
          `query Q { __typename } query Q { __typename }`,
          `query A { __typename } query B { __typename }`,
          `subscription { __typename }`,
          `{ people(first: 100) { nodes { developmentTimeline(first: 100) { nodes { __typename } } skills { skill { id } } } } programmes(first: 100) { nodes { enrollments(first: 100) { nodes { person { developmentTimeline(first: 100) { nodes { __typename } } } } } } } }`,
          `{ node(id: "${'A'.repeat(100_000)}") { id } }`,
          `{ nodes(ids: [${Array.from({ length: 500 }, () => '"x"').join(',')}]) { id } }`,
          `{ ${' __typename'.repeat(4990)} }`,
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(
        documents,
        fc.constantFrom(...callers),
        fc.option(fc.constantFrom('A', 'B', 'Q', 'x'.repeat(300)), { nil: undefined }),
        fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
        async (query, caller, operationName, variables) => {
          const body = JSON.stringify({ query, operationName, variables });
          const sent = await send(body, { token: caller.token });
          checkResponse(sent, { body, caller });
        },
      ),
      { numRuns: runs(500), endOnFailure: true },
    );
  });

  it('answers malformed HTTP requests — bodies, methods, content types, tokens — with clean 4xx', async () => {
    const validQuery = JSON.stringify({ query: '{ viewer { id } }' });
    const body = fc.oneof(
      { weight: 3, arbitrary: fc.string({ maxLength: 200 }) },
      { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
      { weight: 2, arbitrary: fc.nat({ max: validQuery.length }).map((n) => validQuery.slice(0, n)) },
      {
        weight: 3,
        arbitrary: fc
          .record({ query: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant([]), fc.constant({ a: 1 }), fc.constant('{ __typename }')), variables: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant('{"a":1}')), operationName: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), extensions: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ persistedQuery: { version: 1, sha256Hash: 'abc' } })) }, { requiredKeys: [] })
          .map((v) => JSON.stringify(v)),
      },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }) },
      { weight: 1, arbitrary: fc.constantFrom(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, `{"query": "{ __typename }", "variables": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`, '\ufeff{"query":"{ __typename }"}', '{"query":"{ __typename }"}'.repeat(3), `[${Array.from({ length: 50 }, () => validQuery).join(',')}]`, 'x'.repeat(1_500_000)) },
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/graphql-response+json',
      'application/graphql',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      '*/*',
      '',
    );
    type Auth = { header: string | null; caller: Caller | null } | { signFor: { p: string; o: string; r: Role } };
    const authorization: fc.Arbitrary<Auth> = fc.oneof(
      fc.constantFrom(...callers).map((c) => ({ header: c.token ? `Bearer ${c.token}` : null, caller: c })),
      fc.constantFrom('Bearer ', 'Bearer x.y.z', 'Basic dXNlcjpwYXNz', 'bearer', `Bearer ${'a'.repeat(2000)}`, 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.').map((header) => ({ header, caller: null })),
      fc.constantFrom(...callers.filter((c) => c.token)).map((c) => ({ header: `Bearer ${c.token!.slice(0, -3)}abc`, caller: null })),
      // Validly signed, for a person and organisation that do not exist.
      fc.tuple(fc.uuid(), fc.uuid(), fc.constantFrom(Role.MEMBER, Role.COORDINATOR, Role.ORG_ADMIN)).map(([p, o, r]) => ({ signFor: { p, o, r } })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        body,
        contentType,
        fc.option(fc.constantFrom('application/json', 'application/graphql-response+json', 'text/html', '*/*', 'image/png'), { nil: undefined }),
        authorization,
        fc.option(fc.oneof(fc.string({ maxLength: 40 }).map((q) => `?query=${encodeURIComponent(q)}`), fc.constantFrom('?query=%7B__typename%7D', '?query=%7B__typename%7D&variables=%7Bx', '?query=mutation%7B__typename%7D', '?extensions=x', '?%%')), { nil: undefined }),
        fc.boolean(),
        async (method, rawBody, ct, accept, auth, search, preflight) => {
          const authorization = 'signFor' in auth ? `Bearer ${await app.token(auth.signFor.p, auth.signFor.o, auth.signFor.r)}` : auth.header;
          const caller = 'signFor' in auth ? null : auth.caller;
          const headers: Record<string, string> = {};
          if (ct) headers['content-type'] = ct;
          if (accept) headers.accept = accept;
          if (preflight) headers['apollo-require-preflight'] = 'true';
          if (authorization) headers.authorization = authorization;
          const sent = await send(rawBody, { method, headers, search });
          const shown = typeof rawBody === 'string' ? rawBody : `<${rawBody.length} bytes>`;
          checkResponse(sent, { body: `${search ?? ''} ${shown}`, method, caller, accept });
        },
      ),
      { numRuns: runs(600), endOnFailure: true },
    );
  });
});
