import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateTextWidth, layoutMarkerLabels } from './labels';

describe('layoutMarkerLabels', () => {
  it('puts a swap label next to a year label on another row (no "v22014")', () => {
    const width = (s: string) => estimateTextWidth(s, 11);
    const placed = layoutMarkerLabels(
      [
        { x: 300, width: width('2014'), label: '2014' },
        { x: 302, width: width('v2'), label: 'v2' },
      ],
      { right: 600 },
    );
    expect(placed.map((p) => p.row)).toEqual([0, 1]);
    expect(placed[0]!.left).toBe(303);
  });

  it('keeps labels on one row when they are far apart', () => {
    const placed = layoutMarkerLabels(
      [
        { x: 10, width: 20, label: 'a' },
        { x: 100, width: 20, label: 'b' },
      ],
      { right: 600 },
    );
    expect(placed.map((p) => p.row)).toEqual([0, 0]);
  });

  it('draws a label left of its marker at the right edge, and leaves out what fits nowhere', () => {
    const placed = layoutMarkerLabels(
      [
        { x: 590, width: 30, label: 'late' },
        { x: 591, width: 30, label: 'b' },
        { x: 592, width: 30, label: 'c' },
      ],
      { right: 600, rows: 2 },
    );
    expect(placed[0]).toEqual({ label: 'late', left: 557, row: 0 });
    expect(placed[1]!.row).toBe(1);
    expect(placed[2]!.row).toBeNull();
  });

  it('never overlaps two labels on a row and never passes the right edge (fast-check, 300 layouts)', () => {
    const label = fc.record({
      x: fc.integer({ min: 0, max: 600 }),
      width: fc.integer({ min: 1, max: 80 }),
      label: fc.string({ maxLength: 6 }),
    });
    fc.assert(
      fc.property(
        fc.array(label, { maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (ls, rows) => {
          const placed = layoutMarkerLabels(ls, { right: 600, left: 0, rows });
          const boxes = placed.map((p, i) => ({ ...p, right: p.left + ls[i]!.width }));
          for (const a of boxes) {
            if (a.row === null) continue;
            expect(a.row).toBeLessThan(rows);
            if (ls[boxes.indexOf(a)]!.width <= 597) expect(a.right).toBeLessThanOrEqual(600);
            for (const b of boxes) {
              if (a === b || b.row !== a.row) continue;
              expect(a.right <= b.left || b.right <= a.left).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
