import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { Role } from '../../src/modules/person/person.enums.js';

/** Run a GraphQL operation that must not fail at the GraphQL level; returns `data`. */
export async function gqlData<T>(app: TestApp, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await app.gql<T>(query, variables, token);
  expect(res.errors, res.raw).toBeUndefined();
  return res.data!;
}

export async function sql<T>(app: TestApp, query: string, params: unknown[] = []): Promise<T[]> {
  const res = (await app.orm.em.getKnex().raw(query, params as never)) as { rows: T[] };
  return res.rows;
}

export function tokenFor(app: TestApp, organizationId: string) {
  const cache = new Map<string, Promise<string>>();
  return (personId: string, role: Role = Role.MEMBER): Promise<string> => {
    const key = `${personId}:${role}`;
    if (!cache.has(key)) cache.set(key, app.token(personId, organizationId, role));
    return cache.get(key)!;
  };
}

export const REQUEST_MENTOR = /* GraphQL */ `
  mutation($input: RequestMentorInput!) {
    requestMentor(input: $input) { request { id status score expiresAt message mentor { id } mentee { id } } userErrors { field message code } }
  }`;
export const ACCEPT = /* GraphQL */ `
  mutation($input: AcceptMentorRequestInput!) {
    acceptMentorRequest(input: $input) { request { id status mentorship { id status } } mentorship { id status } userErrors { field message code } }
  }`;
export const DECLINE = /* GraphQL */ `
  mutation($input: DeclineMentorRequestInput!) {
    declineMentorRequest(input: $input) { request { id status declineReason declineNote } userErrors { field message code } }
  }`;
export const WITHDRAW = /* GraphQL */ `
  mutation($input: WithdrawMentorRequestInput!) {
    withdrawMentorRequest(input: $input) { request { id status } userErrors { field message code } }
  }`;
export const SET_AVAILABILITY = /* GraphQL */ `
  mutation($input: SetAvailabilityInput!) {
    setAvailability(input: $input) { enrollment { id available } declinedRequests { id status declineReason } userErrors { field message code } }
  }`;

export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: string;
}
export interface RequestShape {
  id: string;
  status: string;
  score: number;
  expiresAt: string;
  message: string | null;
  mentor: { id: string };
  mentee: { id: string };
}

export interface ReceivedRequest {
  index: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: { id: string; type: string; aggregate: { type: string; id: string; sequence: number }; data: Record<string, unknown> };
  /** The status the receiver answered; null when it never answered (hung, then cut off). */
  answered: number | null;
}

export type Behaviour = (index: number) => number | 'hang';

/**
 * A real webhook receiver on loopback (port 0). `behaviour` decides per request: an HTTP status, or
 * 'hang' (never answer until the client gives up). Every request is recorded.
 */
export async function startReceiver(behaviour: Behaviour = () => 200): Promise<{
  url: string;
  received: ReceivedRequest[];
  setBehaviour(b: Behaviour): void;
  onRequest(listener: (r: ReceivedRequest) => void): void;
  close(): Promise<void>;
}> {
  let current = behaviour;
  const received: ReceivedRequest[] = [];
  const listeners: ((r: ReceivedRequest) => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const record: ReceivedRequest = { index: received.length, headers: req.headers, body, json: JSON.parse(body) as ReceivedRequest['json'], answered: null };
      received.push(record);
      const outcome = current(record.index);
      listeners.forEach((l) => l(record));
      if (outcome === 'hang') return;
      record.answered = outcome;
      res.writeHead(outcome, { 'content-type': 'text/plain' });
      res.end(outcome < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    setBehaviour: (b) => (current = b),
    onRequest: (l) => listeners.push(l),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
