import { describe, expect, it } from 'vitest';
import { validateGitHubWorkflow } from './github-validate';
import { playbackFrames, type PlaybackFrame } from './playback';
import { ML_PIPELINE_GITHUB, repoText } from './pipeline-fixtures-node';
import { simulateRun } from './simulate';

const text = repoText(ML_PIPELINE_GITHUB);
const validation = validateGitHubWorkflow(text);
if (!validation.workflow) throw new Error('the ML pipeline must validate');
const workflow = validation.workflow;
const JOBS = [
  'lint',
  'unit-tests',
  'train',
  'evaluate',
  'build-and-push',
  'deploy-staging',
  'deploy-production',
];

/** A frame as a compact string per job, e.g. "lint:running unit-tests:queued …". */
function picture(frame: PlaybackFrame): string {
  return JOBS.map((id) => `${id}:${frame.statuses.get(id) ?? '?'}`).join(' ');
}

describe('playbackFrames', () => {
  it('replays a failing run wave by wave: in progress, then outcome; skipped waves need no wait', () => {
    const run = simulateRun(workflow, {
      event: { kind: 'push', branch: 'main' },
      failingSteps: [{ job: 'unit-tests', step: 3 }],
    });
    const frames = playbackFrames(run);
    // Start, lint running, lint done, unit-tests running, unit-tests failed, then five waves of
    // skipped jobs without a held frame, then the final picture.
    expect(frames.map((f) => [f.hold, f.wavesDone])).toEqual([
      [false, 0],
      [true, 0],
      [false, 1],
      [true, 1],
      [false, 2],
      [false, 3],
      [false, 4],
      [false, 5],
      [false, 6],
      [false, 7],
      [false, 7],
    ]);
    expect(picture(frames[0]!)).toBe(JOBS.map((id) => `${id}:queued`).join(' '));
    expect(frames[1]!.message).toBe('Wave 1 of 7: lint in progress…');
    expect(picture(frames[1]!)).toMatch(/^lint:running unit-tests:queued/);
    expect(frames[3]!.message).toBe('Wave 2 of 7: unit-tests in progress…');
    expect(picture(frames[4]!)).toMatch(/^lint:success unit-tests:failure train:queued/);
    expect(picture(frames.at(-1)!)).toBe(
      'lint:success unit-tests:failure train:skipped evaluate:skipped build-and-push:skipped deploy-staging:skipped deploy-production:skipped',
    );
    expect(frames.at(-1)!.message).toBeNull();
  });

  it('resumes after an approval from the waiting wave, earlier waves shown as they ended', () => {
    const run = simulateRun(workflow, {
      event: { kind: 'tag', tag: 'v1.0.0' },
      protectedEnvironments: ['production'],
      approvals: { production: true },
    });
    const frames = playbackFrames(run, 6);
    expect(frames).toHaveLength(4);
    expect(picture(frames[0]!)).toBe(
      `${JOBS.slice(0, 6)
        .map((id) => `${id}:success`)
        .join(' ')} deploy-production:queued`,
    );
    expect(frames[1]).toMatchObject({
      hold: true,
      wavesDone: 6,
      message: 'Wave 7 of 7: deploy-production in progress…',
    });
    expect(frames[1]!.statuses.get('deploy-production')).toBe('running');
    expect(frames[3]!.statuses.get('deploy-production')).toBe('success');
  });

  it('a run that waits for approval holds nothing for the waiting job', () => {
    const run = simulateRun(workflow, {
      event: { kind: 'tag', tag: 'v1.0.0' },
      protectedEnvironments: ['production'],
    });
    const frames = playbackFrames(run);
    expect(frames.filter((f) => f.hold)).toHaveLength(6);
    expect(frames.at(-1)!.statuses.get('deploy-production')).toBe('waiting');
  });

  it('gives a run that did not start only its final (empty) frame; clamps a wild start wave', () => {
    const run = simulateRun(workflow, { event: { kind: 'schedule' } });
    expect(run.conclusion).toBe('not-triggered');
    expect(playbackFrames(run)).toEqual([
      { statuses: new Map(), message: null, hold: false, wavesDone: 7 },
    ]);
    const ran = simulateRun(workflow, { event: { kind: 'push', branch: 'main' } });
    for (const from of [-3, 99, Number.NaN]) {
      const frames = playbackFrames(ran, from);
      expect(Number.isInteger(frames[0]!.wavesDone)).toBe(true);
      expect(frames.at(-1)!.statuses).toEqual(new Map(ran.jobs.map((j) => [j.id, j.status])));
    }
  });
});
