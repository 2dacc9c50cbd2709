/**
 * Quickselect: puts the k-th smallest of a[left..right] at k, smaller ones before it, larger
 * after (Hoare partition, middle pivot). Finite numbers only. For order statistics without
 * sorting a copy: interval quantiles, medians of the robust fits.
 *
 * @example
 * const a = Float64Array.of(5, 1, 4, 2, 3);
 * select(a, 2, 0, 4); // a[2] === 3
 */
export function select(a: Float64Array | Uint16Array, k: number, left: number, right: number): void {
  while (right > left) {
    const pivot = a[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * Median of the first n numbers of `a`, moving them (the mean of the middle two for even n);
 * NaN for none. The same number as the median of a sorted copy.
 *
 * @example
 * medianInPlace(Float64Array.of(3, 1, 2, 9), 4); // 2.5
 */
export function medianInPlace(a: Float64Array, n: number): number {
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  select(a, mid, 0, n - 1);
  if (n % 2) return a[mid]!;
  // The largest of the lower half is the other middle one.
  let below = a[0]!;
  for (let i = 1; i < mid; i++) if (a[i]! > below) below = a[i]!;
  return (below + a[mid]!) / 2;
}
