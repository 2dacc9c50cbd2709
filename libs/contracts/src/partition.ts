/** Partitions unless `FORECASTER_PARTITIONS` says otherwise. */
export const DEFAULT_PARTITIONS = 8;
export const MAX_PARTITIONS = 256;

/**
 * The partition of a resource: FNV-1a (32 bit) of the resource id's UTF-8 bytes, modulo
 * `partitions`. Every (resource, metric) series of a resource lands in one partition, and
 * one replica at a time owns a partition, so each series is handled in order by one replica.
 *
 * WARNING: the partition is part of the subject (`metric.sampled.p<N>…`). Changing this hash
 * or the partition count moves series to other partitions: their new owner rebuilds them
 * only from samples published under the new subjects. Change either only with every
 * service stopped, and expect forecasts to warm up again.
 *
 * @example
 * partitionOf('web-01', 8) // a number in 0..7, the same on every machine and every run
 */
export function partitionOf(resourceId: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(resourceId)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/** Throws unless `partitions` is an integer in 1..{@link MAX_PARTITIONS}. */
export function assertPartitions(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    throw new Error(`partitions must be an integer in 1..${MAX_PARTITIONS}, got ${partitions}`);
  }
}
