/**
 * Runs the layer-cache analysis off the main thread: parsing, simulating and linting the reader's
 * Dockerfile takes tens of milliseconds (hundreds on a throttled phone), too long for one
 * main-thread task (issue 16). The page posts the inputs; the worker answers with the analysis.
 */
import { analyzeBuild } from '../../lib/docker/explorer';
import type { BuildAnalysisInput } from '../../lib/docker/explorer';

/** A request: the inputs and an id the answer carries back. */
export interface AnalysisRequest {
  id: number;
  input: BuildAnalysisInput;
}

self.addEventListener('message', (event: MessageEvent<AnalysisRequest>) => {
  const { id, input } = event.data;
  try {
    self.postMessage({ id, analysis: analyzeBuild(input) });
  } catch (error) {
    // The library is written not to throw; if it does, the page shows the reason with Retry.
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
