import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrgTree, OrgTreeError } from '../../../src/matching/org-tree.js';

/** The textbook answers, by walking manager links: what the O(1) structures must agree with. */
function naive(parent: readonly number[]) {
  const line = (v: number): number[] => {
    const out = [v];
    for (let x = parent[v]!; x >= 0; x = parent[x]!) out.push(x);
    return out;
  };
  const lca = (a: number, b: number): number => {
    const above = new Set(line(a));
    return line(b).find((x) => above.has(x)) ?? -1;
  };
  const depth = (v: number): number => line(v).length - 1;
  return {
    depth,
    lca,
    isAncestor: (a: number, b: number): boolean => line(b).includes(a),
    distance: (a: number, b: number): number => {
      const l = lca(a, b);
      return l < 0 ? depth(a) + depth(b) + 2 : depth(a) + depth(b) - 2 * depth(l);
    },
    subtreeSize: (a: number): number => parent.filter((_, v) => line(v).includes(a)).length,
    topUnit: (v: number): number => {
      const l = line(v);
      return l.length >= 2 ? l[l.length - 2]! : v;
    },
  };
}

/**
 * A random forest in random storage order: person i of the hidden hierarchy reports to an earlier
 * one (or to nobody), then everyone is renumbered by a random permutation.
 */
const forest = fc
  .integer({ min: 1, max: 60 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: n, maxLength: n }),
      fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
      fc.double({ min: 0, max: 0.3, noNaN: true }),
    ),
  )
  .map(([draws, permutation, rootChance]) => {
    const hidden = draws.map((d, i) =>
      i === 0 || d < rootChance ? -1 : Math.min(i - 1, Math.floor(((d - rootChance) / (1 - rootChance)) * i)),
    );
    const parent = new Array<number>(draws.length);
    hidden.forEach((p, i) => (parent[permutation[i]!] = p < 0 ? -1 : permutation[p]!));
    return parent;
  });

describe('OrgTree', () => {
  // 0 CEO ─ 1 VP ─ 2 director ─ 3 manager ─ 4 engineer
  //       └ 5 VP ─ 6 director
  const chart = [-1, 0, 1, 2, 3, 0, 5];
  const tree = OrgTree.fromParents(chart);

  it('sees a chain of command at any depth, in both directions', () => {
    expect(tree.inChainOfCommand(3, 4)).toBe(true); // direct manager
    expect(tree.inChainOfCommand(2, 4)).toBe(true); // manager's manager
    expect(tree.inChainOfCommand(0, 4)).toBe(true); // the CEO is in everyone's chain
    expect(tree.inChainOfCommand(4, 1)).toBe(true);
    expect(tree.inChainOfCommand(4, 6)).toBe(false); // cousins
    expect(tree.inChainOfCommand(1, 5)).toBe(false); // peers
    expect(tree.inChainOfCommand(4, 4)).toBe(false); // a person is not in their own chain
  });

  it('answers depth, lowest common manager, distance, span and division', () => {
    expect([...tree.depth]).toEqual([0, 1, 2, 3, 4, 1, 2]);
    expect(tree.lca(4, 6)).toBe(0);
    expect(tree.lca(3, 4)).toBe(3);
    expect(tree.distance(4, 6)).toBe(6);
    expect(tree.distance(2, 4)).toBe(2);
    expect(tree.subtreeSize(1)).toBe(4);
    expect(tree.subtreeSize(4)).toBe(1);
    expect(tree.topUnit(4)).toBe(1);
    expect(tree.topUnit(6)).toBe(5);
    expect(tree.topUnit(0)).toBe(0);
  });

  it('accepts rows in any order', () => {
    // The same chart, stored backwards.
    const n = chart.length;
    const reversed = chart.map((_, i) => chart[n - 1 - i]!).map((p) => (p < 0 ? -1 : n - 1 - p));
    const t = OrgTree.fromParents(reversed);
    expect(t.distance(n - 1 - 4, n - 1 - 6)).toBe(6);
    expect(t.inChainOfCommand(n - 1 - 2, n - 1 - 4)).toBe(true);
  });

  it('treats separate trees as having no common manager', () => {
    const t = OrgTree.fromParents([-1, 0, -1, 2]);
    expect(t.lca(1, 3)).toBe(-1);
    expect(t.inChainOfCommand(0, 3)).toBe(false);
    expect(t.distance(1, 3)).toBe(4);
    expect([...t.roots]).toEqual([0, 2]);
  });

  it('handles a reporting line 200,000 deep without recursion', () => {
    const n = 200_000;
    const t = OrgTree.fromParents(Int32Array.from({ length: n }, (_, i) => i - 1));
    expect(t.maxDepth).toBe(n - 1);
    expect(t.inChainOfCommand(0, n - 1)).toBe(true);
    expect(t.lca(n - 1, n / 2)).toBe(n / 2);
    expect(t.subtreeSize(1)).toBe(n - 1);
  });

  it('rejects a management cycle and names the people in it', () => {
    expect(() => OrgTree.fromParents([-1, 0, 3, 4, 2])).toThrow(/management cycle of 3 people: 2 → 3 → 4 → 2/);
    const error = (() => {
      try {
        OrgTree.fromParents([1, 0]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OrgTreeError);
    expect((error as OrgTreeError).cycle).toEqual([0, 1]);
    expect(() => OrgTree.fromParents([-1, 1])).toThrow(/cycle of 1 person: 1 → 1/);
  });

  it('rejects a manager who is not in the organisation', () => {
    expect(() => OrgTree.fromParents([-1, 7])).toThrow(/Person 1 has manager 7/);
    expect(() => OrgTree.fromParents([-1, -2])).toThrow(OrgTreeError);
    expect(() => OrgTree.fromParents([-1, 0.5])).toThrow(OrgTreeError);
  });

  it('agrees with walking manager links on random forests', () => {
    fc.assert(
      fc.property(forest, fc.nat(), fc.nat(), (parent, x, y) => {
        const t = OrgTree.fromParents(parent);
        const ref = naive(parent);
        const a = x % parent.length;
        const b = y % parent.length;
        expect(t.lca(a, b)).toBe(ref.lca(a, b));
        expect(t.distance(a, b)).toBe(ref.distance(a, b));
        expect(t.isAncestor(a, b)).toBe(ref.isAncestor(a, b));
        expect(t.inChainOfCommand(a, b)).toBe(a !== b && (ref.isAncestor(a, b) || ref.isAncestor(b, a)));
        expect(t.depth[a]).toBe(ref.depth(a));
        expect(t.subtreeSize(a)).toBe(ref.subtreeSize(a));
        expect(t.topUnit(a)).toBe(ref.topUnit(a));
      }),
      { numRuns: 300 },
    );
  });
});
