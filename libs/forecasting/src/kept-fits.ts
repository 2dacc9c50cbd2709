import type { FittedModel } from './models/model';

export type Fits = { series: object; current: FittedModel | null; leak: FittedModel | null };

/**
 * The fits of the series added to last, a few of them: a sample's metrics are added and then
 * forecast one after the other, and forecasts are asked once per threshold. Kept here, not
 * in each series (~1 KiB of closures and numbers a series), as one series is forecast at a time.
 */
const KEPT_FITS = 8;
const keptFitsList: Fits[] = [];

/**
 * The fits kept for a series; undefined once other series pushed them out.
 *
 * @example
 * keptFits(series)?.current;
 */
export function keptFits(series: object): Fits | undefined {
  return keptFitsList.find((k) => k.series === series);
}

/**
 * Keeps a series' fits, pushing out the oldest kept.
 *
 * @example
 * keepFits(series, current, null);
 */
export function keepFits(series: object, current: FittedModel | null, leak: FittedModel | null): Fits {
  const at = keptFitsList.findIndex((k) => k.series === series);
  if (at >= 0) keptFitsList.splice(at, 1);
  else if (keptFitsList.length === KEPT_FITS) keptFitsList.shift();
  const fits = { series, current, leak };
  keptFitsList.push(fits);
  return fits;
}
