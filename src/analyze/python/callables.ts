// Library calls that call a function they were given: threads, timers, exit hooks, process targets, executors,
// pools, event loops, schedulers, signal and trace hooks, map/filter. The analysis judges each as a call of that
// function with the arguments the library passes it, so `threading.Timer(30, os.system, [cmd])` is `os.system(cmd)`.
// Names are normalised references (values.ts normalizeRef).
import { DYNAMIC_EXEC, CODE_FROM_PATH, osExecProgramIndex, SPAWN_ARGV, SPAWN_SHELL } from './sinks.js';

/** Where an argument is: by position, by keyword, or either. */
export interface ArgAt {
  pos?: number;
  kw?: string;
}

/** How the library calls the function it was given. */
export type CallArgs =
  /** With the items of one sequence argument (Thread(args=(…))). */
  | { seq: ArgAt }
  /** With the call's remaining positional arguments from an index (atexit.register(f, a, b)). */
  | { rest: number }
  /** Once per item of an iterable argument (map(f, xs)); `star` spreads each item (starmap). */
  | { each: ArgAt; star?: boolean }
  /** With arguments the analysis cannot know (a signal handler's signum and frame). */
  | { unknown: number };

export interface Invocation {
  /** Where the callable is; several for hooks with more than one (os.register_at_fork). */
  fn: ArgAt[];
  args: CallArgs;
  /** Keyword arguments passed as one mapping (Thread(kwargs={…})). */
  kwargs?: ArgAt;
}

const at = (pos?: number, kw?: string): ArgAt => ({ ...(pos !== undefined ? { pos } : {}), ...(kw ? { kw } : {}) });

const EXACT = new Map<string, Invocation>([
  ['threading.Timer', { fn: [at(1, 'function')], args: { seq: at(2, 'args') }, kwargs: at(3, 'kwargs') }],
  ['threading.Thread', { fn: [at(1, 'target')], args: { seq: at(3, 'args') }, kwargs: at(4, 'kwargs') }],
  ['multiprocessing.Process', { fn: [at(1, 'target')], args: { seq: at(3, 'args') }, kwargs: at(4, 'kwargs') }],
  ['_thread.start_new_thread', { fn: [at(0, 'function')], args: { seq: at(1, 'args') }, kwargs: at(2, 'kwargs') }],
  ['atexit.register', { fn: [at(0, 'func')], args: { rest: 1 } }],
  ['unittest.addModuleCleanup', { fn: [at(0, 'function')], args: { rest: 1 } }],
  ['weakref.finalize', { fn: [at(1, 'func')], args: { rest: 2 } }],
  ['operator.call', { fn: [at(0)], args: { rest: 1 } }],
  ['asyncio.to_thread', { fn: [at(0, 'func')], args: { rest: 1 } }],
  ['trio.run', { fn: [at(0)], args: { rest: 1 } }],
  ['anyio.run', { fn: [at(0, 'func')], args: { rest: 1 } }],
  ['anyio.to_thread.run_sync', { fn: [at(0, 'func')], args: { rest: 1 } }],
  ['signal.signal', { fn: [at(1, 'handler')], args: { unknown: 2 } }],
  ['sys.settrace', { fn: [at(0)], args: { unknown: 3 } }],
  ['sys.setprofile', { fn: [at(0)], args: { unknown: 3 } }],
  ['threading.settrace', { fn: [at(0)], args: { unknown: 3 } }],
  ['threading.setprofile', { fn: [at(0)], args: { unknown: 3 } }],
  ['threading.settrace_all_threads', { fn: [at(0)], args: { unknown: 3 } }],
  ['sys.addaudithook', { fn: [at(0, 'hook')], args: { unknown: 2 } }],
  ['os.register_at_fork', { fn: [at(undefined, 'before'), at(undefined, 'after_in_child'), at(undefined, 'after_in_parent')], args: { unknown: 0 } }],
  ['sched.scheduler.enter', { fn: [at(2, 'action')], args: { seq: at(3, 'argument') }, kwargs: at(4, 'kwargs') }],
  ['sched.scheduler.enterabs', { fn: [at(2, 'action')], args: { seq: at(3, 'argument') }, kwargs: at(4, 'kwargs') }],
  ['builtins.map', { fn: [at(0)], args: { each: at(1) } }],
  ['builtins.filter', { fn: [at(0)], args: { each: at(1) } }],
  ['itertools.starmap', { fn: [at(0)], args: { each: at(1), star: true } }],
  ['itertools.filterfalse', { fn: [at(0)], args: { each: at(1) } }],
  ['itertools.takewhile', { fn: [at(0)], args: { each: at(1) } }],
  ['itertools.dropwhile', { fn: [at(0)], args: { each: at(1) } }],
  ['itertools.accumulate', { fn: [at(1, 'func')], args: { unknown: 2 } }],
  ['functools.reduce', { fn: [at(0)], args: { unknown: 2 } }],
  ['builtins.sorted', { fn: [at(undefined, 'key')], args: { each: at(0) } }],
  ['builtins.min', { fn: [at(undefined, 'key')], args: { each: at(0) } }],
  ['builtins.max', { fn: [at(undefined, 'key')], args: { each: at(0) } }],
  ['contextlib.ExitStack.callback', { fn: [at(0, 'callback')], args: { rest: 1 } }],
  ['contextlib.AsyncExitStack.callback', { fn: [at(0, 'callback')], args: { rest: 1 } }],
  ['contextlib.AsyncExitStack.push_async_callback', { fn: [at(0, 'callback')], args: { rest: 1 } }],
  ['concurrent.futures.ThreadPoolExecutor.submit', { fn: [at(0, 'fn')], args: { rest: 1 } }],
  ['concurrent.futures.ThreadPoolExecutor.map', { fn: [at(0, 'fn')], args: { each: at(1) } }],
  ['multiprocessing.Pool.apply', { fn: [at(0, 'func')], args: { seq: at(1, 'args') }, kwargs: at(2, 'kwds') }],
  ['multiprocessing.Pool.apply_async', { fn: [at(0, 'func')], args: { seq: at(1, 'args') }, kwargs: at(2, 'kwds') }],
  ['multiprocessing.Pool.map', { fn: [at(0, 'func')], args: { each: at(1, 'iterable') } }],
  ['multiprocessing.Pool.map_async', { fn: [at(0, 'func')], args: { each: at(1, 'iterable') } }],
  ['multiprocessing.Pool.imap', { fn: [at(0, 'func')], args: { each: at(1, 'iterable') } }],
  ['multiprocessing.Pool.imap_unordered', { fn: [at(0, 'func')], args: { each: at(1, 'iterable') } }],
  ['multiprocessing.Pool.starmap', { fn: [at(0, 'func')], args: { each: at(1, 'iterable'), star: true } }],
  ['multiprocessing.Pool.starmap_async', { fn: [at(0, 'func')], args: { each: at(1, 'iterable'), star: true } }],
  ['multiprocessing.Pool', { fn: [at(1, 'initializer')], args: { seq: at(2, 'initargs') } }],
  ['concurrent.futures.ThreadPoolExecutor', { fn: [at(2, 'initializer')], args: { seq: at(3, 'initargs') } }],
  ['subprocess.Popen', { fn: [at(undefined, 'preexec_fn')], args: { unknown: 0 } }],
  ['subprocess.run', { fn: [at(undefined, 'preexec_fn')], args: { unknown: 0 } }],
  ['subprocess.call', { fn: [at(undefined, 'preexec_fn')], args: { unknown: 0 } }],
  ['subprocess.check_call', { fn: [at(undefined, 'preexec_fn')], args: { unknown: 0 } }],
  ['subprocess.check_output', { fn: [at(undefined, 'preexec_fn')], args: { unknown: 0 } }]
]);

/** Event-loop methods (any loop reached from asyncio, uvloop …) that call a function. */
const LOOP_METHODS = new Map<string, Invocation>([
  ['call_soon', { fn: [at(0, 'callback')], args: { rest: 1 } }],
  ['call_soon_threadsafe', { fn: [at(0, 'callback')], args: { rest: 1 } }],
  ['call_later', { fn: [at(1, 'callback')], args: { rest: 2 } }],
  ['call_at', { fn: [at(1, 'callback')], args: { rest: 2 } }],
  ['run_in_executor', { fn: [at(1, 'func')], args: { rest: 2 } }],
  ['add_signal_handler', { fn: [at(1, 'callback')], args: { rest: 2 } }],
  ['add_reader', { fn: [at(1, 'callback')], args: { rest: 2 } }],
  ['add_writer', { fn: [at(1, 'callback')], args: { rest: 2 } }]
]);

/** How `name` calls a function it is given, or undefined when it does not. */
export function invocationOf(name: string): Invocation | undefined {
  const exact = EXACT.get(name);
  if (exact) return exact;
  const m = /^asyncio\.get_event_loop\.(\w+)$/.exec(name);
  if (m) return LOOP_METHODS.get(m[1] as string);
  return undefined;
}

/** Attributes that hold a hook the interpreter calls on its own (sys.excepthook = f). */
export const HOOK_ATTRS = new Set([
  'sys.excepthook', 'sys.unraisablehook', 'sys.displayhook', 'sys.breakpointhook', 'threading.excepthook', 'sys.__excepthook__',
  'sys.__displayhook__', 'sys.__breakpointhook__', 'sys.__interactivehook__', 'builtins.__import__'
]);

/** Strings a library compiles and runs (timeit's stmt/setup, profile.run …): (code arguments). */
export const CODE_STRING_RUNNERS = new Map<string, ArgAt[]>([
  ['timeit.timeit', [at(0, 'stmt'), at(1, 'setup')]],
  ['timeit.repeat', [at(0, 'stmt'), at(1, 'setup')]],
  ['timeit.Timer', [at(0, 'stmt'), at(1, 'setup')]],
  ['cProfile.run', [at(0, 'statement')]],
  ['cProfile.runctx', [at(0, 'statement')]],
  ['profile.run', [at(0, 'statement')]],
  ['profile.runctx', [at(0, 'statement')]],
  ['pdb.run', [at(0, 'statement')]],
  ['pdb.runeval', [at(0, 'expression')]],
  ['trace.Trace.run', [at(0, 'cmd')]],
  ['trace.Trace.runctx', [at(0, 'cmd')]],
  ['doctest.run_docstring_examples', [at(0, 'f')]]
]);

/** Calls that run a program or code: passing one as a value hands over the power to run. */
export function runsCode(name: string): boolean {
  return SPAWN_ARGV.has(name) || SPAWN_SHELL.has(name) || osExecProgramIndex(name) !== undefined || DYNAMIC_EXEC.has(name) ||
    CODE_FROM_PATH.has(name) || name === 'builtins.__import__' || name === 'importlib.import_module';
}

/** Base classes whose start() calls the subclass's run(). */
export const RUNNABLE_BASES = new Set(['threading.Thread', 'multiprocessing.Process']);
