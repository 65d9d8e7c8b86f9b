import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.js';
import { classifyError } from './errors.js';
import type { OperationMetrics } from './metrics.js';

/**
 * Apollo plugins for production hardening. Each is cheap per request; none runs per resolver.
 */

const NUL_MESSAGE = 'Text must not contain NUL characters (\\u0000).';

/** PostgreSQL cannot store NUL in text: refuse it in the document up front, as a validation error. */
export function noNulCharactersRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      if (node.value.includes('\u0000')) context.reportError(new GraphQLError(NUL_MESSAGE, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } }));
    },
  };
}

/**
 * graphql-js validates a subscription against a schema without a subscription type and only fails
 * at execution, which would surface as an internal error: refuse it while validating instead.
 */
export function supportedOperationsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      if (!root) context.reportError(new GraphQLError(`This server does not support ${node.operation} operations.`, { nodes: node }));
    },
  };
}

/** Validation rules that keep malformed input out of execution. */
export const requestHygieneRules = [noNulCharactersRule, supportedOperationsRule];

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  for (const [k, v] of Object.entries(value)) if (k.includes('\u0000') || containsNul(v, depth + 1)) return true;
  return false;
}

/** …and in variables, before anything executes: a clear 400 instead of a database error. */
export function rejectNulVariablesPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          if (request.variables && containsNul(request.variables)) {
            throw new GraphQLError(NUL_MESSAGE, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
        },
      };
    },
  };
}

/**
 * Log every error the client will see masked, with the request's logger (so with its request id):
 * bugs at error level, database outages and refused values at warn. Expected errors are not logged.
 */
export function errorLoggingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const kind = classifyError(error);
            if (kind === 'expected') continue;
            const err = error.originalError ?? error;
            const fields = { err, path: error.path, operationName };
            if (kind === 'internal') contextValue.log.error(fields, 'unexpected error while resolving');
            else if (kind === 'unavailable') contextValue.log.warn(fields, 'database unavailable');
            else contextValue.log.warn(fields, 'the database refused a value from the request');
          }
        },
      };
    },
  };
}

/**
 * A database outage answers 503 with Retry-After, so load balancers and clients treat it as the
 * transient server condition it is (the body still carries the GraphQL errors, code SERVICE_UNAVAILABLE).
 */
export function serviceUnavailablePlugin(retryAfterSeconds = 2): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(retryAfterSeconds));
          }
        },
      };
    },
  };
}

/** Per-operation duration and error codes into `metrics` (served at /metrics). */
export function metricsPlugin(metrics: OperationMetrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operation, operationName }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const codes = errors ? errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN')) : [];
          metrics.observe(operation?.operation, operationName, (performance.now() - started) / 1000, codes);
        },
      };
    },
  };
}
