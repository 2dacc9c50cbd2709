import { bodyLimit } from 'hono/body-limit';
import { errorBody } from './api-error';

/** The largest request body the API reads: every body it takes is a small JSON object. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Refuses a body over {@link MAX_BODY_BYTES} with 413 and the product's error shape before it
 * is read whole: at once when `Content-Length` says so, otherwise as soon as the streamed
 * body passes the limit (hono's body-limit middleware).
 *
 * @example
 * app.use('/api/*', limitBody());
 */
export const limitBody = () =>
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('payload_too_large', `the body must be at most ${MAX_BODY_BYTES / 1024} KB`), 413),
  });
