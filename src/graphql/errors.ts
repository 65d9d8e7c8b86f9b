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

/** Run a mutation body; expected failures become `{ userErrors }`, everything else propagates (and is masked). */
export async function runMutation<P extends object>(body: () => Promise<P>): Promise<P | { userErrors: UserError[] }> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof DomainError) return { userErrors: err.toUserErrors() };
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

/**
 * Mask anything unexpected: clients see a generic message and a code; the details (SQL, stack)
 * go to the log only. Stack traces are never sent unless GRAPHQL_DEBUG asks for them.
 */
export function makeFormatError(exposeStackTraces: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof OptimisticLockError) {
      return { message: 'This object was changed by someone else meanwhile. Reload it and try again.', path: formatted.path, extensions: { code: 'CONFLICT' } };
    }
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
    const isOwnGraphQLError = error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError);
    if (code && SAFE_CODES.has(code) && isOwnGraphQLError) {
      const { stacktrace: _stack, ...ext } = formatted.extensions ?? {};
      return exposeStackTraces ? formatted : { ...formatted, extensions: ext };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: exposeStackTraces ? { code: 'INTERNAL_SERVER_ERROR', stacktrace: formatted.extensions?.stacktrace } : { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
