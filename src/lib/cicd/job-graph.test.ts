import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildJobGraph, formatCycle } from './job-graph';

describe('buildJobGraph', () => {
  it('layers a diamond into waves (needs all in earlier waves)', () => {
    const graph = buildJobGraph([
      { id: 'lint', needs: [] },
      { id: 'test', needs: ['lint'] },
      { id: 'build', needs: ['lint'] },
      { id: 'deploy', needs: ['test', 'build'] },
      { id: 'docs', needs: [] },
    ]);
    expect(graph.waves).toEqual([['lint', 'docs'], ['test', 'build'], ['deploy']]);
    expect(graph.cycle).toBeNull();
    expect(graph.edges).toContainEqual(['build', 'deploy']);
  });

  it('puts a job after its deepest need, not its shallowest', () => {
    const graph = buildJobGraph([
      { id: 'a', needs: [] },
      { id: 'b', needs: ['a'] },
      { id: 'c', needs: ['a', 'b'] },
    ]);
    expect(graph.waves).toEqual([['a'], ['b'], ['c']]);
  });

  it('reports unknown and self needs', () => {
    const graph = buildJobGraph([
      { id: 'a', needs: ['ghost'] },
      { id: 'b', needs: ['b', 'a'] },
    ]);
    expect(graph.unknownNeeds).toEqual([{ job: 'a', need: 'ghost' }]);
    expect(graph.selfNeeds).toEqual(['b']);
    expect(graph.waves).toEqual([['a']]);
    expect(graph.blocked).toEqual(['b']);
  });

  it('reports a cycle as a closed path in the direction work flows', () => {
    // c needs b, b needs a, a needs c: work flows a → b → c → a.
    const graph = buildJobGraph([
      { id: 'a', needs: ['c'] },
      { id: 'b', needs: ['a'] },
      { id: 'c', needs: ['b'] },
      { id: 'd', needs: [] },
      { id: 'e', needs: ['c'] },
    ]);
    expect(graph.cycle).not.toBeNull();
    const cycle = graph.cycle ?? [];
    expect(cycle[0]).toBe(cycle[cycle.length - 1]);
    expect(cycle).toHaveLength(4);
    for (let i = 0; i + 1 < cycle.length; i++) {
      // Each job in the path is needed by the next one.
      expect(graph.edges).toContainEqual([cycle[i], cycle[i + 1]]);
    }
    expect(graph.waves).toEqual([['d']]);
    expect(graph.blocked).toEqual(['a', 'b', 'c', 'e']);
    expect(formatCycle(['a', 'b', 'a'])).toBe('`a` → `b` → `a`');
  });

  it('finds all ancestors through several levels', () => {
    const graph = buildJobGraph([
      { id: 'a', needs: [] },
      { id: 'b', needs: ['a'] },
      { id: 'c', needs: ['b'] },
      { id: 'x', needs: [] },
    ]);
    expect(ancestorsOf(graph, 'c')).toEqual(['a', 'b']);
    expect(ancestorsOf(graph, 'a')).toEqual([]);
  });
});
