/**
 * The booklet's one layered-DAG layout, for graphs whose nodes already sit in layers: CI jobs in
 * the waves their `needs` allow (chapter 4), Dockerfile stages by depth (chapter 2). Layers are
 * columns from left to right; a layer's nodes stack top to bottom in the order given. Each node may
 * have its own size: a column is as wide as its widest node, nodes are left-aligned in it, and a
 * column's nodes are separated by `rowGap`. An edge runs from the right middle of its source to
 * the left middle of its target as a cubic Bézier whose two control points sit at the horizontal
 * midpoint, so it leaves and enters horizontally. Pure arithmetic: the widget turns the numbers
 * into SVG elements.
 */

/** Width and height of a node box, in SVG user units. */
export interface DagNodeSize {
  width: number;
  height: number;
}

/** Spacing of the drawing and the size of a node when `nodeSize` gives none. */
export interface DagSpacing {
  /** Default node width. */
  nodeWidth: number;
  /** Default node height. */
  nodeHeight: number;
  /** Horizontal space between two columns (layers). */
  columnGap: number;
  /** Vertical space between two nodes of a column. */
  rowGap: number;
  /** Margin around the whole drawing. */
  margin: number;
}

/** What to lay out: node ids grouped by layer, and directed edges between them. */
export interface LayeredDag<Id> {
  /** Layer k holds the ids drawn in column k, top to bottom. */
  layers: readonly (readonly Id[])[];
  /** Edges `[from, to]`; edges naming an id in no layer are left out. */
  edges: readonly (readonly [Id, Id])[];
}

/** A placed node. */
export interface DagNodePlacement<Id> {
  id: Id;
  /** 0-based layer (column). */
  layer: number;
  /** 0-based position inside its layer. */
  row: number;
  /** Left edge. */
  x: number;
  /** Top edge. */
  y: number;
  width: number;
  height: number;
}

/** A placed edge, with its end points and SVG path data. */
export interface DagEdgePlacement<Id> {
  from: Id;
  to: Id;
  /** Right middle of `from`. */
  x1: number;
  y1: number;
  /** Left middle of `to`. */
  x2: number;
  y2: number;
  /** `M x1 y1 C mid y1 mid y2 x2 y2`, mid = (x1 + x2) / 2. */
  d: string;
}

/** The laid-out graph: total size (margins included), nodes in layer order, edges in input order. */
export interface DagLayout<Id> {
  width: number;
  height: number;
  nodes: DagNodePlacement<Id>[];
  edges: DagEdgePlacement<Id>[];
}

/**
 * Places `dag.layers` as columns. `nodeSize(id)` gives a node's own size (default: the spacing's
 * nodeWidth × nodeHeight). An empty graph is just its margins (2·margin square).
 */
export function layoutLayeredDag<Id>(
  dag: LayeredDag<Id>,
  spacing: DagSpacing,
  nodeSize: (id: Id) => DagNodeSize = () => ({
    width: spacing.nodeWidth,
    height: spacing.nodeHeight,
  }),
): DagLayout<Id> {
  const { columnGap, rowGap, margin } = spacing;
  const nodes: DagNodePlacement<Id>[] = [];
  const byId = new Map<Id, DagNodePlacement<Id>>();
  let x = margin;
  let contentHeight = 0;
  dag.layers.forEach((layer, layerIndex) => {
    const sizes = layer.map(nodeSize);
    const columnWidth = Math.max(0, ...sizes.map((s) => s.width));
    let y = margin;
    layer.forEach((id, row) => {
      const { width, height } = sizes[row] as DagNodeSize;
      const node = { id, layer: layerIndex, row, x, y, width, height };
      nodes.push(node);
      byId.set(id, node);
      y += height + rowGap;
    });
    if (layer.length > 0) contentHeight = Math.max(contentHeight, y - rowGap - margin);
    x += columnWidth + columnGap;
  });
  const contentWidth = dag.layers.length === 0 ? 0 : x - columnGap - margin;
  const edges: DagEdgePlacement<Id>[] = [];
  for (const [from, to] of dag.edges) {
    const a = byId.get(from);
    const b = byId.get(to);
    if (a && b) edges.push(placeEdge(a, b));
  }
  return { width: 2 * margin + contentWidth, height: 2 * margin + contentHeight, nodes, edges };
}

function placeEdge<Id>(a: DagNodePlacement<Id>, b: DagNodePlacement<Id>): DagEdgePlacement<Id> {
  const x1 = a.x + a.width;
  const y1 = a.y + a.height / 2;
  const x2 = b.x;
  const y2 = b.y + b.height / 2;
  const mid = (x1 + x2) / 2;
  return {
    from: a.id,
    to: b.id,
    x1,
    y1,
    x2,
    y2,
    d: `M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}`,
  };
}

/**
 * Groups items that carry a layer and a row (as src/lib/docker/stage-graph places stages) into the
 * `layers` `layoutLayeredDag` takes: layer k lists its items' ids by ascending row.
 */
export function layersFromPlacement<Id>(
  items: readonly { id: Id; layer: number; row: number }[],
): Id[][] {
  const count = items.reduce((max, item) => Math.max(max, item.layer + 1), 0);
  const layers: { id: Id; row: number }[][] = Array.from({ length: count }, () => []);
  for (const item of items) layers[item.layer]?.push({ id: item.id, row: item.row });
  return layers.map((layer) => layer.sort((p, q) => p.row - q.row).map((p) => p.id));
}
