import { openSilenceStore } from '@autoscale/bus';
import type { SilenceStore } from '@autoscale/bus';
import type { GatewayDeps } from './deps';
import { lazyOpen } from './lazy-open';

/** The silences bucket, opened on first use and kept (see {@link lazyOpen}). */
export const lazySilenceStore = ({ nc, names }: Pick<GatewayDeps, 'nc' | 'names'>): (() => Promise<SilenceStore>) =>
  lazyOpen(() => openSilenceStore(nc, names.kv.alertSilences));
