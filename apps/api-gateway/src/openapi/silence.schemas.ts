import { z } from '@hono/zod-openapi';
import { AlertSilence } from '@autoscale/contracts';

export const SilenceState = z.enum(['pending', 'active', 'expired']);
export type SilenceState = z.infer<typeof SilenceState>;

export const Silence = AlertSilence.extend({ state: SilenceState }).openapi('Silence');

export const SilencesResponse = z.object({ silences: z.array(Silence) }).openapi('Silences');

export const SilenceCreated = z.object({ silence: Silence }).openapi('SilenceCreated');
