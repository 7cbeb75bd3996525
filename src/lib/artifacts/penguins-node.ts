/** Node-side helper: the default penguin artifact built from the installed vega-datasets, memoized. */
import { readVegaDataText } from '../data/vega-files-node';
import { buildPenguinArtifact, type PenguinArtifact } from './penguins-artifact';

let memo: Promise<PenguinArtifact> | null = null;

/** Trains and encodes the default model once per process. */
export function defaultPenguinArtifact(): Promise<PenguinArtifact> {
  memo ??= readVegaDataText('penguins.json').then((text) => buildPenguinArtifact(JSON.parse(text)));
  return memo;
}
