/**
 * The organisation as a rooted forest of reporting lines, preprocessed so that every question the
 * scorer asks per pair — chain of command, lowest common ancestor, distance — is O(1).
 *
 * People are dense indices 0..size-1. Everything is built iteratively: a 50,000-deep reporting
 * line (generated data, a botched import) must not blow the call stack.
 *
 * Typed-array reads use `!`: indices come from the validated parent array, and
 * `noUncheckedIndexedAccess` cannot see that.
 */

/** Thrown when the parent array does not describe a forest. */
export class OrgTreeError extends Error {
  /** People forming the offending cycle, in reporting order; empty for other errors. */
  readonly cycle: readonly number[];

  constructor(message: string, cycle: readonly number[] = []) {
    super(message);
    this.name = 'OrgTreeError';
    this.cycle = cycle;
  }
}

export class OrgTree {
  readonly size: number;
  /** Manager of each person, -1 for the top of a tree. */
  readonly parent: Int32Array;
  /** Edges from the top of the person's tree (the top person has depth 0). */
  readonly depth: Int32Array;
  /**
   * Preorder position. A subtree occupies the contiguous positions tin[a]..tout[a], which is what
   * makes `isAncestor` two comparisons.
   */
  readonly tin: Int32Array;
  /** Last preorder position inside the person's subtree (inclusive). */
  readonly tout: Int32Array;
  /** Person at each preorder position. */
  readonly order: Int32Array;
  /** The ancestor directly below the top (a division, in org-chart terms); the top maps to itself. */
  readonly unit: Int32Array;
  /** People without a manager, ascending. More than one means the data is a forest. */
  readonly roots: Int32Array;
  readonly maxDepth: number;

  /**
   * Sparse table over preorder positions: level k, position i holds the minimum, over positions
   * i..i+2^k-1, of the manager's tin, tin[parent[order[p]]] (-1 for a top person). For u ≠ v with
   * tin[u] < tin[v], the LCA's tin is that minimum over positions tin[u]+1..tin[v]: everyone there
   * lies in the LCA's subtree (so do their managers), and the LCA's child towards v is among them.
   * Two reads per query, and no Euler tour of length 2n.
   */
  private readonly sparse: Int32Array;

  private constructor(parent: Int32Array) {
    const n = parent.length;
    this.size = n;
    this.parent = parent;

    // Children as CSR, in ascending index order so the preorder (and everything derived from it)
    // does not depend on the order rows arrived in.
    const childStart = new Int32Array(n + 1);
    let rootCount = 0;
    for (let v = 0; v < n; v++) {
      const p = parent[v]!;
      if (p < 0) rootCount++;
      else childStart[p + 1]!++;
    }
    for (let v = 0; v < n; v++) childStart[v + 1]! += childStart[v]!;
    const children = new Int32Array(n - rootCount);
    const fill = childStart.slice(0, n);
    const roots = new Int32Array(rootCount);
    for (let v = 0, r = 0; v < n; v++) {
      const p = parent[v]!;
      if (p < 0) roots[r++] = v;
      else children[fill[p]!++] = v;
    }

    const depth = new Int32Array(n);
    const tin = new Int32Array(n).fill(-1);
    const order = new Int32Array(n);
    const unit = new Int32Array(n);
    const stack = new Int32Array(n);
    let time = 0;
    let maxDepth = 0;
    for (let r = 0; r < rootCount; r++) {
      let top = 0;
      const root = roots[r]!;
      stack[top++] = root;
      unit[root] = root;
      while (top > 0) {
        const v = stack[--top]!;
        tin[v] = time;
        order[time++] = v;
        if (depth[v]! > maxDepth) maxDepth = depth[v]!;
        const d = depth[v]! + 1;
        // Pushed in reverse so the lowest-index report is visited first.
        for (let c = childStart[v + 1]! - 1; c >= childStart[v]!; c--) {
          const child = children[c]!;
          depth[child] = d;
          unit[child] = d === 1 ? child : unit[v]!;
          stack[top++] = child;
        }
      }
    }
    if (time < n) throw cycleError(parent, tin);

    // Subtree sizes by reverse preorder: every child is finished before its parent.
    const tout = new Int32Array(n);
    const subtree = new Int32Array(n).fill(1);
    for (let i = n - 1; i >= 0; i--) {
      const v = order[i]!;
      tout[v] = tin[v]! + subtree[v]! - 1;
      const p = parent[v]!;
      if (p >= 0) subtree[p]! += subtree[v]!;
    }

    const levels = n > 1 ? 32 - Math.clz32(n) : 1;
    const sparse = new Int32Array(levels * n);
    for (let i = 0; i < n; i++) {
      const p = parent[order[i]!]!;
      sparse[i] = p < 0 ? -1 : tin[p]!;
    }
    for (let k = 1, half = 1; k < levels; k++, half <<= 1) {
      const row = k * n;
      const prev = row - n;
      for (let i = 0; i + 2 * half <= n; i++) {
        const a = sparse[prev + i]!;
        const b = sparse[prev + i + half]!;
        sparse[row + i] = a < b ? a : b;
      }
    }

    this.depth = depth;
    this.tin = tin;
    this.tout = tout;
    this.order = order;
    this.unit = unit;
    this.roots = roots;
    this.maxDepth = maxDepth;
    this.sparse = sparse;
  }

  /**
   * Builds the tree from each person's manager index (-1 for none). Rows may come in any order.
   * Throws {@link OrgTreeError} for an out-of-range manager or a management cycle.
   */
  static fromParents(parent: ArrayLike<number>): OrgTree {
    const n = parent.length;
    const copy = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      const p = parent[v]!;
      if (!Number.isInteger(p) || p < -1 || p >= n) {
        throw new OrgTreeError(`Person ${v} has manager ${p}, which is not a person in this organisation (0..${n - 1}) or -1.`);
      }
      copy[v] = p;
    }
    return new OrgTree(copy);
  }

  /** True when `a` is `b` or manages `b` at any depth. */
  isAncestor(a: number, b: number): boolean {
    const t = this.tin[b]!;
    return this.tin[a]! <= t && t <= this.tout[a]!;
  }

  /** True when two different people are in one reporting line, at any distance. */
  inChainOfCommand(a: number, b: number): boolean {
    if (a === b) return false;
    const ta = this.tin[a]!;
    const tb = this.tin[b]!;
    return ta < tb ? tb <= this.tout[a]! : ta <= this.tout[b]!;
  }

  /** Lowest common manager (a person is their own ancestor); -1 when they are in different trees. */
  lca(a: number, b: number): number {
    if (a === b) return a;
    let l = this.tin[a]!;
    let r = this.tin[b]!;
    if (l > r) {
      const t = l;
      l = r;
      r = t;
    }
    const k = 31 - Math.clz32(r - l);
    const row = k * this.size;
    const x = this.sparse[row + l + 1]!;
    const y = this.sparse[row + r - (1 << k) + 1]!;
    const m = x < y ? x : y;
    return m < 0 ? -1 : this.order[m]!;
  }

  /**
   * Reporting-line steps from `a` up to the LCA and down to `b`. People in different trees are
   * treated as joined by a virtual top, so the distance stays finite and larger than any path
   * inside either tree that starts at the same depths.
   */
  distance(a: number, b: number): number {
    const l = this.lca(a, b);
    const da = this.depth[a]!;
    const db = this.depth[b]!;
    return l < 0 ? da + db + 2 : da + db - 2 * this.depth[l]!;
  }

  /** People in the subtree of `a`, `a` included: the reach of the position. */
  subtreeSize(a: number): number {
    return this.tout[a]! - this.tin[a]! + 1;
  }

  /** The child-of-top ancestor of `a` (its division); the top person maps to themselves. */
  topUnit(a: number): number {
    return this.unit[a]!;
  }
}

function cycleError(parent: Int32Array, tin: Int32Array): OrgTreeError {
  // Every person the DFS missed reaches a cycle by following managers upward; walk from the first
  // one until a person repeats, then report just the loop.
  let start = tin.indexOf(-1);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(start)) {
    seenAt.set(start, path.length);
    path.push(start);
    start = parent[start]!;
  }
  const cycle = path.slice(seenAt.get(start));
  const shown = cycle.length > 12 ? [...cycle.slice(0, 12), '…'] : cycle;
  return new OrgTreeError(
    `The org chart has a management cycle of ${cycle.length} ${cycle.length === 1 ? 'person' : 'people'}: ${[...shown, cycle[0]].join(' → ')}.`,
    cycle,
  );
}
