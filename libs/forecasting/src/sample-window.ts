import { RingSet } from './ring-set';
import type { Sample, SampleWindow } from './types';

const T = 0;
const VALUE = 1;

/**
 * The newest `capacity` samples of a series in two Float64 rings (time, value): 16 bytes a
 * sample, 4.5 KiB for a day of 5-minute samples, where an array of `{ t, value }` objects
 * took ~66 bytes a sample. It is itself the window of every kept sample (oldest first), and
 * `since` gives the newest part; models read both in place.
 *
 * @example
 * const ring = new SampleRing(288);
 * ring.push({ t, value });
 * holtModel().fit(ring);
 */
export class SampleRing implements SampleWindow {
  private readonly rings: RingSet;

  constructor(capacity: number) {
    this.rings = new RingSet([capacity, capacity]);
  }

  get length(): number {
    return this.rings.length(T);
  }

  t(i: number): number {
    return this.rings.at(T, i);
  }

  value(i: number): number {
    return this.rings.at(VALUE, i);
  }

  push(sample: Sample): void {
    this.rings.push(T, sample.t);
    this.rings.push(VALUE, sample.value);
  }

  /** The newest sample; null while empty. */
  last(): Sample | null {
    const n = this.length;
    return n === 0 ? null : { t: this.t(n - 1), value: this.value(n - 1) };
  }

  /** The kept samples at or after time `oldest`, read in place. */
  since(oldest: number): SampleWindow {
    let from = this.length;
    while (from > 0 && this.t(from - 1) >= oldest) from--;
    return new TailWindow(this, from);
  }
}

/** The samples of a window from its `from`-th oldest on. */
class TailWindow implements SampleWindow {
  readonly length: number;

  constructor(
    private readonly window: SampleWindow,
    private readonly from: number,
  ) {
    this.length = window.length - from;
  }

  t(i: number): number {
    return this.window.t(this.from + i);
  }

  value(i: number): number {
    return this.window.value(this.from + i);
  }
}

/**
 * A window over an array of samples (oldest first), for fitting a model to samples held as
 * objects: tests, backtests, one-off fits.
 *
 * @example
 * olsModel.fit(windowOf([{ t: 0, value: 1 }, { t: 60_000, value: 2 }]))?.slopePerMin; // 1
 */
export function windowOf(samples: readonly Sample[]): SampleWindow {
  return {
    length: samples.length,
    t: (i) => samples[i]!.t,
    value: (i) => samples[i]!.value,
  };
}
