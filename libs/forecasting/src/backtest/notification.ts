/** One notification the backtest would send, in the shape the CLI prints. */
export type BacktestNotification = {
  /** When it would be sent (epoch ms): the time of the sample that caused it. */
  t: number;
  kind: 'forecast' | 'breach' | 'resolved';
  severity: 'info' | 'warning' | 'critical';
  breachAt: number | null;
  model: string;
  /** The series value when it was sent; used by the scoring, not printed. */
  current: number;
};
