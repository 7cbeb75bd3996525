import { describe, expect, it } from 'vitest';
import { figureInstanceId } from './figure-ids';

describe('figureInstanceId', () => {
  it('numbers repeated figures on one page and starts again on the next page', () => {
    const pageA = {};
    const pageB = {};
    expect(figureInstanceId(pageA, 'fig-cicd')).toBe('fig-cicd');
    expect(figureInstanceId(pageA, 'fig-cicd')).toBe('fig-cicd-2');
    expect(figureInstanceId(pageA, 'fig-layers')).toBe('fig-layers');
    expect(figureInstanceId(pageA, 'fig-cicd')).toBe('fig-cicd-3');
    expect(figureInstanceId(pageB, 'fig-cicd')).toBe('fig-cicd');
  });
});
