import type { SampleWindow } from '../types';

/** A prediction at one future time, with its 80 % and 95 % intervals. */
export type Prediction = {
  value: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
};

/** A model fitted to a window; predicts forward from the window's last sample. */
export type FittedModel = {
  name: string;
  slopePerMin: number;
  predict(t: number): Prediction;
};

/** Fits a window of samples (oldest first); null when it cannot (too few samples). */
export type ForecastModel = {
  name: string;
  fit(samples: SampleWindow): FittedModel | null;
};
