/**
 * The same place across two runs of the proposals: sites matched by id and by cell overlap. A
 * site's id is its smallest H3 cell (proposals.ts), so a site that gained or lost a cell at its
 * corner, or whose cells changed with a month more of data, can change id; pairing sites by their
 * cells keeps a meeting's comparison (since-last-meeting.ts) and a site's decisions (the
 * lifecycle log, carried by `proposeTasking`'s `knownSites`) on the place they were about.
 *
 * - Candidates are the earlier sites with the same id or sharing at least one cell.
 * - Pairs are taken greedily, one to one: the same id first, then the larger Jaccard index
 *   |A ∩ B| / |A ∪ B|, then the more shared cells, then the ids (so the result is the same on
 *   every machine). A smaller overlap matches when it is each side's best remaining partner, so
 *   a site that grew (a hot spot spreading into the next ward) keeps its history.
 */

/** A site as matching sees it: its id and its H3 cells. */
export interface SiteCells {
  id: string;
  cells: readonly string[];
}

/** |A ∩ B| / |A ∪ B| of two cell lists, and |A ∩ B|. */
export function cellOverlap(a: readonly string[], b: readonly string[]): { jaccard: number; shared: number } {
  const setA = new Set(a);
  let shared = 0;
  for (const c of new Set(b)) if (setA.has(c)) shared++;
  const union = setA.size + new Set(b).size - shared;
  return { jaccard: union === 0 ? 0 : shared / union, shared };
}

/**
 * Pairs sites now with sites before, one to one (rules in the module comment).
 *
 * @returns For each current site's id, the matched earlier site and the Jaccard index.
 */
export function matchSites<A extends SiteCells, B extends SiteCells>(now: readonly A[], before: readonly B[]): Map<string, { before: B; overlap: number }> {
  const byCell = new Map<string, number[]>();
  before.forEach((s, j) => {
    for (const c of s.cells) byCell.set(c, [...(byCell.get(c) ?? []), j]);
  });
  const pairs: { i: number; j: number; sameId: boolean; jaccard: number; shared: number }[] = [];
  now.forEach((s, i) => {
    const candidates = new Set<number>();
    for (const c of s.cells) for (const j of byCell.get(c) ?? []) candidates.add(j);
    before.forEach((b, j) => {
      if (b.id === s.id) candidates.add(j);
    });
    for (const j of candidates) pairs.push({ i, j, sameId: before[j].id === s.id, ...cellOverlap(s.cells, before[j].cells) });
  });
  pairs.sort(
    (p, q) =>
      Number(q.sameId) - Number(p.sameId) ||
      q.jaccard - p.jaccard ||
      q.shared - p.shared ||
      (now[p.i].id < now[q.i].id ? -1 : now[p.i].id > now[q.i].id ? 1 : 0) ||
      (before[p.j].id < before[q.j].id ? -1 : before[p.j].id > before[q.j].id ? 1 : 0),
  );
  const takenNow = new Set<number>();
  const takenBefore = new Set<number>();
  const out = new Map<string, { before: B; overlap: number }>();
  for (const p of pairs) {
    if (takenNow.has(p.i) || takenBefore.has(p.j)) continue;
    takenNow.add(p.i);
    takenBefore.add(p.j);
    out.set(now[p.i].id, { before: before[p.j], overlap: p.jaccard });
  }
  return out;
}

