import { describe, expect, it } from 'vitest';
import { lookupDangerousGlobal } from './dangerous-globals';

describe('lookupDangerousGlobal', () => {
  it('recognizes os.system under the module names pickle records on each platform', () => {
    for (const module of ['os', 'posix', 'nt']) {
      expect(lookupDangerousGlobal(module, 'system')).toEqual({
        effect: 'runs a shell command',
        knownAs: 'os.system',
      });
    }
  });

  it('covers code evaluation, whole dangerous modules and getattr gadgets', () => {
    expect(lookupDangerousGlobal('builtins', 'eval')?.effect).toMatch(/Python code/);
    expect(lookupDangerousGlobal('__builtin__', 'exec')?.knownAs).toBe('builtins.exec');
    expect(lookupDangerousGlobal('subprocess', 'Popen')?.effect).toBe('starts another program');
    expect(lookupDangerousGlobal('subprocess', 'check_output')).not.toBeNull();
    expect(lookupDangerousGlobal('ctypes.util', 'find_library')?.effect).toMatch(/native/);
    expect(lookupDangerousGlobal('builtins', 'getattr')?.effect).toMatch(/os\.system/);
  });

  it('leaves ordinary globals unlisted', () => {
    expect(lookupDangerousGlobal('collections', 'OrderedDict')).toBeNull();
    expect(lookupDangerousGlobal('__main__', 'SoftmaxClassifier')).toBeNull();
    expect(lookupDangerousGlobal('numpy.core.multiarray', '_reconstruct')).toBeNull();
    expect(lookupDangerousGlobal('os', 'path')).toBeNull();
  });
});
