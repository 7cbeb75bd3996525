/**
 * Bench entry for the Python labs: how long each notebook took to execute top to bottom with
 * nbclient. The labs' runner (labs/lab_runner.py, via `npm run labs:execute` or the labs' pytest
 * run) records every execution in bench-results/labs.json; this reads that file, it runs nothing.
 * Without the file the entry says "not run". Run alone with `npx tsx scripts/bench/labs.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

/** Where labs/lab_runner.py writes its timings. */
export const LABS_BENCH_FILE = 'bench-results/labs.json';

const labsBench = z.object({
  notebooks: z.record(
    z.string(),
    z.object({
      notebook: z.string(),
      seconds: z.number(),
      code_cells: z.number().int(),
      skipped_cells: z.array(z.string()),
      python: z.string(),
      measured_at: z.string(),
    }),
  ),
});

/** Each notebook's execution time, as recorded by the last run of the labs. */
export async function run(path: string = LABS_BENCH_FILE): Promise<Record<string, unknown>> {
  if (!existsSync(path)) {
    return {
      status: 'not run',
      note: `${path} is missing: run npm run labs:execute or the labs' tests`,
    };
  }
  const parsed = labsBench.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) return { status: 'unreadable', note: `${path}: ${parsed.error.message}` };
  const notebooks = Object.fromEntries(
    Object.entries(parsed.data.notebooks)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([folder, entry]) => [
        folder,
        {
          executionSeconds: entry.seconds,
          codeCells: entry.code_cells,
          skippedCells: entry.skipped_cells.length,
          python: entry.python,
          measuredAt: entry.measured_at,
        },
      ]),
  );
  const total = Object.values(parsed.data.notebooks).reduce((sum, entry) => sum + entry.seconds, 0);
  return {
    status: 'measured',
    source: path,
    totalExecutionSeconds: Number(total.toFixed(3)),
    notebooks,
  };
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  console.log(JSON.stringify(await run(), null, 2));
}
