import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput } from './errors.js';

/** Connections never return more than this many nodes per page, whatever `first` asks. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ simpleResolvers: true, description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export interface EdgeShape<T> {
  node: T;
  cursor: string;
}

export interface ConnectionShape<T, E extends EdgeShape<T> = EdgeShape<T>> {
  edges: E[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A plain edge: the node and its cursor. Relationship data lives on specialised edges. */
export function EdgeType<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class Edge {
    @Field(() => nodeType, { description: 'The item.' })
    node!: T;

    @Field({ description: 'Opaque cursor of this item.' })
    cursor!: string;
  }
  return Edge;
}

export function ConnectionType<T extends object, E extends EdgeShape<T>>(name: string, nodeType: ClassType<T>, edgeType: ClassType<E>) {
  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class Connection {
    @Field(() => [edgeType], { description: 'Items with their cursors.' })
    edges!: E[];

    @Field(() => [nodeType], { description: 'The items alone, when cursors are not needed.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filters, across all pages.' })
    totalCount!: number;
  }
  return Connection;
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

/** Keyset cursors: the sort key values of the last row, as opaque base64url JSON. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, shape: readonly ('string' | 'number')[]): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  const bad = () => badUserInput('"after" is not a valid cursor for this list.');
  if (typeof cursor !== 'string' || cursor.length > 512 || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length) throw bad();
  parsed.forEach((v, i) => {
    if (typeof v !== shape[i] || (typeof v === 'number' && !Number.isFinite(v))) throw bad();
  });
  return parsed as (string | number)[];
}

/** Shape a fetched page (`limit + 1` rows to know whether more follow) into a connection. */
export function toConnection<T>(rows: T[], limit: number, totalCount: number, cursorOf: (row: T) => string, hasPrevious: boolean): ConnectionShape<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    nodes: page,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
