/**
 * How the pipeline playground replays a simulated run: wave by wave, the jobs of a wave shown as
 * in progress and then with their outcome, the way a run page fills in. The frames are computed
 * here so that the page only paints them; which wave is on screen also tells a second push how far
 * the first run has come (`wavesDone`).
 */
import type { JobStatus, RunSimulation } from './simulate';

/** What a job box shows at one moment: a final status, or not started / queued / in progress. */
export type ShownStatus = JobStatus | 'idle' | 'queued' | 'running';

/** One picture of the run. */
export interface PlaybackFrame {
  /** Status of every job at this moment. */
  statuses: ReadonlyMap<string, ShownStatus>;
  /** Sentence for the reader while the frame is on screen, or null for the final frame. */
  message: string | null;
  /** True when jobs are in progress, so the player waits before the next frame. */
  hold: boolean;
  /** Waves that have finished when this frame is shown (where a second push would arrive). */
  wavesDone: number;
}

/** Whether a run has jobs to replay (a run that did not start or was rejected has none). */
export function isReplayable(run: RunSimulation): boolean {
  return run.conclusion !== 'not-triggered' && run.conclusion !== 'invalid';
}

/** The run's final statuses, job by job. */
export function finalStatuses(run: RunSimulation): Map<string, ShownStatus> {
  return new Map(run.jobs.map((job) => [job.id, job.status]));
}

/**
 * The frames of a replay starting at wave `fromWave` (0-based): waves before it show their final
 * status at once (they ran before, for example before an approval), later ones start `queued`.
 * Each wave whose jobs ran (succeeded or failed) gets a held "in progress" frame, then a frame
 * with its outcomes; waves whose jobs were all skipped, cancelled or left waiting need no wait.
 * The last frame always shows every job's final status, so a player that stops holding (reduced
 * motion) can jump straight to it.
 */
export function playbackFrames(run: RunSimulation, fromWave = 0): PlaybackFrame[] {
  const final = finalStatuses(run);
  const frames: PlaybackFrame[] = [];
  const waves = run.waves.length;
  if (isReplayable(run)) {
    const start = Number.isFinite(fromWave)
      ? Math.min(Math.max(0, Math.floor(fromWave)), waves)
      : 0;
    const shown = new Map<string, ShownStatus>(
      run.jobs.map((job) => [job.id, job.wave < start ? job.status : 'queued']),
    );
    frames.push({ statuses: new Map(shown), message: null, hold: false, wavesDone: start });
    for (let wave = start; wave < waves; wave++) {
      const jobs = run.jobs.filter((job) => job.wave === wave);
      const started = jobs.filter((job) => job.status === 'success' || job.status === 'failure');
      if (started.length > 0) {
        for (const job of started) shown.set(job.id, 'running');
        frames.push({
          statuses: new Map(shown),
          message: `Wave ${wave + 1} of ${waves}: ${started.map((job) => job.id).join(', ')} in progress…`,
          hold: true,
          wavesDone: wave,
        });
      }
      for (const job of jobs) shown.set(job.id, job.status);
      frames.push({ statuses: new Map(shown), message: null, hold: false, wavesDone: wave + 1 });
    }
  }
  frames.push({ statuses: final, message: null, hold: false, wavesDone: waves });
  return frames;
}
