import { openSilenceStore } from '@autoscale/alert-stores';
import type { SilenceStore } from '@autoscale/alert-stores';
import type { GatewayDeps } from './deps';
import { lazyOpen } from './lazy-open';

/** The silences bucket, opened on first use and kept (see {@link lazyOpen}). */
export const lazySilenceStore = ({ bus }: Pick<GatewayDeps, 'bus'>): (() => Promise<SilenceStore>) =>
  lazyOpen(() => openSilenceStore(bus));
