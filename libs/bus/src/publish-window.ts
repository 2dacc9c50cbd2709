import { DEFAULT_PUBLISH_IN_FLIGHT } from './publish';

/**
 * Publishes (or any acked sends) with at most `inFlight` awaiting their ack at once: a
 * producer `await`s {@link PublishWindow.submit}, which returns as soon as there is room, so
 * the wire stays full while memory stays bounded. Tasks given the same `key` (a series) run
 * one after the other, each started only once the one before it settled, so a task that
 * retries inside itself can never let a newer one of its series be stored first. The first
 * failure is kept: `submit` and `flush` throw it, and nothing more is started.
 *
 * @example
 * const window = createPublishWindow(256);
 * for (const s of samples) await window.submit(() => publishEvent(js, subjectOf(s), s, idOf(s)), s.resourceId);
 * await window.submitAll(batch.map((s) => ({ task: () => publishEvent(js, subjectOf(s), s, idOf(s)), key: s.resourceId })));
 * await window.flush();
 */
export function createPublishWindow(inFlight = DEFAULT_PUBLISH_IN_FLIGHT) {
  const pending = new Set<Promise<void>>();
  const tails = new Map<string, Promise<void>>();
  let failure: { error: unknown } | undefined;

  function throwIfFailed() {
    if (failure) throw failure.error;
  }

  /** Starts a task now (there is room): synchronous, so tasks started together leave in one socket write. */
  function start(task: () => Promise<unknown>, key?: string) {
    const before = key === undefined ? undefined : tails.get(key);
    const run = before ? before.then(() => (failure ? undefined : task())) : task();
    const done: Promise<void> = run
      .then(
        () => undefined,
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .finally(() => {
        pending.delete(done);
        if (key !== undefined && tails.get(key) === done) tails.delete(key);
      });
    pending.add(done);
    if (key !== undefined) tails.set(key, done);
  }

  async function room() {
    while (pending.size >= inFlight) await Promise.race(pending);
    throwIfFailed();
  }

  return {
    async submit(task: () => Promise<unknown>, key?: string): Promise<void> {
      await room();
      start(task, key);
    },
    /**
     * {@link submit} for each, in order, without yielding while there is room: nats.js sends
     * what was published in one tick as one socket write, where awaiting each submit costs a
     * write (a system call) per publish.
     */
    async submitAll(tasks: Iterable<{ task: () => Promise<unknown>; key?: string }>): Promise<void> {
      for (const { task, key } of tasks) {
        if (pending.size >= inFlight || failure) await room();
        start(task, key);
      }
    },
    /** Resolves when everything submitted is acked; throws the first failure. */
    async flush(): Promise<void> {
      while (pending.size > 0) await Promise.all(pending);
      throwIfFailed();
    },
    get inFlight() {
      return pending.size;
    },
  };
}

export type PublishWindow = ReturnType<typeof createPublishWindow>;
