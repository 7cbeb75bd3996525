import { describe, expect, it } from 'vitest';
import { HeadingSlugger, headingSlug } from './heading-slug';

describe('headingSlug', () => {
  it('lower-cases, drops punctuation and turns each space into a hyphen', () => {
    expect(headingSlug('Why ONNX?')).toBe('why-onnx');
    expect(headingSlug('Step 1: train & export')).toBe('step-1-train--export');
    expect(headingSlug('a.b/c (d) [e] {f}')).toBe('abc-d-e-f');
    expect(headingSlug('keep_under-score')).toBe('keep_under-score');
  });

  it('keeps letters of any script and drops symbols and emoji', () => {
    expect(headingSlug('Café naïve')).toBe('café-naïve');
    expect(headingSlug('Emoji 🚀 rocket')).toBe('emoji--rocket');
    expect(headingSlug('$100 €')).toBe('100-');
  });
});

describe('HeadingSlugger', () => {
  it('numbers repeated headings in document order', () => {
    const slugger = new HeadingSlugger();
    expect(slugger.slug('Results')).toBe('results');
    expect(slugger.slug('Results')).toBe('results-1');
    expect(slugger.slug('Results')).toBe('results-2');
    // A heading whose own slug was already handed out as a suffix gets the next free number.
    expect(slugger.slug('results-1')).toBe('results-1-1');
  });
});
