import { authHeader } from './token-store';

/** The same headers as a JSON read of the client without an ETag (`getConditional(path, schema, null)`). */
const READ_HEADERS = { accept: 'application/json' };

const early = new Map<string, Promise<Response>>();

/**
 * Starts a read before the page's code has loaded (with the kept token, never in the URL): the
 * first read of `path` made once it has loaded gets this answer instead of asking again.
 *
 * @example
 * readEarly('/api/resources?limit=50'); // in the entry, before the rest of the page is imported
 */
export function readEarly(path: string) {
  const answer = fetch(path, { headers: { ...READ_HEADERS, ...authHeader() } });
  // A read left unused (forgetEarlyReads) must not report its failure as unhandled.
  answer.catch(() => undefined);
  early.set(path, answer);
}

/** The early read of `path`, once: a second call (a refresh) reads afresh. */
export function takeEarly(path: string): Promise<Response> | undefined {
  const answer = early.get(path);
  early.delete(path);
  return answer;
}

/** Drops reads the first view did not take (the route changed meanwhile): never served later as fresh. */
export function forgetEarlyReads() {
  early.clear();
}
