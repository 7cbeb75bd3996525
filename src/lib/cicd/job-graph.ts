/**
 * The dependency graph that `needs` draws between jobs: which references are broken, whether the
 * jobs form a cycle, and the "waves" in which they can run (a job starts once every job it needs
 * has finished, so wave k holds the jobs whose needs all sit in waves before k).
 */

/** The minimum a graph needs to know about a job. */
export interface GraphJob {
  /** Job id. */
  id: string;
  /** Ids of the jobs it needs. */
  needs: readonly string[];
}

/** A `needs` entry that names a job which does not exist. */
export interface UnknownNeed {
  /** The job that has the broken reference. */
  job: string;
  /** The missing job id. */
  need: string;
}

/** The analysed graph. */
export interface JobGraph {
  /** Job ids in file order. */
  jobs: string[];
  /** Edges `[need, job]`: `need` must finish before `job` starts. Unknown needs are left out. */
  edges: Array<[string, string]>;
  /** `needs` entries naming missing jobs. */
  unknownNeeds: UnknownNeed[];
  /** Jobs that list themselves in `needs`. */
  selfNeeds: string[];
  /** One dependency cycle as a closed path (`['a', 'b', 'a']`), or null when there is none. */
  cycle: string[] | null;
  /** Jobs grouped by the earliest wave in which they can start. */
  waves: string[][];
  /** Jobs that can never start because they are on or behind a cycle. */
  blocked: string[];
}

/** Builds the graph, finds broken references and a cycle, and layers the jobs into waves. */
export function buildJobGraph(jobs: readonly GraphJob[]): JobGraph {
  const ids = jobs.map((j) => j.id);
  const known = new Set(ids);
  const edges: Array<[string, string]> = [];
  const unknownNeeds: UnknownNeed[] = [];
  const selfNeeds: string[] = [];
  const needsOf = new Map<string, string[]>();
  for (const job of jobs) {
    const valid: string[] = [];
    for (const need of job.needs) {
      if (need === job.id) {
        if (!selfNeeds.includes(job.id)) selfNeeds.push(job.id);
      } else if (!known.has(need)) {
        unknownNeeds.push({ job: job.id, need });
      } else if (!valid.includes(need)) {
        valid.push(need);
        edges.push([need, job.id]);
      }
    }
    needsOf.set(job.id, valid);
  }

  // Kahn's algorithm, one layer at a time, keeping file order inside a layer.
  const waves: string[][] = [];
  const placed = new Set<string>();
  let remaining = ids.filter((id) => !selfNeeds.includes(id));
  for (;;) {
    const wave = remaining.filter((id) => (needsOf.get(id) ?? []).every((n) => placed.has(n)));
    if (wave.length === 0) break;
    waves.push(wave);
    for (const id of wave) placed.add(id);
    remaining = remaining.filter((id) => !placed.has(id));
  }
  const blocked = ids.filter((id) => !placed.has(id));
  return {
    jobs: ids,
    edges,
    unknownNeeds,
    selfNeeds,
    cycle: findCycle(ids, needsOf),
    waves,
    blocked,
  };
}

/** Depth-first search with three colours; returns the first cycle found as a closed path. */
function findCycle(
  ids: readonly string[],
  needsOf: ReadonlyMap<string, readonly string[]>,
): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const need of needsOf.get(id) ?? []) {
      const s = state.get(need);
      if (s === 'visiting') {
        // Report the cycle in the direction work flows: need → ... → job → need.
        const loop = stack.slice(stack.indexOf(need)).reverse();
        // Start the path at the job that comes first in the file, so the report is stable.
        const first = loop.reduce(
          (best, id) => (ids.indexOf(id) < ids.indexOf(best) ? id : best),
          loop[0] as string,
        );
        const rotated = [...loop.slice(loop.indexOf(first)), ...loop.slice(0, loop.indexOf(first))];
        return [...rotated, first];
      }
      if (s === undefined) {
        const found = visit(need);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of ids) {
    if (state.get(id) === undefined) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return null;
}

/** All jobs that `job` depends on directly or through other jobs, in file order. */
export function ancestorsOf(graph: JobGraph, job: string): string[] {
  return ancestorsByJob(graph).get(job) ?? [];
}

/** Ancestors of every job at once, computed wave by wave (each job's set is its needs' sets plus the needs). */
export function ancestorsByJob(graph: JobGraph): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const [need, dependent] of graph.edges) {
    const list = parents.get(dependent) ?? [];
    list.push(need);
    parents.set(dependent, list);
  }
  const order = new Map(graph.jobs.map((id, i) => [id, i]));
  const sets = new Map<string, Set<string>>();
  const result = new Map<string, string[]>();
  for (const wave of graph.waves) {
    for (const id of wave) {
      const set = new Set<string>();
      for (const parent of parents.get(id) ?? []) {
        set.add(parent);
        for (const a of sets.get(parent) ?? []) set.add(a);
      }
      sets.set(id, set);
      result.set(
        id,
        [...set].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
      );
    }
  }
  // Jobs on or behind a cycle have no wave; fall back to a plain search for them.
  for (const id of graph.blocked) result.set(id, searchAncestors(parents, graph.jobs, id));
  return result;
}

function searchAncestors(
  parents: ReadonlyMap<string, readonly string[]>,
  jobs: readonly string[],
  job: string,
): string[] {
  const seen = new Set<string>();
  const pending = [...(parents.get(job) ?? [])];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (seen.has(next) || next === job) continue;
    seen.add(next);
    pending.push(...(parents.get(next) ?? []));
  }
  return jobs.filter((id) => seen.has(id));
}

/** Formats a cycle path as `a → b → a`. */
export function formatCycle(cycle: readonly string[]): string {
  return cycle.map((id) => `\`${id}\``).join(' → ');
}
