import type { CalibrationKnots } from './breach-probability';

/**
 * The shipped calibration of the breach probability: raw → observed frequency, as knots of a
 * monotone (isotonic) fit on the development data only (NAB + the development part of
 * PlanetLab, thresholds 80/90/95, lookaheads 30/60/120). Regenerate with
 * `npm run backtest -- --summary --fit-calibration` and paste its output here; see
 * docs/forecasting.md ("Breach probability").
 */
export const PROBABILITY_CALIBRATION: CalibrationKnots = [
  [0, 0],
  [1, 1],
];
