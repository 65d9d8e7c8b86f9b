import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DeadlockException, LockWaitTimeoutException, OptimisticLockError, UniqueConstraintViolationException, ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import { logger } from '../logger.js';

/** Stable codes for expected failures. Clients switch on these; never rename one. */
export enum UserErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  CONFLICT = 'CONFLICT',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  NOT_ENROLLED = 'NOT_ENROLLED',
  SAME_PERSON = 'SAME_PERSON',
  CHAIN_OF_COMMAND = 'CHAIN_OF_COMMAND',
  NOT_SENIOR_ENOUGH = 'NOT_SENIOR_ENOUGH',
  NO_CAPACITY = 'NO_CAPACITY',
  EXCLUDED = 'EXCLUDED',
  NO_COMMON_LANGUAGE = 'NO_COMMON_LANGUAGE',
  BELOW_MIN_SCORE = 'BELOW_MIN_SCORE',
  ALREADY_MATCHED = 'ALREADY_MATCHED',
  LIMIT_REACHED = 'LIMIT_REACHED',
  PROGRAMME_CLOSED = 'PROGRAMME_CLOSED',
}
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Stable machine-readable code of an expected failure.',
  valuesConfig: {
    INVALID_INPUT: { description: 'A field is missing, malformed or out of range.' },
    NOT_FOUND: { description: 'No such object in your organisation (or you may not see it).' },
    FORBIDDEN: { description: 'Your role does not allow this action.' },
    ALREADY_EXISTS: { description: 'The object already exists (e.g. the person is already enrolled).' },
    CONFLICT: { description: 'Someone changed the object meanwhile; reload and retry.' },
    ILLEGAL_TRANSITION: { description: 'The object is not in a state that allows this action.' },
    NOT_ENROLLED: { description: 'A person is not enrolled in the programme on the needed side.' },
    SAME_PERSON: { description: 'Mentor and mentee are the same person.' },
    CHAIN_OF_COMMAND: { description: 'One is in the other\'s chain of command.' },
    NOT_SENIOR_ENOUGH: { description: 'The level gap is below the programme minimum.' },
    NO_CAPACITY: { description: 'The mentor has no capacity left.' },
    EXCLUDED: { description: 'The pair is banned or was rejected / ended early before.' },
    NO_COMMON_LANGUAGE: { description: 'They share no language.' },
    BELOW_MIN_SCORE: { description: 'The pair scores below the programme minimum.' },
    ALREADY_MATCHED: { description: 'The mentee already has a mentor in this programme.' },
    LIMIT_REACHED: { description: 'A policy limit was reached (e.g. pending requests).' },
    PROGRAMME_CLOSED: { description: 'The programme does not accept this action in its current status.' },
  },
});

@ObjectType({ description: 'An expected failure of a mutation, with the input field it concerns.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "policy", "minScore"].' })
  field?: string[] | null;

  @Field({ description: 'Plain-language explanation, safe to show to the user.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'Stable code.' })
  code!: UserErrorCode;
}

/** Thrown by services for expected failures; resolvers turn it into `userErrors`. */
export class DomainError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string[] | null = null,
    readonly more: UserError[] = [],
  ) {
    super(message);
  }

  toUserErrors(): UserError[] {
    return [{ code: this.code, message: this.message, field: this.field }, ...this.more];
  }

  static of(errors: UserError[]): DomainError {
    const [first, ...rest] = errors;
    if (!first) throw new Error('DomainError.of needs at least one error');
    return new DomainError(first.code, first.message, first.field ?? null, rest);
  }
}

export function userError(code: UserErrorCode, message: string, field: string[] | null = null): UserError {
  return { code, message, field };
}

/** Walk an error and its causes (MikroORM, knex and pg wrap one another). */
function* errorChain(err: unknown): Generator<Record<string, unknown>> {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    yield e as Record<string, unknown>;
    e = (e as { cause?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
  }
}

/** SQLSTATEs and socket codes that mean "the database is unreachable or restarting", not "the request is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]$|53300$)/;
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE = /Connection terminated|not queryable|Timeout acquiring a connection|terminating connection|database system is (shutting down|starting up)/i;

/** The database went away (restart, failover, network): the client may retry; nothing is the client's fault. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of errorChain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET.has(code) || e.name === 'KnexTimeoutError') return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/**
 * PostgreSQL "data exceptions" caused by a value the client sent (a NUL byte, a malformed UUID in a
 * forged cursor, a date out of range). Validation should catch these first; this is the safety net
 * that keeps them client errors instead of internal ones.
 */
const MALFORMED_VALUE_SQLSTATE = new Set(['22P02', '22007', '22008', '22003', '22021', '22P05', '22001', '22004', '2201B']);
export function isMalformedValue(err: unknown): boolean {
  for (const e of errorChain(err)) if (typeof e.code === 'string' && MALFORMED_VALUE_SQLSTATE.has(e.code)) return true;
  return false;
}

const MALFORMED_VALUE_MESSAGE = 'A value in the request is malformed or out of range.';
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable right now; nothing was changed. Retry in a moment.';

/** Run a mutation body; expected failures become `{ userErrors }`, everything else propagates (and is masked). */
export async function runMutation<P extends object>(body: () => Promise<P>): Promise<P | { userErrors: UserError[] }> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof DomainError) return { userErrors: err.toUserErrors() };
    if (isMalformedValue(err)) {
      logger.warn({ err }, 'the database refused a value that validation let through');
      return { userErrors: [userError(UserErrorCode.INVALID_INPUT, MALFORMED_VALUE_MESSAGE)] };
    }
    if (err instanceof OptimisticLockError) {
      return { userErrors: [userError(UserErrorCode.CONFLICT, 'This object was changed by someone else meanwhile. Reload it and try again.')] };
    }
    if (err instanceof DeadlockException || err instanceof LockWaitTimeoutException) {
      return { userErrors: [userError(UserErrorCode.CONFLICT, 'A concurrent change got in the way. Nothing was saved; try again.')] };
    }
    if (err instanceof UniqueConstraintViolationException) {
      return { userErrors: [userError(UserErrorCode.ALREADY_EXISTS, 'That already exists.')] };
    }
    if (err instanceof ForeignKeyConstraintViolationException) {
      return { userErrors: [userError(UserErrorCode.NOT_FOUND, 'A referenced object does not exist.')] };
    }
    throw err;
  }
}

/** Client-facing GraphQL errors for queries. */
export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
export function forbidden(message = 'You are not allowed to do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
export function unauthenticated(message = 'Sign in: send "Authorization: Bearer <token>".'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

const SAFE_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'QUERY_TOO_COMPLEX',
]);

export type ErrorKind = 'expected' | 'unavailable' | 'malformed' | 'internal';

/** How an error reaching the client is treated: shown as is, database outage, refused value, or masked bug. */
export function classifyError(error: unknown): ErrorKind {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof OptimisticLockError) return 'expected';
  const code = error instanceof GraphQLError && typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
  const isOwnGraphQLError = error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError);
  // Deliberate GraphQLErrors without a code come from graphql-js and Apollo refusing a request
  // ("Too many errors processing variables", "provided sha does not match query"): client errors.
  if (isOwnGraphQLError && (code === undefined || SAFE_CODES.has(code))) return 'expected';
  if (isDatabaseUnavailable(original)) return 'unavailable';
  if (isMalformedValue(original)) return 'malformed';
  return 'internal';
}

/**
 * Mask anything unexpected: clients see a generic message and a code; the details (SQL, stack)
 * go to the log only. Stack traces are never sent unless GRAPHQL_DEBUG asks for them. A database
 * outage becomes SERVICE_UNAVAILABLE (and HTTP 503, see plugins.ts), a value the database refused
 * BAD_USER_INPUT.
 */
export function makeFormatError(exposeStackTraces: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof OptimisticLockError) {
      return { message: 'This object was changed by someone else meanwhile. Reload it and try again.', path: formatted.path, extensions: { code: 'CONFLICT' } };
    }
    // Unexpected ones are logged with the request id by the error-logging plugin (plugins.ts); only shaped here.
    switch (classifyError(error)) {
      case 'expected': {
        const { stacktrace: _stack, ...ext } = formatted.extensions ?? {};
        // Apollo labels code-less errors INTERNAL_SERVER_ERROR; these are client errors (see classifyError).
        const ownCode = error instanceof GraphQLError ? error.extensions?.code : undefined;
        const extensions = { ...(exposeStackTraces ? formatted.extensions : ext), code: typeof ownCode === 'string' ? ownCode : 'BAD_REQUEST' };
        return { ...formatted, extensions };
      }
      case 'unavailable':
        return { message: DATABASE_UNAVAILABLE_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: 'SERVICE_UNAVAILABLE' } };
      case 'malformed':
        return { message: MALFORMED_VALUE_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
      case 'internal':
        break;
    }
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: exposeStackTraces ? { code: 'INTERNAL_SERVER_ERROR', stacktrace: formatted.extensions?.stacktrace } : { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
