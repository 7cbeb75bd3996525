/**
 * Terminal text as a notebook front end shows it. Kernels write ANSI colour codes (tracebacks,
 * warnings) and carriage returns (progress bars); a page shows the text they leave on screen.
 */

/**
 * ECMA-48 control sequences: CSI (`ESC [` parameters, intermediates, final byte 0x40–0x7E),
 * OSC (`ESC ]` … BEL or `ESC \`), and two-byte escapes (`ESC` + 0x40–0x5F).
 */
// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;

/** Removes ANSI escape sequences (colours, cursor moves) from terminal text. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/**
 * Applies carriage returns the way a terminal does for whole-line rewrites: on each line, what
 * follows the last `\r` replaced what came before (a progress bar leaves its final state).
 * `\r\n` is an ordinary line end.
 */
export function applyCarriageReturns(text: string): string {
  return text
    .replaceAll('\r\n', '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n');
}

/** Terminal output as plain text to show: escapes removed, carriage returns applied. */
export function terminalText(text: string): string {
  return applyCarriageReturns(stripAnsi(text));
}
