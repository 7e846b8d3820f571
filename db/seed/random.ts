/**
 * A small seeded PRNG (sfc32, seeded through cyrb128) so that the demo data
 * set is the same on every machine for the same seed and the same "now".
 * Math.random is never used by the seed.
 */

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export class Random {
  private readonly nextFloat: () => number;
  readonly seed: string;

  constructor(seed: string | number) {
    this.seed = String(seed);
    const [a, b, c, d] = cyrb128(this.seed);
    this.nextFloat = sfc32(a, b, c, d);
    // Discard the first outputs: sfc32 mixes its state during the first few rounds.
    for (let i = 0; i < 15; i++) this.nextFloat();
  }

  /**
   * An independent stream for one part of the data set, so adding rows in
   * one part (say, more products) does not reshuffle another (the events).
   */
  fork(label: string): Random {
    return new Random(`${this.seed}/${label}`);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextFloat();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.nextFloat() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.nextFloat() * (max - min);
  }

  chance(p: number): boolean {
    return this.nextFloat() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.nextFloat() * items.length)];
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.nextFloat() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** Knuth's method: fine for the small means (< 30) the seed uses. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.nextFloat();
    } while (p > limit);
    return k - 1;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.nextFloat() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(count, items.length));
  }

  /** A hex string of `length` characters (visitor hashes, document numbers). */
  hex(length: number): string {
    let out = "";
    while (out.length < length) out += Math.floor(this.nextFloat() * 0x10000).toString(16).padStart(4, "0");
    return out.slice(0, length);
  }

  digits(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += String(this.int(0, 9));
    return out;
  }

  /** A code in the app's confusion-free alphabet (order codes, tokens, short links). */
  code(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += CODE_ALPHABET[this.int(0, CODE_ALPHABET.length - 1)];
    return out;
  }

  /** Random bytes for APIs that take a byte source. */
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }
}
