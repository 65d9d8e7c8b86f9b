import type { Context } from './context.js';
import type { NodeType } from './global-id.js';

export interface NodeEntry {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous registry of entity classes
  entity: new (...args: any[]) => { id: string };
  /** Whether a non-coordinator (or, for `private`, anyone) may see this row. */
  visible: (ctx: Context, row: unknown) => boolean | Promise<boolean>;
  /** Private rows (pulse answers) are hidden even from coordinators unless `visible` says so. */
  private?: boolean;
}

/** Every Node type registers how it is loaded and who may see it; `node(id:)` consults this. */
export const nodeRegistry = new Map<NodeType, NodeEntry>();

export function registerNode(type: NodeType, entry: NodeEntry): void {
  nodeRegistry.set(type, entry);
}
