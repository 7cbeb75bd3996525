/**
 * Test helper: fast-check generators of Dockerfile-like text for the property tests of the parser,
 * the linter and the layer-cache simulator, built from one vocabulary of small pieces (keywords,
 * flags, variables, heredocs, quotes, escapes and line breaks) so that, run together, they make
 * plausible and broken instructions. Only tests import this file (fast-check is a dev dependency).
 */
import fc from 'fast-check';

const DOCKERFILE_TOKENS = [
  // Instruction keywords, bare and followed by their space.
  'FROM',
  'RUN',
  'COPY',
  'ARG',
  'ENV',
  'AS',
  'FROM ',
  'RUN ',
  'COPY ',
  'ADD ',
  'ARG ',
  'ENV ',
  'WORKDIR ',
  'USER ',
  'EXPOSE 80',
  ' AS ',
  // Flags.
  '--from=',
  '--from=0',
  '--mount=type=bind,source=.',
  '--mount=type=cache',
  '--parents',
  '--exclude=*.md',
  // Variables.
  '$',
  '$A',
  '${A',
  '${A:-x}',
  '=',
  // Heredocs.
  '<<EOF',
  '<<-X',
  'EOF',
  // Comments and the escape directive.
  '#',
  '# escape=`',
  // Brackets, quotes and escapes.
  '[',
  ']',
  '"',
  "'",
  '\\',
  '`',
  // Words and paths.
  'a',
  'b',
  'x',
  '0',
  '1',
  '.',
  '/',
  '*',
  // White space and line breaks.
  ' ',
  '\t',
  '\n',
];

/** One piece of a Dockerfile. */
export const dockerfileToken = fc.constantFrom(...DOCKERFILE_TOKENS);

/** Up to `maxTokens` pieces run together: a fragment of a Dockerfile, possibly several lines. */
export function dockerfileFragment(maxTokens: number): fc.Arbitrary<string> {
  return fc.array(dockerfileToken, { maxLength: maxTokens }).map((parts) => parts.join(''));
}

/** Up to `maxLines` fragments of up to `maxTokensPerLine` pieces, one a line. */
export function dockerfileLines(maxLines: number, maxTokensPerLine: number): fc.Arbitrary<string> {
  return fc
    .array(dockerfileFragment(maxTokensPerLine), { maxLength: maxLines })
    .map((lines) => lines.join('\n'));
}
