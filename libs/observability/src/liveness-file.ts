import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Logger } from 'pino';

export type LivenessFileOptions = {
  /** The file to keep fresh (LIVENESS_FILE); undefined turns liveness off. */
  file: string | undefined;
  /** Resolves while the service can work, e.g. a NATS round trip (`() => nc.flush()`). */
  check: () => Promise<unknown>;
  /** The service's own loops (consume, poll): once one of them settles, the file is removed. */
  until?: Array<Promise<unknown>>;
  /** How often the check runs and the file is rewritten; default 5 s. */
  intervalMs?: number;
  log?: Logger;
};

/**
 * For services without HTTP: rewrites `file` with the current time (epoch ms) every
 * `intervalMs` while `check` succeeds within that interval and none of the `until` loops has
 * ended. A probe (`node scripts/probe-liveness.mjs <file> <maxAgeSec>`, run by Kubernetes
 * and Compose) then fails when the file grows old: the process is stuck (a blocked event
 * loop never runs the timer), lost NATS, or its loop died. The write is atomic (rename), so
 * the probe never reads half a number. `stop()` removes the file.
 *
 * @example
 * startLivenessFile({ file: config.LIVENESS_FILE, check: () => nc.flush(), until: [loop.done], log });
 */
export function startLivenessFile(opts: LivenessFileOptions): { stop(): void } {
  const file = opts.file;
  if (!file) return { stop: () => undefined };
  const intervalMs = opts.intervalMs ?? 5000;
  let stopped = false;
  let failing = false;

  const remove = () => rmSync(file, { force: true });
  const stop = () => {
    stopped = true;
    clearInterval(timer);
    remove();
  };
  // A file left by a previous process in the same pod (an emptyDir outlives the container)
  // must not vouch for this one.
  remove();

  const tick = async () => {
    const ok = await withinInterval(opts.check(), intervalMs);
    if (stopped) return;
    if (ok) {
      writeFileSync(`${file}.tmp`, String(Date.now()));
      renameSync(`${file}.tmp`, file);
    }
    if (ok === failing)
      opts.log?.[ok ? 'info' : 'warn']({ file }, ok ? 'liveness check passes again' : 'liveness check failing');
    failing = !ok;
  };
  const timer = setInterval(
    () => void tick().catch((error: unknown) => opts.log?.warn({ err: error, file }, 'liveness file not written')),
    intervalMs,
  );
  // Liveness must never keep a stopping process alive.
  timer.unref();
  void tick().catch(() => undefined);
  for (const loop of opts.until ?? []) {
    const ended = () => {
      if (stopped) return;
      opts.log?.warn({ file }, 'service loop ended; liveness file removed');
      stop();
    };
    loop.then(ended, ended);
  }
  return { stop };
}

async function withinInterval(check: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      check.then(
        () => true,
        () => false,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
