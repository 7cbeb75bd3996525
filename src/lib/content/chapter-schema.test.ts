import { describe, expect, it } from 'vitest';
import { ChapterMetaSchema } from './chapter-schema';

const good = {
  number: 3,
  objectives: ['Serve a model behind an API', 'Validate every request at the edge'],
  concept: 'REST APIs with validation',
  outcome: 'A service that rejects bad input',
  readingMinutes: 20,
};

describe('ChapterMetaSchema', () => {
  it('accepts a complete chapter block', () => {
    expect(ChapterMetaSchema.parse(good)).toEqual(good);
  });

  it('names the field that is wrong', () => {
    const result = ChapterMetaSchema.safeParse({ ...good, number: 9 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['number']);
  });

  it('rejects unknown keys so typos do not pass silently', () => {
    const result = ChapterMetaSchema.safeParse({ ...good, objectivs: [] });
    expect(result.success).toBe(false);
  });

  it('requires at least two objectives', () => {
    expect(
      ChapterMetaSchema.safeParse({ ...good, objectives: ['Only one objective'] }).success,
    ).toBe(false);
  });
});
