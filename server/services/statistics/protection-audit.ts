/**
 * Can a hidden entry of a table be worked out from what is published? A two-way table with
 * its row totals, column totals and grand total is a flow: source -> row (the row total),
 * row -> column (a cell), column -> sink (the column total), sink -> source (the grand
 * total); every additivity rule of the table is conservation of flow at one node. Published
 * entries are fixed; a hidden entry is only known to lie within its bounds (a cell shown
 * as "fewer than k" is 1..k-1, one hidden to protect another is at least k, since zeros are
 * shown and the smallest non-zero entries are the ones hidden).
 *
 * Another table agreeing with everything published differs from the real one by a
 * circulation, which splits into cycles that respect the bounds. So a hidden entry can
 * take another value exactly when a cycle through it exists in the residual graph:
 * raising it needs a path back from its head to its tail, lowering it a path forward.
 * Bounds are integers, so one unit along such a cycle gives another integer table.
 */

export interface AuditEntry {
  /** current (true) value */
  value: number;
  hidden: boolean;
  /** bounds the reader knows for a hidden entry; `max` may be Infinity */
  min: number;
  max: number;
}

/** Entries of the extended grid: [row][col] with row R the column totals and col C the row totals. */
export type ExtendedGrid = AuditEntry[][];

interface Edge {
  from: number;
  to: number;
  entry: AuditEntry;
}

/** Nodes: 0 source, 1..R rows, R+1..R+C columns, R+C+1 sink. */
function edgesOf(grid: ExtendedGrid): Edge[] {
  const rows = grid.length - 1;
  const cols = (grid[0]?.length ?? 1) - 1;
  const sink = rows + cols + 1;
  const edges: Edge[] = [];
  for (let i = 0; i <= rows; i += 1) {
    for (let j = 0; j <= cols; j += 1) {
      const entry = grid[i]?.[j];
      if (!entry) continue;
      const row = 1 + i;
      const col = 1 + rows + j;
      if (i < rows && j < cols) edges.push({ from: row, to: col, entry });
      else if (i < rows) edges.push({ from: 0, to: row, entry });
      else if (j < cols) edges.push({ from: col, to: sink, entry });
      else edges.push({ from: sink, to: 0, entry });
    }
  }
  return edges;
}

function reachable(nodes: number, arcs: [number, number][], from: number, to: number): boolean {
  const next: number[][] = Array.from({ length: nodes }, () => []);
  for (const [a, b] of arcs) next[a]?.push(b);
  const seen = new Set<number>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift() as number;
    if (node === to) return true;
    for (const n of next[node] ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return false;
}

/** The hidden entries (row, col of the extended grid) whose value the published ones determine. */
export function exposedEntries(grid: ExtendedGrid): [number, number][] {
  const rows = grid.length - 1;
  const cols = (grid[0]?.length ?? 1) - 1;
  const nodes = rows + cols + 2;
  const edges = edgesOf(grid);
  const residual = (skip: Edge): [number, number][] => {
    const arcs: [number, number][] = [];
    for (const edge of edges) {
      if (edge === skip || !edge.entry.hidden) continue;
      if (edge.entry.value < edge.entry.max) arcs.push([edge.from, edge.to]);
      if (edge.entry.value > edge.entry.min) arcs.push([edge.to, edge.from]);
    }
    return arcs;
  };
  const exposed: [number, number][] = [];
  edges.forEach((edge, index) => {
    const { entry } = edge;
    if (!entry.hidden) return;
    const arcs = residual(edge);
    const canRise = entry.value < entry.max && reachable(nodes, arcs, edge.to, edge.from);
    const canFall = entry.value > entry.min && reachable(nodes, arcs, edge.from, edge.to);
    if (!canRise && !canFall) exposed.push([Math.floor(index / (cols + 1)), index % (cols + 1)]);
  });
  return exposed;
}
