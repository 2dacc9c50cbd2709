import { openScaleControls } from '@autoscale/bus';
import type { ScaleControls } from '@autoscale/bus';
import type { GatewayDeps } from '../deps';
import { lazyOpen } from '../lazy-open';

/** The per-target pauses bucket, opened on first use and kept. */
export const lazyScaleControls = ({ nc, names }: Pick<GatewayDeps, 'nc' | 'names'>): (() => Promise<ScaleControls>) =>
  lazyOpen(() => openScaleControls(nc, names.kv.scaleControls));
