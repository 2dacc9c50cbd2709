/** Smallest non-zero absolute error told apart; a smaller one is rounded up to it. */
const MIN_ERROR = 1e-6;
const MAX_CODE = 0xffff;
/** Codes 1…65535 are log-spaced from 1e-6 to 1e6: neighbours differ by 0.042 %. */
const LOG_STEP = Math.log(1e12) / (MAX_CODE - 1);
/** Every code's value, shared by all series (512 KiB once): decoding is a lookup. */
const DECODED = Float64Array.from({ length: MAX_CODE + 1 }, (_, c) =>
  c === 0 ? 0 : MIN_ERROR * Math.exp((c - 1) * LOG_STEP),
);

/**
 * An absolute forecast error as 16 bits, on a log scale, **rounded up**: the decoded error is
 * never smaller than the real one and at most 0.042 % larger. Rounded up, so an interval
 * calibrated on decoded errors never shrinks: an outcome exactly on a bound (recorded values
 * repeat) stays inside, where rounding to the nearest (or Float32) moved the 80 % coverage.
 * 0 is exact; errors beyond 1e6 (not a percentage) are held as 1e6.
 *
 * @example
 * decodeAbsError(encodeAbsError(2.5)); // 2.5004…, never below 2.5
 */
export function encodeAbsError(abs: number): number {
  if (!(abs > 0)) return 0;
  if (abs >= DECODED[MAX_CODE]!) return MAX_CODE;
  let c = Math.max(1, Math.ceil(Math.log(abs / MIN_ERROR) / LOG_STEP) + 1);
  // The logarithm can be off by one code either way: settle on the smallest code not below.
  while (DECODED[c]! < abs) c++;
  while (c > 1 && DECODED[c - 1]! >= abs) c--;
  return c;
}

/**
 * The error a code stands for (see {@link encodeAbsError}).
 *
 * @example
 * decodeAbsError(0); // 0
 */
export function decodeAbsError(code: number): number {
  return DECODED[code]!;
}
