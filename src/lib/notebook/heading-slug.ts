/**
 * Heading anchors as the live site computes them. Astro gives every rendered heading an id with
 * GitHub's slug rule (github-slugger): lower-case the text, drop every character that is not a
 * letter, mark, decimal or letter number, connector punctuation (`_`), hyphen or space, turn each space into `-`,
 * and number repeats within a page `-1`, `-2`, … in document order.
 */

/** Characters the slug keeps besides spaces (which become hyphens). */
const SLUG_CHARACTER = /[\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}-]/u;

/** Slug of one heading text, without de-duplication. */
export function headingSlug(text: string): string {
  let slug = '';
  for (const char of text.toLowerCase()) {
    if (char === ' ') slug += '-';
    else if (SLUG_CHARACTER.test(char)) slug += char;
  }
  return slug;
}

/** Hands out unique slugs for the headings of one page, in document order. */
export class HeadingSlugger {
  readonly #occurrences = new Map<string, number>();

  /** The anchor of the next heading with this text on the page. */
  slug(text: string): string {
    const original = headingSlug(text);
    let result = original;
    while (this.#occurrences.has(result)) {
      const count = (this.#occurrences.get(original) ?? 0) + 1;
      this.#occurrences.set(original, count);
      result = `${original}-${count}`;
    }
    this.#occurrences.set(result, 0);
    return result;
  }
}
