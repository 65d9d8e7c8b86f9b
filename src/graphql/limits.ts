import {
  GraphQLError,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
  getNamedType,
  isListType,
  getNullableType,
  type GraphQLField,
} from 'graphql';

/**
 * Static operation limits, checked during validation before anything runs: depth, aliases and an
 * estimated cost where list fields multiply by their `first` argument (or a default page).
 * Token limits live in Apollo's parseOptions.maxTokens.
 */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

/** Page size assumed when `first` is omitted (the default) or a variable (its maximum). */
const DEFAULT_PAGE = 20;
const VARIABLE_PAGE = 100;
/** Plain lists (a person's skills, a goal's progress) are short; count them as this many. */
const SMALL_LIST = 10;

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
}

function intArg(node: FieldNode, name: string): number | null {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  const v: ValueNode = arg.value;
  if (v.kind === Kind.INT) return Math.max(0, Number(v.value));
  if (v.kind === Kind.LIST) return v.values.length;
  if (v.kind === Kind.VARIABLE) return VARIABLE_PAGE; // validation cannot see variables: assume the worst allowed
  return null;
}

export function limitsRule(limits: OperationLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

    // Walk each operation once, tracking depth and multiplying cost through list fields.
    const walk = (set: SelectionSetNode, depth: number, multiplier: number, parentType: ReturnType<ValidationContext['getSchema']>['getQueryType'] extends () => infer T ? T : never, seen: Set<string>, acc: { cost: number; aliases: number; depth: number }): void => {
      if (depth > acc.depth) acc.depth = depth;
      if (acc.depth > limits.maxDepth || acc.cost > limits.maxCost) return;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.alias) acc.aliases++;
          const fieldDef: GraphQLField<unknown, unknown> | undefined = parentType && 'getFields' in parentType ? parentType.getFields()[sel.name.value] : undefined;
          acc.cost += multiplier;
          if (sel.selectionSet && fieldDef) {
            const type = getNullableType(fieldDef.type);
            let size = 1;
            if (fieldDef.args.some((a) => a.name === 'first')) {
              // A connection: its page size is what multiplies the cost of what is inside it.
              size = intArg(sel, 'first') ?? DEFAULT_PAGE;
            } else if (isListType(type) && sel.name.value !== 'edges' && sel.name.value !== 'nodes') {
              size = intArg(sel, 'ids') ?? SMALL_LIST;
            }
            const named = getNamedType(fieldDef.type);
            walk(sel.selectionSet, depth + 1, multiplier * Math.max(1, size), named as never, seen, acc);
          }
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const typeName = sel.typeCondition?.name.value;
          const t = typeName ? context.getSchema().getType(typeName) : parentType;
          walk(sel.selectionSet, depth, multiplier, t as never, seen, acc);
        } else {
          const name = sel.name.value;
          if (seen.has(name)) continue; // fragment cycles are reported by the standard rules
          const frag = fragments.get(name);
          if (!frag) continue;
          const t = context.getSchema().getType(frag.typeCondition.name.value);
          walk(frag.selectionSet, depth, multiplier, t as never, new Set([...seen, name]), acc);
        }
      }
    };

    return {
      OperationDefinition(node) {
        const schema = context.getSchema();
        const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
        const acc = { cost: 0, aliases: 0, depth: 0 };
        walk(node.selectionSet, 1, 1, root as never, new Set(), acc);
        if (acc.depth > limits.maxDepth) context.reportError(tooComplex(`Query is too deep: the limit is ${limits.maxDepth} levels.`));
        if (acc.aliases > limits.maxAliases) context.reportError(tooComplex(`Too many aliases: the limit is ${limits.maxAliases}.`));
        if (acc.cost > limits.maxCost) context.reportError(tooComplex(`Query is too expensive: estimated cost over ${limits.maxCost}. Ask for smaller pages.`));
      },
    };
  };
}
