/** One reading of one resource; metrics in percent, a missing metric is absent (not 0). */
export type ResourceSample = {
  resourceId: string;
  ts: Date;
  metrics: { cpu?: number; mem?: number };
  labels?: Record<string, string>;
};

/**
 * A source polled on the collector's interval. `poll` returns the newest reading of each
 * resource; `history` (optional) returns what the source knows of the past, oldest first,
 * and is used once at start so forecasts exist within seconds.
 */
export type PolledProvider = {
  kind: 'polled';
  name: string;
  poll(now: Date): Promise<ResourceSample[]>;
  history?(from: Date, to: Date): Promise<ResourceSample[]>;
  close?(): Promise<void>;
};

/**
 * A source that sets its own pace (a recorded series played back): it yields batches of
 * samples, oldest first, until it is exhausted or `signal` aborts; the collector keeps a
 * bounded window of publishes awaiting their ack and asks for more while there is room.
 */
export type StreamingProvider = {
  kind: 'streaming';
  name: string;
  samples(signal: AbortSignal): AsyncIterable<readonly ResourceSample[]>;
  close?(): Promise<void>;
};

export type MetricsProvider = PolledProvider | StreamingProvider;
