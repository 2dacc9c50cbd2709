import { authHeader } from './token-store';

/** The same headers as a JSON read of the client without an ETag (`getConditional(path, schema, null)`). */
const READ_HEADERS = { accept: 'application/json' };

// early.ts and main.ts are two bundles, each with its own copy of this module: the reads live
// on the page's global object, one map for both; null once the first view has rendered.
const EARLY_READS = Symbol.for('autoscale.earlyReads');
const holder = globalThis as typeof globalThis & { [EARLY_READS]?: Map<string, Promise<Response>> | null };
const reads = () => (holder[EARLY_READS] === undefined ? (holder[EARLY_READS] = new Map()) : holder[EARLY_READS]);

/**
 * Starts a read before the page's main bundle has loaded (with the kept token, never in the
 * URL): the first read of `path` made once it has loaded gets this answer instead of asking again.
 *
 * @example
 * readEarly('/api/resources?limit=50'); // in early.ts, which runs before main.ts has loaded
 */
export function readEarly(path: string) {
  const early = reads();
  // main.ts got here first (early.ts loaded late): its view has made its own reads.
  if (!early) return;
  const answer = fetch(path, { headers: { ...READ_HEADERS, ...authHeader() } });
  // A read left unused (forgetEarlyReads) must not report its failure as unhandled.
  answer.catch(() => undefined);
  early.set(path, answer);
}

/** The early read of `path`, once: a second call (a refresh) reads afresh. */
export function takeEarly(path: string): Promise<Response> | undefined {
  const answer = reads()?.get(path);
  reads()?.delete(path);
  return answer;
}

/**
 * Once the first view has rendered: drops the reads it did not take (the route changed
 * meanwhile), never served later as fresh, and starts no more.
 */
export function forgetEarlyReads() {
  holder[EARLY_READS] = null;
}
