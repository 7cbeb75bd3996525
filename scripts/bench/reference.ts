/**
 * Agreement with the reference tools (issue 12): the counts the Python reference suite (reference/,
 * run by `npm run test:python`) wrote to bench-results/reference.json at its last run — cases
 * compared, cases equal and the largest difference per area and tool. Nothing is measured here;
 * without a previous run the entry says how to produce one.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const file = resolve(import.meta.dirname, '..', '..', 'bench-results', 'reference.json');

/** The reference suite's last agreement report, or a note that there is none yet. */
export async function run(): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { note: 'no bench-results/reference.json yet: run `npm run test:python` first' };
  }
  return JSON.parse(text) as Record<string, unknown>;
}
