/** The element types a slab holds; each part of a series' state picks the narrowest that is exact enough. */
export type SlabKind = 'f64' | 'f32' | 'u32' | 'u16';

const BYTES: Record<SlabKind, number> = { f64: 8, f32: 4, u32: 4, u16: 2 };
/** Widest first, so every view starts aligned for its type. */
const ORDER: readonly SlabKind[] = ['f64', 'f32', 'u32', 'u16'];

/**
 * Where each part of a series' state lives in its slab, planned once per configuration and
 * shared by every series of it: `take` hands out consecutive positions of one element type.
 *
 * @example
 * const plan = new SlabPlan();
 * const values = plan.take('f32', 288); // position in slab.f32
 * const slab = new Slab(plan);
 */
export class SlabPlan {
  readonly sizes: Record<SlabKind, number> = { f64: 0, f32: 0, u32: 0, u16: 0 };

  take(kind: SlabKind, count: number): number {
    const at = this.sizes[kind];
    this.sizes[kind] += count;
    return at;
  }
}

/**
 * All the numbers of one series in one ArrayBuffer, seen through one view per element type.
 * Every typed array costs ~190 bytes of V8 objects besides its numbers, so a series' dozen
 * arrays (window, profiles, error rings, pending forecasts and their indices) would cost more
 * in headers than its profile holds in numbers; four views of one buffer cost ~560 bytes.
 *
 * @example
 * const slab = new Slab(plan);
 * slab.f32[values + i] = 42;
 */
export class Slab {
  readonly f64: Float64Array;
  readonly f32: Float32Array;
  readonly u32: Uint32Array;
  readonly u16: Uint16Array;

  constructor(plan: SlabPlan) {
    const { sizes } = plan;
    let bytes = 0;
    const offsets = {} as Record<SlabKind, number>;
    for (const kind of ORDER) {
      offsets[kind] = bytes;
      bytes += sizes[kind] * BYTES[kind];
    }
    const buffer = new ArrayBuffer(bytes);
    this.f64 = new Float64Array(buffer, offsets.f64, sizes.f64);
    this.f32 = new Float32Array(buffer, offsets.f32, sizes.f32);
    this.u32 = new Uint32Array(buffer, offsets.u32, sizes.u32);
    this.u16 = new Uint16Array(buffer, offsets.u16, sizes.u16);
  }
}
