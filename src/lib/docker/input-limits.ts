/**
 * Limits and checks for what a reader types into the chapter-2 widgets. Every text field has a
 * maximum, so no input can grow the page without bound (issue 15, finding 9), and every check
 * returns a message for the field, or null when the value is fine. Nothing here throws.
 */

/** Longest accepted input, in characters (UTF-16 code units, as the browser's maxlength counts). */
export const TEXT_LIMITS = {
  /** The Dockerfile editor: the repository's file is about 2,700 characters. */
  dockerfile: 20_000,
  /** The .dockerignore editor (the repository's is about 600 characters; every pattern is
   * matched against every context path, so thousands of patterns would take seconds). */
  dockerignore: 4_000,
  /** A path inside the container (the volumes lab). */
  path: 255,
  /** The content written to that path. */
  content: 1_000,
} as const;

/**
 * Longest name between two slashes, in bytes: NAME_MAX of Linux filesystems such as ext4
 * (limits.h; `getconf NAME_MAX /` prints 255).
 */
export const NAME_MAX_BYTES = 255;

/** A message when `value` is longer than `max` characters, else null. */
export function checkLength(value: string, max: number, what: string): string | null {
  if (value.length <= max) return null;
  return (
    `${what} is ${value.length.toLocaleString('en-US')} characters long; ` +
    `this demo accepts up to ${max.toLocaleString('en-US')}. Shorten it to see new results.`
  );
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checks a file path typed for `docker exec … > path`; relative paths are allowed. */
export function checkContainerPath(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return 'Type a path, for example /app/logs/predictions.log.';
  const long = checkLength(value, TEXT_LIMITS.path, 'The path');
  if (long !== null) return long;
  if (CONTROL.test(value)) return 'The path cannot contain control characters.';
  const encoder = new TextEncoder();
  for (const name of value.split('/')) {
    const bytes = encoder.encode(name).length;
    if (bytes > NAME_MAX_BYTES)
      return `One name in the path is ${bytes} bytes long; Linux allows at most ${NAME_MAX_BYTES} bytes between two slashes.`;
  }
  return null;
}

/** Checks the content to write: any text up to the limit. */
export function checkFileContent(value: string): string | null {
  return checkLength(value, TEXT_LIMITS.content, 'The content');
}
