import { z } from 'zod';

/** Metadata every chapter page carries, from the booklet's summary table. */
export const ChapterMetaSchema = z.strictObject({
  /** Position in the booklet, 1 to 5. */
  number: z.int().min(1).max(5),
  /** What the reader can do after the chapter; shown at its top. */
  objectives: z.array(z.string().min(10)).min(2).max(8),
  /** The core concept column of the summary table. */
  concept: z.string().min(10),
  /** The critical outcome column of the summary table. */
  outcome: z.string().min(10),
  /** Estimated reading time in minutes, widgets excluded. */
  readingMinutes: z.int().min(1).max(120),
});

/** Type of a chapter's metadata. */
export type ChapterMeta = z.infer<typeof ChapterMetaSchema>;

/** The fields the booklet adds to Starlight's frontmatter; `chapter` is absent on non-chapter pages. */
export const chapterFrontmatter = z.object({
  chapter: ChapterMetaSchema.optional(),
});
