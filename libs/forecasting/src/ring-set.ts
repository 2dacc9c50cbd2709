/**
 * Several bounded FIFO queues of numbers in one Float64Array: ring `r` holds at most
 * `capacities[r]` numbers, and a push onto a full ring drops its oldest. A class, so its
 * methods are shared by every series rather than allocated per instance, and two typed arrays
 * for all rings: a series' state is a few flat arrays, not thousands of boxed numbers and
 * closures.
 *
 * @example
 * const rings = new RingSet([3, 3]);
 * rings.push(0, 1); rings.push(0, 2);
 * rings.at(0, 0); // 1, the oldest
 */
export class RingSet {
  private readonly data: Float64Array;
  /**
   * Per ring, in one array (each typed array costs ~200 bytes besides its numbers): where it
   * starts in `data` (entry r; entry `rings` is the end of the last one), then at
   * `rings + 1 + r` the offset of its oldest number from its start, then at `2 × rings + 1 + r`
   * how many numbers it holds.
   */
  private readonly index: Uint32Array;
  private readonly rings: number;

  constructor(capacities: readonly number[]) {
    this.rings = capacities.length;
    this.index = new Uint32Array(3 * this.rings + 1);
    capacities.forEach((c, r) => (this.index[r + 1] = this.index[r]! + c));
    this.data = new Float64Array(this.index[this.rings]!);
  }

  /** Appends to ring r, dropping its oldest number when full. */
  push(r: number, value: number): void {
    const count = this.length(r);
    if (count < this.capacity(r)) {
      this.data[this.slot(r, count)] = value;
      this.index[this.countAt(r)] = count + 1;
      return;
    }
    this.data[this.slot(r, 0)] = value;
    this.advance(r);
  }

  /** Removes and returns the oldest number of ring r (undefined when empty). */
  shift(r: number): number | undefined {
    const count = this.length(r);
    if (count === 0) return undefined;
    const value = this.data[this.slot(r, 0)]!;
    this.advance(r);
    this.index[this.countAt(r)] = count - 1;
    return value;
  }

  /** The i-th oldest number of ring r (0 is the oldest); i must be below `length(r)`. */
  at(r: number, i: number): number {
    return this.data[this.slot(r, i)]!;
  }

  length(r: number): number {
    return this.index[this.countAt(r)]!;
  }

  /**
   * The numbers of ring r in no particular order (storage order once it has wrapped), for
   * order-free uses such as quantiles: a view, not a copy, for a ring that is only pushed to.
   */
  unordered(r: number): ArrayLike<number> {
    const from = this.index[r]!;
    const count = this.length(r);
    if (count === this.capacity(r) || this.head(r) === 0) return this.data.subarray(from, from + count);
    return Array.from({ length: count }, (_, i) => this.at(r, i));
  }

  private capacity(r: number): number {
    return this.index[r + 1]! - this.index[r]!;
  }

  private head(r: number): number {
    return this.index[this.rings + 1 + r]!;
  }

  private countAt(r: number): number {
    return 2 * this.rings + 1 + r;
  }

  /** Index in `data` of the i-th oldest number of ring r, i < capacity. */
  private slot(r: number, i: number): number {
    const k = this.head(r) + i;
    const cap = this.capacity(r);
    return this.index[r]! + (k < cap ? k : k - cap);
  }

  /** Moves the oldest position of ring r on by one. */
  private advance(r: number): void {
    const k = this.head(r) + 1;
    this.index[this.rings + 1 + r] = k < this.capacity(r) ? k : 0;
  }
}
