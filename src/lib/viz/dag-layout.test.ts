import { describe, expect, it } from 'vitest';
import { layersFromPlacement, layoutLayeredDag } from './dag-layout';

const spacing = { nodeWidth: 150, nodeHeight: 52, columnGap: 36, rowGap: 16, margin: 8 };

describe('layoutLayeredDag', () => {
  it('places layers as columns and stacks each layer (coordinates worked by hand)', () => {
    const layout = layoutLayeredDag(
      {
        layers: [['a', 'b'], ['c']],
        edges: [
          ['a', 'c'],
          ['b', 'c'],
        ],
      },
      spacing,
    );
    // Column x: 8, then 8 + 150 + 36 = 194. Row y: 8, then 8 + 52 + 16 = 76.
    expect(layout.nodes.map(({ id, layer, row, x, y }) => ({ id, layer, row, x, y }))).toEqual([
      { id: 'a', layer: 0, row: 0, x: 8, y: 8 },
      { id: 'b', layer: 0, row: 1, x: 8, y: 76 },
      { id: 'c', layer: 1, row: 0, x: 194, y: 8 },
    ]);
    // Width 8 + 150 + 36 + 150 + 8 = 352; height 8 + 52 + 16 + 52 + 8 = 136.
    expect([layout.width, layout.height]).toEqual([352, 136]);
    // b's right middle (158, 102) to c's left middle (194, 34); control points at x = 176.
    expect(layout.edges[1]).toEqual({
      from: 'b',
      to: 'c',
      x1: 158,
      y1: 102,
      x2: 194,
      y2: 34,
      d: 'M158 102 C176 102 176 34 194 34',
    });
  });

  it('gives each node its own size: columns as wide as their widest node, rows stacked by height', () => {
    const sizes: Record<string, { width: number; height: number }> = {
      a: { width: 100, height: 40 },
      b: { width: 60, height: 20 },
      c: { width: 80, height: 100 },
    };
    const layout = layoutLayeredDag(
      { layers: [['a', 'b'], ['c']], edges: [['a', 'c']] },
      { ...spacing, columnGap: 10, rowGap: 5, margin: 2 },
      (id) => sizes[id]!,
    );
    // a at (2, 2); b below it at y = 2 + 40 + 5 = 47; c at x = 2 + 100 + 10 = 112.
    expect(layout.nodes.map((n) => [n.id, n.x, n.y, n.width, n.height])).toEqual([
      ['a', 2, 2, 100, 40],
      ['b', 2, 47, 60, 20],
      ['c', 112, 2, 80, 100],
    ]);
    // Width 2 + 100 + 10 + 80 + 2 = 194; height: the taller column is c's, 2 + 100 + 2 = 104.
    expect([layout.width, layout.height]).toEqual([194, 104]);
    // a's right middle (102, 22) to c's left middle (112, 52).
    expect(layout.edges[0]?.d).toBe('M102 22 C107 22 107 52 112 52');
  });

  it('draws an empty graph as its margins and leaves out edges to ids in no layer', () => {
    expect(layoutLayeredDag({ layers: [], edges: [] }, spacing)).toEqual({
      width: 16,
      height: 16,
      nodes: [],
      edges: [],
    });
    expect(layoutLayeredDag({ layers: [['a']], edges: [['a', 'ghost']] }, spacing).edges).toEqual(
      [],
    );
  });
});

describe('layersFromPlacement', () => {
  it('groups by layer and orders each layer by row', () => {
    expect(
      layersFromPlacement([
        { id: 2, layer: 1, row: 1 },
        { id: 0, layer: 0, row: 0 },
        { id: 1, layer: 1, row: 0 },
      ]),
    ).toEqual([[0], [1, 2]]);
    expect(layersFromPlacement([])).toEqual([]);
  });
});
