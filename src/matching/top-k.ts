/**
 * Bounded "keep the best K" heaps living in caller-owned typed arrays, so thousands of them can
 * share one allocation. The root is the worst entry kept, which makes "is this one better than
 * what we'd drop?" a single comparison. Better = higher score, then lower id — the stable key that
 * makes every ranking in the engine deterministic.
 */

export function isBetter(scoreA: number, idA: number, scoreB: number, idB: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && idA < idB);
}

/**
 * Offers (score, id) to the heap at `base` holding `size` of at most `capacity` entries; returns
 * the new size.
 */
export function offer(
  scores: Float64Array,
  ids: Int32Array,
  base: number,
  size: number,
  capacity: number,
  score: number,
  id: number,
): number {
  if (size < capacity) {
    let i = size;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const ps = scores[base + parent]!;
      const pid = ids[base + parent]!;
      if (!isBetter(ps, pid, score, id)) break;
      scores[base + i] = ps;
      ids[base + i] = pid;
      i = parent;
    }
    scores[base + i] = score;
    ids[base + i] = id;
    return size + 1;
  }
  if (capacity === 0 || !isBetter(score, id, scores[base]!, ids[base]!)) return size;
  let i = 0;
  for (;;) {
    let worst = i;
    let ws = score;
    let wid = id;
    const l = 2 * i + 1;
    if (l < size && isBetter(ws, wid, scores[base + l]!, ids[base + l]!)) {
      worst = l;
      ws = scores[base + l]!;
      wid = ids[base + l]!;
    }
    const r = l + 1;
    if (r < size && isBetter(ws, wid, scores[base + r]!, ids[base + r]!)) {
      worst = r;
      ws = scores[base + r]!;
      wid = ids[base + r]!;
    }
    if (worst === i) break;
    scores[base + i] = ws;
    ids[base + i] = wid;
    i = worst;
  }
  scores[base + i] = score;
  ids[base + i] = id;
  return size;
}
