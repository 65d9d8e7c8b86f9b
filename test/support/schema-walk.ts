import {
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import type { NodeType } from '../../src/graphql/global-id.js';

/** Helpers that walk the executable schema, so tests cover fields added after they were written. */

export function hasOnlyOptionalArgs(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);
}

/**
 * A selection set for `type`: every leaf field that needs no argument, and object fields down to
 * `depth` more levels. `choose` may thin out the fields (fuzzing picks random subsets).
 */
export type FieldChooser = (fields: GraphQLField<unknown, unknown>[]) => GraphQLField<unknown, unknown>[];

export function selectionFor(type: GraphQLOutputType, depth: number, choose: FieldChooser = (x) => x): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named)) return '{ __typename }';
  const fields = Object.values(named.getFields()).filter(hasOnlyOptionalArgs);
  const parts: string[] = [];
  for (const f of choose(fields)) {
    const inner = getNamedType(f.type);
    if (isLeafType(inner)) parts.push(f.name);
    else if (depth > 0 && (isObjectType(inner) || isInterfaceType(inner) || isUnionType(inner))) parts.push(`${f.name} ${selectionFor(f.type, depth - 1, choose)}`);
  }
  if (isInterfaceType(named) || parts.length === 0) parts.push('__typename');
  return `{ ${parts.join(' ')} }`;
}

/** The node type an ID argument or input field refers to, from its name (`proposalIds` → MatchProposal). */
export function nodeTypeOfIdName(name: string): NodeType | null {
  const base = name.replace(/Ids?$/, '').toLowerCase();
  const map: Record<string, NodeType> = {
    programme: 'Programme',
    person: 'Person',
    mentee: 'Person',
    mentor: 'Person',
    proposal: 'MatchProposal',
    mentorship: 'Mentorship',
    goal: 'DevelopmentGoal',
    skill: 'Skill',
    enrollment: 'Enrollment',
    run: 'MatchRun',
    request: 'MentorRequest',
    checkin: 'CheckIn',
    endpoint: 'WebhookEndpoint',
  };
  return map[base] ?? null;
}

/** Fields of object types taking a `first` argument: the connections. */
export function connectionFields(schema: GraphQLSchema): { typeName: string; field: GraphQLField<unknown, unknown> }[] {
  const out: { typeName: string; field: GraphQLField<unknown, unknown> }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) if (field.args.some((a) => a.name === 'first')) out.push({ typeName: type.name, field });
  }
  return out;
}
