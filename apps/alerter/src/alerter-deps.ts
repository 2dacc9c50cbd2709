import type { BusNames, ChannelName, SuppressedReason } from '@autoscale/contracts';
import type { Publisher } from '@autoscale/bus';
import type { AlertRuleParams } from '@autoscale/forecasting';
import type { Counters, Logger } from '@autoscale/observability';
import type { AlertStore } from './alert-store';
import type { AlertDraft } from './channels/channel';

/** What deciding needs (the forecast handler, the outbox flush, the unsent catch-up): wired by main.ts and the test harness. */
export type AlerterDeps = {
  store: AlertStore;
  /** The channels a series' notifications are enqueued for (all configured, or its rule's). */
  channelsFor: (
    resourceId: string,
    metric: string,
    labels?: Readonly<Record<string, string>>,
  ) => readonly ChannelName[];
  /** The rule parameters in force for one series (global, or from the rules file). */
  paramsFor: (resourceId: string, metric: string, labels?: Readonly<Record<string, string>>) => AlertRuleParams;
  names: BusNames;
  publish: Publisher;
  log: Logger;
  counters: Counters;
  /** Forecasts older than this are decided but never delivered (`suppressed: stale`). */
  maxAgeMs: number;
  /** Forecasts dated more than this after `now()` are refused. */
  maxSkewMs: number;
  /** Why a notification must not be sent now (a silence or an ack), or null. */
  muted: (alert: AlertDraft, now: number) => Promise<SuppressedReason | null>;
  now?: () => number;
};
