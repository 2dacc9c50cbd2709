import { trackConsumerProgress } from '@autoscale/bus';
import type { GatewayDeps } from './deps';

/**
 * The pipeline's progress as the gateway reports it: a durable is stalled when it held
 * messages and its ack floor did not move for two lease TTLs — by then its partition
 * should have been handed over (a replica gives up a stalled partition after two TTLs).
 *
 * @example
 * const progress = gatewayProgress({ nc, names, config });
 * setInterval(() => void progress.read(), 5_000);
 */
export const gatewayProgress = (deps: Pick<GatewayDeps, 'nc' | 'names' | 'config'>) =>
  trackConsumerProgress(deps.nc, deps.names, { stallMs: 2 * deps.config.PARTITION_LEASE_TTL_SEC * 1000 });
