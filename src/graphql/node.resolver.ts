import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Node } from './node.js';
import { type Context, isCoordinator, requireViewer } from './context.js';
import { fromGlobalId, type NodeType } from './global-id.js';
import { badUserInput } from './errors.js';
import { nodeRegistry } from './node-registry.js';

const MAX_NODES = 100;

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Fetch any object by its global ID. Null when it does not exist or you may not see it.' })
  async node(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Global ID.' }) id: string): Promise<Node | null> {
    return loadNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Fetch up to 100 objects by global ID, in the given order; null for each one that does not exist or you may not see.' })
  async nodes(@Ctx() ctx: Context, @Arg('ids', () => [ID], { description: 'Global IDs.' }) ids: string[]): Promise<(Node | null)[]> {
    if (ids.length > MAX_NODES) throw badUserInput(`At most ${MAX_NODES} IDs.`);
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  }
}

/**
 * Decode, load through the tenant-scoped loader (a foreign organisation's row is simply not
 * found), then apply the type's visibility rule. Unknown, forged and foreign IDs all answer null.
 */
export async function loadNode(ctx: Context, globalId: string): Promise<Node | null> {
  const viewer = requireViewer(ctx);
  const decoded = fromGlobalId(globalId);
  if (!decoded) return null;
  const entry = nodeRegistry.get(decoded.type as NodeType);
  if (!entry) return null;
  if (decoded.type === 'Organization') {
    return decoded.id === viewer.organizationId ? ((await ctx.loaders.byId(entry.entity).load(decoded.id)) as Node | null) : null;
  }
  const row = (await ctx.loaders.byId(entry.entity).load(decoded.id)) as Node | null;
  if (!row) return null;
  if (isCoordinator(viewer) && !entry.private) return row;
  return (await entry.visible(ctx, row)) ? row : null;
}
