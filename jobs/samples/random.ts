// A seeded generator (mulberry32), so the sample files are the same on every machine.
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A count around `mean` (normal approximation to Poisson), never negative. */
  count(mean: number): number {
    const u = Math.max(this.next(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
  }

  hex(length: number): string {
    let s = '';
    while (s.length < length) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
}

/** Seasonal factor peaking in July, as violence and anti-social behaviour do. */
export const seasonal = (month: number, amplitude: number): number =>
  1 + amplitude * Math.sin((2 * Math.PI * (month - 4)) / 12);
