import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { startTestApp, type TestApp } from '../support/app.js';
import { createServer, type AppServer } from '../../src/graphql/server.js';
import { logger } from '../../src/logger.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';

/**
 * What operators see: health and readiness endpoints, request ids echoed and carried by every log
 * line of the request, unexpected errors masked for the client and logged in full with the request
 * id, and per-operation timings at /metrics in the Prometheus text format.
 */

let app: TestApp;
let acme: SeedResult;
let member: string;
let base: string;
const extraServers: AppServer[] = [];

/** Route the per-request child loggers into memory for the duration of a test. */
function captureRequestLogs(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  const capture = pino({ level: 'debug', base: null }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  vi.spyOn(logger, 'child').mockImplementation((bindings) => capture.child(bindings) as unknown as ReturnType<typeof logger.child>);
  return lines;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, { headers });
}

async function gql(query: string, headers: Record<string, string> = {}, url = app.url): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${member}`, ...headers }, body: JSON.stringify({ query }) });
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 40, seed: 9, slug: 'acme' });
  member = await app.token(acme.demoUsers.mentee, acme.organizationId, Role.MEMBER);
  base = app.url.replace(/\/graphql$/, '');
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  for (const s of extraServers) await s.stop(100);
  await app?.close();
});

describe('health endpoints', () => {
  it('/healthz answers while the process lives, /readyz when the database answers too', async () => {
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const other = await get('/nowhere');
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: string }).error).toMatch(/\/graphql/);
  });
});

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id, replaces a malformed one, and makes one up when absent', async () => {
    expect((await gql('{ __typename }', { 'x-request-id': 'trace-abc_123' })).headers.get('x-request-id')).toBe('trace-abc_123');
    for (const bad of ['has spaces in it', 'x'.repeat(65), 'semi;colon']) {
      const id = (await gql('{ __typename }', { 'x-request-id': bad })).headers.get('x-request-id');
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const a = (await gql('{ __typename }')).headers.get('x-request-id');
    const b = (await gql('{ __typename }')).headers.get('x-request-id');
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
    expect((await get('/healthz', { 'x-request-id': 'probe-1' })).headers.get('x-request-id')).toBe('probe-1');
  });

  it('tags the request\'s log lines with its id', async () => {
    const lines = captureRequestLogs();
    const res = await gql('{ viewer { id } }', { 'x-request-id': 'log-probe-1' });
    expect(res.status).toBe(200);
    const line = lines.find((l) => l.msg === 'graphql request');
    expect(line).toMatchObject({ requestId: 'log-probe-1', status: 200 });
    expect(typeof line!.ms).toBe('number');
  });
});

describe('unexpected errors', () => {
  it('are masked for the client — no SQL, no stack — and logged in full with the request id', async () => {
    const lines = captureRequestLogs();
    const knex = app.orm.em.getKnex();
    await knex.raw('alter table skill rename to skill_hidden_by_test');
    let text: string;
    let status: number;
    try {
      const res = await gql('{ skills(first: 3) { totalCount nodes { id name } } }', { 'x-request-id': 'broken-1' });
      status = res.status;
      text = await res.text();
    } finally {
      await knex.raw('alter table skill_hidden_by_test rename to skill');
    }
    expect(status).toBe(200);
    const body = JSON.parse(text) as { data: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(Object.keys(body.errors[0]!.extensions)).toEqual(['code']);
    expect(text).not.toMatch(/skill"|select|relation|stack|\.ts:|node_modules/i);
    const logged = lines.find((l) => l.msg === 'unexpected error while resolving');
    expect(logged).toMatchObject({ requestId: 'broken-1', level: 50 });
    expect((logged!.err as { message: string; code: string }).message).toMatch(/relation "skill" does not exist/);
    expect((logged!.err as { code: string }).code).toBe('42P01');
    // And the server is fine afterwards.
    expect((await gql('{ skills(first: 1) { totalCount } }')).status).toBe(200);
  });
});

describe('metrics', () => {
  it('serves per-operation timings and error counts in the Prometheus text format', async () => {
    for (let i = 0; i < 3; i++) expect((await gql('query MetricsProbe { viewer { id } }')).status).toBe(200);
    await gql('query MetricsBroken { nope }');
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE graphql_operation_duration_seconds histogram');
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{operation_type="query",operation_name="MetricsProbe"\} 3\n/);
    expect(text).toMatch(/graphql_operation_duration_seconds_bucket\{operation_type="query",operation_name="MetricsProbe",le="\+Inf"\} 3\n/);
    expect(text).toMatch(/graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} [1-9]/);
  });

  it('keeps client-chosen operation names from exploding the label set', async () => {
    const server = await createServer({ config: { ...app.config, port: 0 }, orm: app.orm });
    extraServers.push(server);
    for (let i = 0; i < 210; i++) server.metrics.observe('query', `Op${i}`, 0.001);
    const text = server.metrics.render();
    expect(text.match(/_count\{/g)).toHaveLength(201);
    expect(text).toMatch(/operation_name="other"\} 10\n/);
  });

  it('can be switched off', async () => {
    const server = await createServer({ config: { ...app.config, port: 0, metrics: false }, orm: app.orm });
    extraServers.push(server);
    expect((await fetch(server.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
  });
});
