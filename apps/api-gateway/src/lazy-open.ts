/**
 * Opens something (a KV bucket) on first use and keeps it; a failed open is retried by the
 * next call (NATS may be down at start; the routes answer 503 meanwhile).
 *
 * @example
 * const controls = lazyOpen(() => openScaleControls(bus));
 * await (await controls()).pauseOf('web');
 */
export function lazyOpen<T>(open: () => Promise<T>): () => Promise<T> {
  let opened: Promise<T> | null = null;
  return () => {
    opened ??= open().catch((error: unknown) => {
      opened = null;
      throw error;
    });
    return opened;
  };
}
