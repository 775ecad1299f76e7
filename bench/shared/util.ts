/**
 * Small helpers every benchmark uses: the clock, progress output, timeouts,
 * and the clean-up registry that the normal end, an error, the overall
 * timeout and Ctrl-C all go through.
 */

export const now = (): number => performance.now();

/** Progress goes to stderr so `--json` keeps stdout machine-readable. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** A `BusLogger` for benchmark buses: silent, but warnings and errors show up in the progress output. */
export const busLogger = {
  log: (): void => undefined,
  warn: (m: string): void => progress(`bus warn: ${m}`),
  error: (m: string): void => progress(`bus error: ${m}`),
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves with `p`, or rejects after `ms` (the timer does not keep the process alive). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `count()` every 100 ms until it reaches `target`; fails when it has not moved for `stallMs`. */
export async function waitForCount(
  count: () => Promise<number>,
  target: number,
  stallMs: number,
  what: string,
): Promise<{ at: number }> {
  let last = -1;
  let movedAt = now();
  for (;;) {
    const n = await count();
    const at = now();
    if (n >= target) return { at };
    if (n !== last) {
      last = n;
      movedAt = at;
    } else if (at - movedAt > stallMs) {
      throw new Error(`${what}: stuck at ${n} of ${target} for ${stallMs / 1000} s`);
    }
    await sleep(100);
  }
}

// ---- clean-up registry ------------------------------------------------------

type Cleanup = { name: string; run: () => Promise<unknown> };
const cleanups: Cleanup[] = [];

/**
 * Registers clean-up work (run last-in first-out, each bounded to 15 s);
 * returns a function that runs it now and unregisters it.
 */
export function onCleanup(name: string, run: () => Promise<unknown>): () => Promise<void> {
  const entry: Cleanup = { name, run };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i === -1) return;
    cleanups.splice(i, 1);
    await runOne(entry);
  };
}

async function runOne(entry: Cleanup): Promise<void> {
  try {
    await withTimeout(Promise.resolve().then(entry.run), 15_000, `clean-up "${entry.name}"`);
  } catch (error) {
    progress(`clean-up "${entry.name}" failed: ${(error as Error).message}`);
  }
}

/** Runs every registered clean-up, newest first. */
export async function runAllCleanups(): Promise<void> {
  for (let entry = cleanups.pop(); entry; entry = cleanups.pop()) await runOne(entry);
}

let aborting: Promise<void> | null = null;

/**
 * Cleans up (children, connections, queues, exchanges, test databases) and
 * exits with `code`; bounded to 30 s even if a clean-up hangs. Later calls
 * (the main flow failing because clean-up closed its connections) wait for the
 * first one instead of exiting early.
 */
export async function abort(reason: string, code: number): Promise<never> {
  if (!aborting) {
    progress(`aborting: ${reason}`);
    setTimeout(() => process.exit(code), 30_000).unref();
    aborting = runAllCleanups().then(() => process.exit(code));
  }
  await aborting;
  return process.exit(code);
}
