import { createHash } from 'node:crypto';

/** A serialised answer and its ETag (a hash of the bytes). */
export type SharedBody = { body: string; etag: string };

type Read = SharedBody & { readAt: number };

/**
 * Answers read at most once per `maxAgeMs / 2` per key and shared, already serialised, by
 * every caller asking the same thing: past half its age a body is still served while the
 * next one is read in the background, so under steady traffic no request waits for
 * PostgreSQL; nothing older than `maxAgeMs` (counted from when its read started) is ever
 * served. At most `maxKeys` answers are kept (the least recently read go first).
 *
 * @example
 * const pages = sharedReads({ maxAgeMs: 1_000, maxKeys: 256 });
 * const { body, etag } = await pages(JSON.stringify(query), () => readPage(query));
 */
export function sharedReads(opts: { maxAgeMs: number; maxKeys: number }) {
  const reads = new Map<string, Read>();
  const reading = new Map<string, Promise<Read>>();

  function readNow(key: string, read: () => Promise<unknown>): Promise<Read> {
    const inFlight = reading.get(key);
    if (inFlight) return inFlight;
    const readAt = Date.now();
    const next = read()
      .then((value) => {
        const body = JSON.stringify(value);
        const done = { body, etag: etagOf(body), readAt };
        reads.delete(key);
        reads.set(key, done);
        if (reads.size > opts.maxKeys) reads.delete(reads.keys().next().value!);
        return done;
      })
      .finally(() => reading.delete(key));
    reading.set(key, next);
    return next;
  }

  /** The answer to `key`, read with `read` when none young enough is kept. */
  return async (key: string, read: () => Promise<unknown>): Promise<SharedBody> => {
    const last = reads.get(key);
    const age = last ? Date.now() - last.readAt : Infinity;
    if (!last || age >= opts.maxAgeMs) return readNow(key, read);
    // A failed background read is not this caller's: the next one past the age limit sees it.
    if (age >= opts.maxAgeMs / 2) readNow(key, read).catch(() => undefined);
    return last;
  };
}

/** A strong ETag of a body: the same bytes, the same tag. */
export const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
