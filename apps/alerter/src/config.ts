import { z } from 'zod';
import { alertEnv, channelEnv, commonEnv, loadConfigOrExit } from '@autoscale/config';

export const AlerterEnv = z.object({ ...commonEnv, ...alertEnv, ...channelEnv });
export type AlerterConfig = z.infer<typeof AlerterEnv>;

export const loadAlerterConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfigOrExit('alerter', AlerterEnv, env);
