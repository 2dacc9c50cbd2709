import { memorySuite as generate } from '@autoscale/forecasting';
import type { NamedSeries } from './csv.reader';

/** The library's synthetic memory suite as named series for the backtest. @example memorySuite().length; */
export function memorySuite(): NamedSeries[] {
  return generate().map((s) => ({ name: s.name, samples: s.samples }));
}
