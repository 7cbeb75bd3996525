/**
 * Globals whose mere call, during unpickling, does something a reader would not want a data file
 * to do: run a shell command, start a program, evaluate code, touch files or the network. The
 * list is illustrative, not exhaustive: any importable callable can be abused, which is why the
 * disassembler flags every call, and only words these ones more strongly.
 */

/** Why calling a known-dangerous global matters, plus the name a reader knows it by. */
export interface DangerousGlobal {
  /** What calling it does, in plain words (completes "it …"). */
  effect: string;
  /** The familiar spelling, when pickle records a different module (posix.system is os.system). */
  knownAs: string;
}

const SHELL = 'runs a shell command';
const PROGRAM = 'starts another program';
const CODE = 'runs Python code given as text';

// Pickle records the module that *defines* a function, so os.system is written as posix.system
// on Linux and macOS and as nt.system on Windows; the three spellings must all match.
const OS_MODULES = ['os', 'posix', 'nt'];

const exact = new Map<string, DangerousGlobal>();
const add = (modules: string[], names: string[], effect: string, knownAsModule?: string) => {
  for (const module of modules) {
    for (const name of names) {
      exact.set(`${module}.${name}`, { effect, knownAs: `${knownAsModule ?? module}.${name}` });
    }
  }
};

add(OS_MODULES, ['system'], SHELL, 'os');
add(OS_MODULES, ['popen'], 'runs a shell command and reads its output', 'os');
add(
  OS_MODULES,
  ['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe'],
  'replaces the running Python process with another program',
  'os',
);
add(
  OS_MODULES,
  [
    'spawnl',
    'spawnle',
    'spawnlp',
    'spawnlpe',
    'spawnv',
    'spawnve',
    'spawnvp',
    'spawnvpe',
    'posix_spawn',
    'posix_spawnp',
    'fork',
    'forkpty',
  ],
  PROGRAM,
  'os',
);
add(
  OS_MODULES,
  ['remove', 'unlink', 'rmdir', 'removedirs', 'rename', 'replace', 'truncate', 'chmod', 'chown'],
  'changes or deletes files',
  'os',
);
add(OS_MODULES, ['kill', 'killpg'], 'sends a signal to another process', 'os');
add(OS_MODULES, ['putenv', 'unsetenv'], 'changes environment variables', 'os');
add(['builtins', '__builtin__'], ['eval', 'exec', 'execfile'], CODE, 'builtins');
add(['builtins', '__builtin__'], ['compile'], 'compiles Python code given as text', 'builtins');
add(['builtins', '__builtin__'], ['__import__'], 'imports any module by name', 'builtins');
add(
  ['builtins', '__builtin__'],
  ['getattr', 'setattr', 'delattr'],
  'reaches any attribute of any object, the usual bridge to functions such as os.system',
  'builtins',
);
add(
  ['builtins', '__builtin__', 'io', '_io'],
  ['open'],
  'opens a file for reading or overwriting',
  'builtins',
);
add(['builtins', '__builtin__'], ['file'], 'opens a file for reading or overwriting', 'builtins');
add(['importlib'], ['import_module'], 'imports any module by name');
add(['pty'], ['spawn'], PROGRAM);
add(['runpy'], ['run_path', 'run_module', '_run_code', '_run_module_code'], CODE);
add(['code'], ['interact', 'InteractiveInterpreter', 'InteractiveConsole'], CODE);
add(
  ['shutil'],
  ['rmtree', 'move', 'copy', 'copyfile', 'copytree', 'chown'],
  'changes or deletes files',
);
add(
  ['socket'],
  ['socket', 'create_connection', 'create_server', 'fromfd'],
  'opens a network connection',
);
add(['urllib.request'], ['urlopen', 'urlretrieve'], 'fetches a URL over the network');
add(['webbrowser'], ['open', 'open_new', 'open_new_tab'], 'opens a web page');
add(
  ['pickle', '_pickle', 'cPickle', 'dill', 'marshal'],
  ['loads', 'load'],
  'loads another serialized object, which can itself run code',
);
add(['types'], ['CodeType', 'FunctionType'], 'builds a function from raw code');
add(
  ['operator'],
  ['attrgetter', 'methodcaller'],
  'reaches any attribute or method, a common exploit building block',
);
add(['commands'], ['getoutput', 'getstatusoutput'], SHELL);

// Whole modules whose every callable starts programs or calls native code.
const wholeModules = new Map<string, string>([
  ['subprocess', PROGRAM],
  ['ctypes', 'calls native machine code'],
  ['_ctypes', 'calls native machine code'],
]);

/**
 * Looks up `module.name` in the list of known-dangerous globals; `null` when it is not listed
 * (which does not make it safe, only unlisted).
 */
export function lookupDangerousGlobal(module: string, name: string): DangerousGlobal | null {
  const hit = exact.get(`${module}.${name}`);
  if (hit) return hit;
  const root = module.split('.')[0] ?? module;
  const effect = wholeModules.get(module) ?? wholeModules.get(root);
  return effect ? { effect, knownAs: `${module}.${name}` } : null;
}
