/**
 * Demo images, generated without any download: patterned SVG "cloths" in
 * batik colours (kawung circles, parang diagonals, ceplok grids, …), rendered
 * by sharp to WebP variants at 320/640/1024 px plus a tiny blurred
 * placeholder. Only WebP for the demo: AVIF encoding would make the first
 * start several times slower, and every browser in use reads WebP.
 *
 * Files are content-addressed (`<hash>-<width>.webp`, the hash covering the
 * SVG source, the encoder settings and the sharp version), so a re-seed into
 * the same uploads directory reuses the files instead of encoding again.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp, { type OutputInfo } from "sharp";
import type { ImageVariantInput } from "../../app/models/image.server";
import type { Random } from "./random";

export type Palette = { key: string; nameId: string; nameEn: string; bg: string; primary: string; secondary: string; accent: string };

export const PALETTES = {
  sogan: { key: "sogan", nameId: "Sogan", nameEn: "sogan brown", bg: "#f1e2c6", primary: "#6b3a1f", secondary: "#b0703a", accent: "#231a14" },
  indigo: { key: "indigo", nameId: "Biru Indigo", nameEn: "indigo blue", bg: "#e6edf5", primary: "#1f3a68", secondary: "#5b86b8", accent: "#0e1a30" },
  merah: { key: "merah", nameId: "Merah Marun", nameEn: "maroon", bg: "#f6e6d6", primary: "#8c1c13", secondary: "#d0782c", accent: "#2b1a12" },
  hijau: { key: "hijau", nameId: "Hijau Daun", nameEn: "leaf green", bg: "#eef0dc", primary: "#2f5d3a", secondary: "#9aa33f", accent: "#1a2a1d" },
  ungu: { key: "ungu", nameId: "Ungu Terong", nameEn: "aubergine", bg: "#f3e9f0", primary: "#5b2a5e", secondary: "#c0587e", accent: "#26122a" },
  kunyit: { key: "kunyit", nameId: "Kuning Kunyit", nameEn: "turmeric yellow", bg: "#fbf0cf", primary: "#b7791f", secondary: "#7a3b1e", accent: "#3b2412" },
  alam: { key: "alam", nameId: "Warna Alam", nameEn: "natural dyes", bg: "#efe3cf", primary: "#7d5a3a", secondary: "#a98a4f", accent: "#3e2c1c" },
  toska: { key: "toska", nameId: "Biru Toska", nameEn: "teal", bg: "#e2f1f0", primary: "#0f5e63", secondary: "#d08c2c", accent: "#0b2f33" },
} satisfies Record<string, Palette>;
export type PaletteKey = keyof typeof PALETTES;

export type PatternKind =
  | "kawung"
  | "parang"
  | "ceplok"
  | "truntum"
  | "medallion"
  | "floral"
  | "fish"
  | "leaf"
  | "drum"
  | "starfruit"
  | "lattice"
  | "ciprat"
  | "waves"
  | "bird"
  | "pod"
  | "tree";

export const WIDTHS = [320, 640, 1024] as const;
// effort 0: the demo's flat colours compress well anyway, and it halves the first start.
const ENCODER = "webp:q72:effort0:v1";

type Shape = (p: Palette, t: number) => string;

/** One tile of each pattern, drawn in a t×t box; the canvas repeats it. */
const TILES: Record<Exclude<PatternKind, "ciprat">, { size: number; draw: Shape; dark?: boolean }> = {
  kawung: {
    size: 128,
    draw: (p, t) => {
      const h = t / 2;
      const q = t / 4;
      return [
        `<ellipse cx="${h}" cy="${q}" rx="${t * 0.19}" ry="${t * 0.25}" fill="${p.primary}"/>`,
        `<ellipse cx="${h}" cy="${t - q}" rx="${t * 0.19}" ry="${t * 0.25}" fill="${p.primary}"/>`,
        `<ellipse cx="${q}" cy="${h}" rx="${t * 0.25}" ry="${t * 0.19}" fill="${p.secondary}"/>`,
        `<ellipse cx="${t - q}" cy="${h}" rx="${t * 0.25}" ry="${t * 0.19}" fill="${p.secondary}"/>`,
        `<ellipse cx="${h}" cy="${q}" rx="${t * 0.06}" ry="${t * 0.12}" fill="${p.bg}"/>`,
        `<ellipse cx="${h}" cy="${t - q}" rx="${t * 0.06}" ry="${t * 0.12}" fill="${p.bg}"/>`,
        `<circle cx="${h}" cy="${h}" r="${t * 0.05}" fill="${p.accent}"/>`,
        `<circle cx="0" cy="0" r="${t * 0.06}" fill="${p.accent}"/><circle cx="${t}" cy="0" r="${t * 0.06}" fill="${p.accent}"/>`,
        `<circle cx="0" cy="${t}" r="${t * 0.06}" fill="${p.accent}"/><circle cx="${t}" cy="${t}" r="${t * 0.06}" fill="${p.accent}"/>`,
      ].join("");
    },
  },
  parang: {
    size: 96,
    draw: (p, t) =>
      [
        `<path d="M0 ${t * 0.2} L${t * 0.8} ${t} L${t * 0.45} ${t} L0 ${t * 0.55} Z" fill="${p.primary}"/>`,
        `<path d="M${t * 0.2} 0 L${t} ${t * 0.8} L${t} ${t * 0.45} L${t * 0.55} 0 Z" fill="${p.primary}"/>`,
        `<path d="M0 0 L${t} ${t}" stroke="${p.accent}" stroke-width="${t * 0.05}"/>`,
        `<circle cx="${t * 0.78}" cy="${t * 0.22}" r="${t * 0.08}" fill="${p.secondary}"/>`,
        `<circle cx="${t * 0.22}" cy="${t * 0.78}" r="${t * 0.08}" fill="${p.secondary}"/>`,
      ].join(""),
  },
  ceplok: {
    size: 128,
    draw: (p, t) => {
      const c = t / 2;
      const star = starPoints(c, c, t * 0.42, t * 0.18, 8);
      return [
        `<rect x="${t * 0.04}" y="${t * 0.04}" width="${t * 0.92}" height="${t * 0.92}" fill="none" stroke="${p.secondary}" stroke-width="${t * 0.03}"/>`,
        `<polygon points="${star}" fill="${p.primary}"/>`,
        `<circle cx="${c}" cy="${c}" r="${t * 0.14}" fill="${p.bg}"/>`,
        `<circle cx="${c}" cy="${c}" r="${t * 0.07}" fill="${p.accent}"/>`,
      ].join("");
    },
  },
  truntum: {
    size: 96,
    dark: true,
    draw: (p, t) => [flower(t * 0.25, t * 0.25, t * 0.12, p.bg, p.secondary), flower(t * 0.75, t * 0.75, t * 0.12, p.bg, p.secondary)].join(""),
  },
  medallion: {
    size: 256,
    draw: (p, t) => {
      const c = t / 2;
      return [
        `<circle cx="${c}" cy="${c}" r="${t * 0.44}" fill="${p.secondary}"/>`,
        `<polygon points="${starPoints(c, c, t * 0.42, t * 0.22, 8)}" fill="${p.primary}"/>`,
        `<polygon points="${starPoints(c, c, t * 0.24, t * 0.12, 8, Math.PI / 8)}" fill="${p.bg}"/>`,
        `<circle cx="${c}" cy="${c}" r="${t * 0.08}" fill="${p.accent}"/>`,
        `<circle cx="0" cy="0" r="${t * 0.1}" fill="${p.primary}"/><circle cx="${t}" cy="0" r="${t * 0.1}" fill="${p.primary}"/>`,
        `<circle cx="0" cy="${t}" r="${t * 0.1}" fill="${p.primary}"/><circle cx="${t}" cy="${t}" r="${t * 0.1}" fill="${p.primary}"/>`,
      ].join("");
    },
  },
  floral: {
    size: 160,
    draw: (p, t) => {
      const c = t / 2;
      const petals = Array.from({ length: 5 }, (_, i) => {
        const a = (i * 72 * Math.PI) / 180;
        return `<ellipse cx="${c + Math.sin(a) * t * 0.16}" cy="${c - Math.cos(a) * t * 0.16}" rx="${t * 0.08}" ry="${t * 0.15}" transform="rotate(${i * 72} ${c + Math.sin(a) * t * 0.16} ${c - Math.cos(a) * t * 0.16})" fill="${p.primary}"/>`;
      }).join("");
      const flame = `<path d="M0 ${t} C${t * 0.05} ${t * 0.8} ${t * 0.2} ${t * 0.85} ${t * 0.12} ${t * 0.62} C${t * 0.3} ${t * 0.8} ${t * 0.25} ${t * 0.95} ${t * 0.2} ${t} Z" fill="${p.secondary}"/>`;
      return `${petals}<circle cx="${c}" cy="${c}" r="${t * 0.07}" fill="${p.accent}"/>${flame}`;
    },
  },
  fish: {
    size: 160,
    draw: (p, t) => {
      const body = (x: number, y: number, dir: 1 | -1, fill: string) =>
        `<g transform="translate(${x} ${y}) scale(${dir} 1)"><ellipse cx="0" cy="0" rx="${t * 0.2}" ry="${t * 0.1}" fill="${fill}"/>` +
        `<polygon points="${-t * 0.18},0 ${-t * 0.32},${-t * 0.1} ${-t * 0.32},${t * 0.1}" fill="${fill}"/>` +
        `<circle cx="${t * 0.1}" cy="${-t * 0.02}" r="${t * 0.02}" fill="${p.bg}"/>` +
        `<path d="M${-t * 0.02} ${-t * 0.09} Q0 0 ${-t * 0.02} ${t * 0.09}" stroke="${p.accent}" stroke-width="${t * 0.012}" fill="none"/></g>`;
      return body(t * 0.35, t * 0.27, 1, p.primary) + body(t * 0.65, t * 0.75, -1, p.secondary);
    },
  },
  leaf: {
    size: 128,
    draw: (p, t) => {
      const leaf = (x: number, y: number, rot: number, fill: string) =>
        `<g transform="translate(${x} ${y}) rotate(${rot})"><path d="M0 ${-t * 0.28} Q${t * 0.16} 0 0 ${t * 0.28} Q${-t * 0.16} 0 0 ${-t * 0.28} Z" fill="${fill}"/>` +
        `<path d="M0 ${-t * 0.26} L0 ${t * 0.26}" stroke="${p.bg}" stroke-width="${t * 0.015}"/></g>`;
      return leaf(t * 0.3, t * 0.3, -35, p.primary) + leaf(t * 0.72, t * 0.7, 35, p.secondary) + `<circle cx="${t * 0.8}" cy="${t * 0.2}" r="${t * 0.04}" fill="${p.accent}"/>`;
    },
  },
  drum: {
    size: 128,
    draw: (p, t) => {
      const c = t / 2;
      return [
        `<path d="M${c - t * 0.2} ${t * 0.18} L${c + t * 0.2} ${t * 0.18} L${c + t * 0.08} ${t * 0.55} L${c + t * 0.14} ${t * 0.86} L${c - t * 0.14} ${t * 0.86} L${c - t * 0.08} ${t * 0.55} Z" fill="${p.primary}"/>`,
        `<ellipse cx="${c}" cy="${t * 0.18}" rx="${t * 0.2}" ry="${t * 0.05}" fill="${p.secondary}"/>`,
        `<path d="M${c - t * 0.16} ${t * 0.24} L${c + t * 0.06} ${t * 0.55} M${c + t * 0.16} ${t * 0.24} L${c - t * 0.06} ${t * 0.55}" stroke="${p.bg}" stroke-width="${t * 0.015}"/>`,
        `<circle cx="${t * 0.12}" cy="${t * 0.12}" r="${t * 0.04}" fill="${p.accent}"/><circle cx="${t * 0.88}" cy="${t * 0.88}" r="${t * 0.04}" fill="${p.accent}"/>`,
      ].join("");
    },
  },
  starfruit: {
    size: 128,
    draw: (p, t) => {
      const c = t / 2;
      return [
        `<polygon points="${starPoints(c, c, t * 0.4, t * 0.2, 5)}" fill="${p.secondary}"/>`,
        `<polygon points="${starPoints(c, c, t * 0.3, t * 0.14, 5)}" fill="${p.primary}"/>`,
        `<circle cx="${c}" cy="${c}" r="${t * 0.05}" fill="${p.bg}"/>`,
      ].join("");
    },
  },
  lattice: {
    size: 64,
    draw: (p, t) =>
      [
        `<path d="M0 ${t / 2} L${t / 2} 0 L${t} ${t / 2} L${t / 2} ${t} Z" fill="${p.primary}"/>`,
        `<path d="M0 ${t / 2} L${t / 2} 0 L${t} ${t / 2} L${t / 2} ${t} Z" fill="none" stroke="${p.accent}" stroke-width="${t * 0.05}"/>`,
        `<circle cx="${t / 2}" cy="${t / 2}" r="${t * 0.1}" fill="${p.secondary}"/>`,
      ].join(""),
  },
  waves: {
    size: 128,
    draw: (p, t) =>
      [
        `<path d="M0 ${t * 0.3} Q${t * 0.25} ${t * 0.1} ${t * 0.5} ${t * 0.3} T${t} ${t * 0.3} L${t} ${t * 0.45} Q${t * 0.75} ${t * 0.25} ${t * 0.5} ${t * 0.45} T0 ${t * 0.45} Z" fill="${p.primary}"/>`,
        `<path d="M0 ${t * 0.8} Q${t * 0.25} ${t * 0.6} ${t * 0.5} ${t * 0.8} T${t} ${t * 0.8}" stroke="${p.secondary}" stroke-width="${t * 0.06}" fill="none"/>`,
        `<circle cx="${t * 0.25}" cy="${t * 0.6}" r="${t * 0.03}" fill="${p.accent}"/><circle cx="${t * 0.75}" cy="${t * 0.6}" r="${t * 0.03}" fill="${p.accent}"/>`,
      ].join(""),
  },
  bird: {
    size: 160,
    draw: (p, t) => {
      const bird = (x: number, y: number, dir: 1 | -1, fill: string) =>
        `<g transform="translate(${x} ${y}) scale(${dir} 1)">` +
        `<polygon points="${-t * 0.12},0 ${-t * 0.34},${-t * 0.16} ${-t * 0.3},${t * 0.02} ${-t * 0.36},${t * 0.12}" fill="${p.secondary}"/>` +
        `<ellipse cx="0" cy="0" rx="${t * 0.16}" ry="${t * 0.09}" fill="${fill}"/>` +
        `<circle cx="${t * 0.15}" cy="${-t * 0.09}" r="${t * 0.06}" fill="${fill}"/>` +
        `<polygon points="${t * 0.2},${-t * 0.1} ${t * 0.27},${-t * 0.08} ${t * 0.2},${-t * 0.06}" fill="${p.accent}"/>` +
        `<circle cx="${t * 0.16}" cy="${-t * 0.1}" r="${t * 0.012}" fill="${p.bg}"/></g>`;
      return bird(t * 0.4, t * 0.3, 1, p.primary) + bird(t * 0.62, t * 0.78, -1, p.primary) + flower(t * 0.85, t * 0.2, t * 0.06, p.secondary, p.accent);
    },
  },
  pod: {
    size: 128,
    draw: (p, t) => {
      const c = t / 2;
      return [
        `<ellipse cx="${c}" cy="${c}" rx="${t * 0.16}" ry="${t * 0.34}" fill="${p.primary}" transform="rotate(25 ${c} ${c})"/>`,
        `<path d="M${c} ${c - t * 0.32} Q${c + t * 0.05} ${c} ${c} ${c + t * 0.32}" stroke="${p.secondary}" stroke-width="${t * 0.02}" fill="none" transform="rotate(25 ${c} ${c})"/>`,
        `<path d="M${c - t * 0.08} ${c - t * 0.28} Q${c - t * 0.05} ${c} ${c - t * 0.08} ${c + t * 0.28}" stroke="${p.secondary}" stroke-width="${t * 0.015}" fill="none" transform="rotate(25 ${c} ${c})"/>`,
        `<circle cx="${t * 0.1}" cy="${t * 0.9}" r="${t * 0.05}" fill="${p.accent}"/>`,
      ].join("");
    },
  },
  tree: {
    size: 128,
    draw: (p, t) => {
      const c = t / 2;
      return [
        `<rect x="${c - t * 0.04}" y="${c}" width="${t * 0.08}" height="${t * 0.34}" fill="${p.accent}"/>`,
        `<circle cx="${c}" cy="${c - t * 0.06}" r="${t * 0.26}" fill="${p.primary}"/>`,
        `<circle cx="${c - t * 0.1}" cy="${c - t * 0.1}" r="${t * 0.06}" fill="${p.secondary}"/>`,
        `<circle cx="${c + t * 0.1}" cy="${c}" r="${t * 0.05}" fill="${p.secondary}"/>`,
      ].join("");
    },
  },
};

function starPoints(cx: number, cy: number, outer: number, inner: number, points: number, rotation = 0): string {
  const out: string[] = [];
  for (let i = 0; i < points * 2; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = rotation + (i * Math.PI) / points - Math.PI / 2;
    out.push(`${(cx + Math.cos(a) * r).toFixed(1)},${(cy + Math.sin(a) * r).toFixed(1)}`);
  }
  return out.join(" ");
}

function flower(cx: number, cy: number, r: number, petal: string, centre: string): string {
  const petals = Array.from({ length: 8 }, (_, i) => {
    const a = (i * Math.PI) / 4;
    return `<circle cx="${(cx + Math.cos(a) * r).toFixed(1)}" cy="${(cy + Math.sin(a) * r).toFixed(1)}" r="${(r * 0.45).toFixed(1)}" fill="${petal}"/>`;
  }).join("");
  return `${petals}<circle cx="${cx}" cy="${cy}" r="${(r * 0.5).toFixed(1)}" fill="${centre}"/>`;
}

/**
 * The SVG of a batik "cloth": a repeated pattern, a border (pinggiran) and a
 * faint dotted ground (isen-isen). `variant` shifts and scales the tile so
 * two colourways of one motif do not look identical.
 */
export function patternSvg(args: { kind: PatternKind; palette: Palette; width: number; height: number; variant?: number; random?: Random }): string {
  const { kind, palette: p, width: w, height: h } = args;
  const variant = args.variant ?? 0;
  const border = Math.round(Math.min(w, h) * 0.045);
  let body: string;
  let ground = p.bg;
  if (kind === "ciprat") {
    // Splash dyeing has no repeat: scattered drops from a seeded generator.
    const random = args.random;
    if (!random) throw new Error("ciprat needs a random source");
    const colours = [p.primary, p.secondary, p.accent];
    const drops: string[] = [];
    for (let i = 0; i < 220; i++) {
      const r = random.chance(0.1) ? random.float(14, 30) : random.float(2, 10);
      drops.push(`<circle cx="${random.int(0, w)}" cy="${random.int(0, h)}" r="${r.toFixed(1)}" fill="${random.pick(colours)}" fill-opacity="${random.float(0.55, 0.95).toFixed(2)}"/>`);
    }
    body = drops.join("");
  } else {
    const tile = TILES[kind];
    const size = Math.round(tile.size * (1 + (variant % 3) * 0.15));
    if (tile.dark) ground = p.primary;
    body =
      `<defs><pattern id="t" width="${size}" height="${size}" patternUnits="userSpaceOnUse" patternTransform="translate(${variant * 17} ${variant * 11})">` +
      `<svg viewBox="0 0 ${tile.size} ${tile.size}" width="${size}" height="${size}" overflow="visible">${tile.draw(p, tile.size)}</svg></pattern></defs>` +
      `<rect width="${w}" height="${h}" fill="url(#t)"/>`;
  }
  const dots =
    `<defs><pattern id="d" width="18" height="18" patternUnits="userSpaceOnUse"><circle cx="9" cy="9" r="1.4" fill="${p.accent}" fill-opacity="0.18"/></pattern></defs>` +
    `<rect width="${w}" height="${h}" fill="url(#d)"/>`;
  const frame =
    `<rect x="${border / 2}" y="${border / 2}" width="${w - border}" height="${h - border}" fill="none" stroke="${p.accent}" stroke-width="${border}"/>` +
    `<rect x="${border * 1.4}" y="${border * 1.4}" width="${w - border * 2.8}" height="${h - border * 2.8}" fill="none" stroke="${p.secondary}" stroke-width="${Math.max(2, border / 5)}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="${w}" height="${h}" fill="${ground}"/>${dots}${body}${frame}</svg>`;
}

export type RenderedImage = {
  originalKey: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  placeholder: string;
  variants: ImageVariantInput[];
};

async function fileSize(file: string): Promise<number | null> {
  try {
    const stat = await fs.stat(file);
    return stat.size > 0 ? stat.size : null;
  } catch {
    return null;
  }
}

/**
 * Renders one SVG into `${uploadsDir}/variants/<hash>-<w>.webp` (3 widths)
 * and keeps the SVG as the original in `${uploadsDir}/originals/`. Files that
 * already exist with the same hash are reused.
 */
export async function renderImage(svg: string, width: number, height: number, uploadsDir: string): Promise<RenderedImage> {
  const hash = crypto.createHash("sha256").update(`${ENCODER}|${sharp.versions.sharp}|${svg}`).digest("hex").slice(0, 20);
  const variantsDir = path.join(uploadsDir, "variants");
  const originalsDir = path.join(uploadsDir, "originals");
  await fs.mkdir(variantsDir, { recursive: true });
  await fs.mkdir(originalsDir, { recursive: true });
  const originalKey = `demo-${hash}.svg`;
  const source = Buffer.from(svg);
  if ((await fileSize(path.join(originalsDir, originalKey))) === null) {
    const temporary = path.join(originalsDir, `${originalKey}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
    await fs.writeFile(temporary, source);
    await fs.rename(temporary, path.join(originalsDir, originalKey));
  }

  let raster: { data: Buffer; info: OutputInfo } | null = null;
  const rasterize = async () => (raster ??= await sharp(source).raw().toBuffer({ resolveWithObject: true }));

  const variants: ImageVariantInput[] = [];
  for (const w of WIDTHS) {
    const key = `${hash}-${w}.webp`;
    const file = path.join(variantsDir, key);
    const h = Math.round((height * w) / width);
    let bytes = await fileSize(file);
    if (bytes === null) {
      const { data, info } = await rasterize();
      const output = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
        .resize(w, h)
        .webp({ quality: 72, effort: 0 })
        .toBuffer();
      // Write then rename, so a crash never leaves a truncated file under the final name; the
      // temporary name is unique because two seeds may share an uploads directory.
      const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
      await fs.writeFile(temporary, output);
      await fs.rename(temporary, file);
      bytes = output.length;
    }
    variants.push({ format: "webp", width: w, height: h, key, bytes });
  }
  const tiny = await sharp(source).resize(16).blur(0.6).webp({ quality: 35 }).toBuffer();
  return {
    originalKey,
    mime: "image/svg+xml",
    bytes: source.length,
    width,
    height,
    placeholder: `data:image/webp;base64,${tiny.toString("base64")}`,
    variants,
  };
}

/** Runs jobs with at most `limit` at once (sharp work is CPU-bound: one per core). */
export async function mapWithConcurrency<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, limit = Math.max(1, os.availableParallelism())): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
