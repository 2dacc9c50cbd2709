import { bench, describe } from 'vitest';
import { createSeriesForecaster } from './series-forecaster';

const MIN = 60_000;
const value = (i: number) => 50 + 20 * Math.sin(i / 20) + ((i * 7919) % 13) - 6;

// A series already holding a full window (288 samples) and two days of seasonal history.
const warm = createSeriesForecaster();
let i = 0;
for (; i < 600; i++) warm.add({ t: i * 5 * MIN, value: value(i) });

describe('series forecaster update (full 288-sample window)', () => {
  bench('add + forecast(90), one sample', () => {
    warm.add({ t: i * 5 * MIN, value: value(i) });
    warm.forecast(90);
    i++;
  });
});

// Memory per series: heap and typed-array growth over many warm series, divided by their number
// (typed-array stores live outside the V8 heap, in `arrayBuffers`).
const SERIES = 200;
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
globalThis.gc?.();
const before = used();
const many = Array.from({ length: SERIES }, () => createSeriesForecaster());
for (const s of many) for (let k = 0; k < 600; k++) s.add({ t: k * 5 * MIN, value: value(k) });
globalThis.gc?.();
const perSeries = (used() - before) / SERIES;
const how = globalThis.gc ? 'after gc' : 'no gc available, includes garbage';
// Reading `many` after the measurement keeps the series alive through it.
console.log(
  `memory per warm series ≈ ${(perSeries / 1024).toFixed(1)} KiB (${many.length} series, heapUsed + arrayBuffers delta, ${how})`,
);
