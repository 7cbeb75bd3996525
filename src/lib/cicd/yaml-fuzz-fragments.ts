/**
 * Test helper: YAML's structural characters and indicators (flow brackets, quotes, anchors and
 * aliases, document markers, comments, tabs), the pieces that, shuffled into workflow text, make
 * plausible but broken YAML. Shared by the workflow and playground fuzz properties.
 */
export const YAML_PUNCTUATION: readonly string[] = [
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  ': ',
  '- ',
  '&a ',
  '*a ',
  '---\n',
  '#',
  '\t',
  '\n',
  '  ',
];
