import { describe, expect, it } from 'vitest';
import { applyCarriageReturns, stripAnsi, terminalText } from './text';

describe('stripAnsi', () => {
  it('removes the colour codes IPython puts in a traceback', () => {
    // As IPython 8 writes the first lines of a ValueError traceback (colours on, then reset).
    const line = '\u001b[0;31mValueError\u001b[0m                                Traceback';
    expect(stripAnsi(line)).toBe('ValueError                                Traceback');
    expect(stripAnsi('\u001b[1;32m--->\u001b[39m 1 x')).toBe('---> 1 x');
  });

  it('removes OSC hyperlinks and two-byte escapes but keeps ordinary text', () => {
    expect(stripAnsi('\u001b]8;;https://x.test\u0007link\u001b]8;;\u0007')).toBe('link');
    expect(stripAnsi('a\u001bMb')).toBe('ab');
    expect(stripAnsi('plain [0;31m text')).toBe('plain [0;31m text');
  });
});

describe('applyCarriageReturns', () => {
  it('keeps what a progress bar leaves on screen', () => {
    expect(applyCarriageReturns('10%\r50%\r100%\ndone\n')).toBe('100%\ndone\n');
  });
  it('treats CRLF as a line end', () => {
    expect(applyCarriageReturns('a\r\nb')).toBe('a\nb');
  });
});

describe('terminalText', () => {
  it('strips escapes before applying carriage returns', () => {
    expect(terminalText('\u001b[32m1/2\u001b[0m\r\u001b[32m2/2\u001b[0m')).toBe('2/2');
  });
});
