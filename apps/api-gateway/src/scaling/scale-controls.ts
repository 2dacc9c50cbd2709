import { openScaleControls } from '@autoscale/bus';
import type { ScaleControls } from '@autoscale/bus';
import type { GatewayDeps } from '../deps';
import { lazyOpen } from '../lazy-open';

/** The per-target pauses bucket, opened on first use and kept (with the bus's replicas). */
export const lazyScaleControls = ({ bus }: Pick<GatewayDeps, 'bus'>): (() => Promise<ScaleControls>) =>
  lazyOpen(() => openScaleControls(bus));
