/**
 * The demo catalogue: about 90 products built from each fictional shop's
 * techniques and motifs, with prices in the ranges reported for Blitar
 * (cap ≈ Rp100–250k, kombinasi ≈ Rp200–400k, tulis ≈ Rp350–500k and far more
 * for fine pieces; printing cheap and labelled as batik imitation).
 */
import type { Dye, Fabric, Technique } from "../../../app/models/product.server";
import { PALETTES, type PaletteKey } from "../images";
import type { Random } from "../random";
import type { ArtisanSeed } from "./artisans";
import type { MotifSeed } from "./motifs";

export type ProductKind = "kain" | "kain_halus" | "selendang" | "kemeja";

export type ProductSeed = {
  index: number;
  artisanKey: string;
  slug: string;
  titleId: string;
  titleEn: string;
  descriptionId: string;
  descriptionEn: string;
  technique: Technique;
  kind: ProductKind;
  fabric: Fabric;
  dye: Dye;
  widthCm: number | null;
  lengthCm: number | null;
  price: number;
  motifSlugs: string[];
  colourway: PaletteKey;
  status: "published" | "draft" | "archived";
  featured: boolean;
  /** Months before "now" at which it was listed (may be before the history starts). */
  listedMonthsAgo: number;
  /** Stock left at the end of the history; the seed adds what was sold. */
  finalStock: number;
};

const PRODUCT_COUNTS: Record<string, number> = {
  lintang: 8, canting: 8, jugo: 8, siraman: 7, ciprat: 6, garum: 7, wonodadi: 7, kademangan: 5, nawasena: 5, koi: 8, tanjungsari: 6, jimbe: 9, gebang: 3, kelud: 3,
};

const TECH_ID: Record<Technique, string> = { tulis: "Tulis", cap: "Cap", kombinasi: "Kombinasi", ciprat: "Ciprat", jumput: "Jumputan", printing: "Printing" };
const TECH_EN: Record<Technique, string> = {
  tulis: "hand-drawn (tulis)",
  cap: "stamped (cap)",
  kombinasi: "tulis-and-cap combination",
  ciprat: "splash (ciprat)",
  jumput: "tie-dye (jumputan)",
  printing: "printed",
};

const TECH_SENTENCE: Record<Technique, [string, string]> = {
  tulis: [
    "Batik tulis: setiap garis malam digoreskan dengan canting tangan, sehingga tidak ada dua lembar yang persis sama.",
    "Batik tulis: every line of wax is drawn by hand with a canting, so no two cloths are exactly alike.",
  ],
  cap: ["Batik cap: malam dicapkan dengan cap tembaga, lalu kain diwarnai dan dilorod.", "Batik cap: the wax is stamped with a copper cap, then the cloth is dyed and the wax boiled off."],
  kombinasi: [
    "Batik kombinasi: pola dasarnya dicap, lalu detail dan isen-isen digambar dengan canting.",
    "Combination batik: the base pattern is stamped, then details and fillings are drawn with a canting.",
  ],
  ciprat: ["Batik ciprat: malam dipercikkan dengan tangan, sehingga setiap kain unik.", "Splash batik (ciprat): the wax is splashed by hand, so every cloth is unique."],
  jumput: ["Kain jumputan: kain diikat lalu dicelup warna, menghasilkan pola ikatan yang khas.", "Tie-dye (jumputan): the cloth is tied and dipped in dye, giving its typical tied pattern."],
  printing: [
    "Kain bermotif batik hasil cetak (printing). Menurut SNI 8184:2015 kain ini adalah tiruan batik, bukan batik.",
    "Fabric printed with a batik motif. Under SNI 8184:2015 it is batik imitation, not batik.",
  ],
};

const FABRIC_NAME: Record<Fabric, [string, string]> = {
  katun_primisima: ["katun primisima", "primisima cotton"],
  katun_prima: ["katun prima", "prima cotton"],
  sutra: ["sutra", "silk"],
  rayon: ["rayon", "rayon"],
  dobby: ["katun dobby", "dobby cotton"],
  other: ["kain campuran", "mixed fabric"],
};

function round(value: number, step: number) {
  return Math.round(value / step) * step;
}

function priceFor(random: Random, technique: Technique, kind: ProductKind, fabric: Fabric): number {
  if (kind === "kain_halus") return fabric === "sutra" ? round(random.int(1_500_000, 3_500_000), 250_000) : round(random.int(750_000, 1_250_000), 50_000);
  if (kind === "selendang") {
    if (technique === "tulis") return round(random.int(450_000, 900_000), 25_000);
    return round(random.int(75_000, 150_000), 5_000);
  }
  if (kind === "kemeja") return technique === "kombinasi" ? round(random.int(250_000, 375_000), 5_000) : round(random.int(150_000, 250_000), 5_000);
  switch (technique) {
    case "tulis":
      return round(random.int(350_000, 500_000), 25_000);
    case "kombinasi":
      return round(random.int(200_000, 400_000), 10_000);
    case "cap":
      return round(random.int(100_000, 250_000), 5_000);
    case "ciprat":
      return round(random.int(100_000, 200_000), 5_000);
    case "jumput":
      return round(random.int(110_000, 220_000), 5_000);
    case "printing":
      return round(random.int(55_000, 95_000), 5_000);
  }
}

function kindFor(random: Random, artisan: ArtisanSeed, technique: Technique): ProductKind {
  if (technique === "printing") return "kain";
  if (technique === "tulis") {
    if (artisan.key === "nawasena") return random.chance(0.7) ? "kain_halus" : "selendang";
    return random.weighted([["kain", 7], ["selendang", 2], ["kain_halus", 1]] as const);
  }
  if (technique === "cap" || technique === "kombinasi") return random.chance(0.35) ? "kemeja" : "kain";
  return random.chance(0.3) ? "selendang" : "kain";
}

function fabricFor(random: Random, technique: Technique, kind: ProductKind): Fabric {
  if (kind === "kain_halus") return random.chance(0.6) ? "sutra" : "katun_primisima";
  if (kind === "selendang") return technique === "tulis" ? "sutra" : "rayon";
  if (kind === "kemeja") return random.chance(0.7) ? "katun_prima" : "dobby";
  switch (technique) {
    case "tulis":
    case "kombinasi":
      return "katun_primisima";
    case "cap":
      return random.chance(0.7) ? "katun_prima" : "katun_primisima";
    case "ciprat":
      return "katun_prima";
    case "jumput":
      return random.chance(0.5) ? "rayon" : "katun_prima";
    case "printing":
      return random.chance(0.6) ? "katun_prima" : "other";
  }
}

function sizeFor(random: Random, technique: Technique, kind: ProductKind): [number, number] | [null, null] {
  if (kind === "kemeja") return [null, null];
  if (kind === "selendang") return random.pick([[50, 180], [55, 200], [45, 175]] as const) as [number, number];
  if (technique === "tulis" || kind === "kain_halus") return random.pick([[110, 250], [115, 250], [105, 240]] as const) as [number, number];
  return random.pick([[105, 200], [110, 220], [110, 200], [115, 230]] as const) as [number, number];
}

function finalStockFor(random: Random, technique: Technique, kind: ProductKind): number {
  if (kind === "kain_halus") return random.int(1, 2);
  if (technique === "tulis") return random.int(1, 4);
  if (technique === "printing") return random.int(20, 60);
  if (kind === "kemeja") return random.int(3, 15);
  if (technique === "cap") return random.int(5, 25);
  return random.int(2, 12);
}

function slugify(text: string) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const MAX_COLOURWAYS = 14;

export function buildProducts(random: Random, artisans: ArtisanSeed[], motifs: MotifSeed[]): ProductSeed[] {
  const bySlug = new Map(motifs.map((m) => [m.slug, m]));
  const tutur = motifs.filter((m) => m.family === "tutur");
  let tuturCursor = 0;
  const products: ProductSeed[] = [];
  const slugs = new Set<string>();
  const colourways = new Set<string>();

  for (const artisan of artisans) {
    const r = random.fork(`products/${artisan.key}`);
    const count = PRODUCT_COUNTS[artisan.key] ?? 6;
    for (let i = 0; i < count; i++) {
      // Cycle through the shop's techniques so each one is on sale; printing is only a side line.
      const technique = artisan.techniques[i % artisan.techniques.length];
      const kind = kindFor(r, artisan, technique);
      const motifKey = artisan.motifs[i % artisan.motifs.length];
      // Tutur motifs are spread over the shops in turn so that all fifteen are on sale somewhere.
      const motif = motifKey === "tutur" ? tutur[tuturCursor++ % tutur.length] : bySlug.get(motifKey)!;
      const motifSlugs = [motif.slug];
      if (r.chance(0.12)) {
        const second = artisan.motifs.find((m) => m !== motifKey && m !== "tutur" && bySlug.has(m));
        if (second) motifSlugs.push(second);
      }
      // Products mostly show the motif's own image; a limited number get the shop's colourway,
      // because every extra colourway is one more image to render on first start.
      let colourway: PaletteKey = motif.palette;
      const variantKey = `${motif.slug}:${artisan.palette}`;
      if (artisan.palette !== motif.palette && r.chance(0.5) && (colourways.has(variantKey) || colourways.size < MAX_COLOURWAYS)) {
        colourways.add(variantKey);
        colourway = artisan.palette;
      }
      const palette = PALETTES[colourway];
      const fabric = fabricFor(r, technique, kind);
      const dye: Dye =
        artisan.key === "kademangan" || (artisan.key === "lintang" && i % 2 === 0) || (artisan.key === "canting" && i === 3) ? "natural" : "synthetic";
      const [widthCm, lengthCm] = sizeFor(r, technique, kind);
      const price = priceFor(r, technique, kind, fabric);
      const motifNames = motifSlugs.map((s) => bySlug.get(s)!.name);
      const motifName = motifNames.join(" & ");

      let titleId: string;
      let titleEn: string;
      if (technique === "printing") {
        titleId = `Kain Printing Motif ${motifName} (Tiruan Batik)`;
        titleEn = `${motifName} printed fabric (batik imitation)`;
      } else if (kind === "kemeja") {
        titleId = `Kemeja Batik ${TECH_ID[technique]} ${motifName} Lengan Pendek`;
        titleEn = `${motifName} ${TECH_EN[technique]} batik short-sleeved shirt`;
      } else if (kind === "selendang") {
        titleId = `Selendang ${FABRIC_NAME[fabric][0].replace(/^./, (c) => c.toUpperCase())} Batik ${TECH_ID[technique]} ${motifName}`;
        titleEn = `${motifName} ${TECH_EN[technique]} batik ${FABRIC_NAME[fabric][1]} scarf`;
      } else if (kind === "kain_halus") {
        titleId = `Kain Batik Tulis Halus ${motifName} ${palette.nameId}`;
        titleEn = `${motifName} fine hand-drawn batik, ${palette.nameEn}`;
      } else {
        // "Kain Batik Ciprat Ciprat Kelud" would repeat itself: a motif named after its technique says it already.
        const tech = motifName.includes(TECH_ID[technique]) ? "" : ` ${TECH_ID[technique]}`;
        titleId = `Kain Batik${tech} ${motifName} ${palette.nameId}`;
        titleEn = `${motifName} ${TECH_EN[technique]} batik cloth, ${palette.nameEn}`;
      }

      const meaning = motif.meaningId && !motif.meaningId.startsWith("Makna") ? ` ${motif.meaningId}` : "";
      const meaningEn = motif.meaningEn && !motif.meaningEn.startsWith("The ") ? ` ${motif.meaningEn}` : "";
      const size =
        widthCm && lengthCm
          ? [`Ukuran ${widthCm} × ${lengthCm} cm.`, `Size ${widthCm} × ${lengthCm} cm.`]
          : ["Ukuran L (lingkar dada 108 cm).", "Size L (chest 108 cm)."];
      const dyeText = dye === "natural" ? ["Diwarnai dengan pewarna alam.", "Coloured with natural dyes."] : ["Diwarnai dengan pewarna sintetis yang tahan luntur.", "Coloured with colourfast synthetic dyes."];
      const descriptionId = [
        TECH_SENTENCE[technique][0],
        `Motif ${motifName}.${meaning}`,
        `Dibuat oleh ${artisan.name} di ${artisan.village}, ${artisan.district}, dari ${FABRIC_NAME[fabric][0]}.`,
        dyeText[0],
        size[0],
        "Cuci dengan tangan memakai lerak atau sabun lembut, jangan diperas, dan jemur di tempat teduh.",
      ].join(" ");
      const descriptionEn = [
        TECH_SENTENCE[technique][1],
        `${motifName} motif.${meaningEn}`,
        `Made by ${artisan.name} in ${artisan.village}, ${artisan.district}, on ${FABRIC_NAME[fabric][1]}.`,
        dyeText[1],
        size[1],
        "Hand-wash with lerak or a mild soap, do not wring, and dry in the shade.",
      ].join(" ");

      // Some listings have no English text, so pages exercise the language fallback.
      const englishMode = r.weighted([["both", 85], ["none", 10], ["title_only", 5]] as const);

      let slug = slugify(`${titleId} ${artisan.key}`);
      for (let n = 2; slugs.has(slug); n++) slug = slugify(`${titleId} ${artisan.key} ${n}`);
      slugs.add(slug);

      const newShop = artisan.trend === "new" ? (artisan.joinedMonthsAgo ?? 10) : null;
      const listedMonthsAgo =
        newShop !== null
          ? r.float(0.5, newShop)
          : r.chance(0.65)
            ? r.float(27.5, 40)
            : r.float(0.5, 26.5);

      products.push({
        index: products.length,
        artisanKey: artisan.key,
        slug,
        titleId,
        titleEn: englishMode === "none" ? "" : titleEn,
        descriptionId,
        descriptionEn: englishMode === "both" ? descriptionEn : "",
        technique,
        kind,
        fabric,
        dye,
        widthCm,
        lengthCm,
        price,
        motifSlugs,
        colourway,
        status: "published",
        featured: false,
        listedMonthsAgo,
        finalStock: finalStockFor(r, technique, kind),
      });
    }
  }

  // A few drafts (not yet for sale) and one archived listing, from shops that are public.
  const status = random.fork("products/status");
  const publicKeys = new Set(artisans.filter((a) => a.membership === "verified").map((a) => a.key));
  // Shops still waiting for the association's verification cannot publish: their pieces are drafts.
  for (const p of products) if (!publicKeys.has(p.artisanKey)) p.status = "draft";
  const candidates = products.filter((p) => publicKeys.has(p.artisanKey));
  for (const p of status.sample(candidates, 5)) p.status = "draft";
  const archivable = candidates.filter((p) => p.status === "published");
  status.pick(archivable).status = "archived";

  // Featured: fine and mid-range pieces from different shops.
  const featured = status.fork("featured");
  const featuredPool = candidates.filter((p) => p.status === "published" && (p.technique === "tulis" || p.technique === "kombinasi"));
  const seen = new Set<string>();
  for (const p of featured.shuffle([...featuredPool])) {
    if (seen.has(p.artisanKey)) continue;
    seen.add(p.artisanKey);
    p.featured = true;
    if (seen.size >= 8) break;
  }

  // A few pieces end up sold out.
  const soldOut = status.fork("sold-out");
  for (const p of soldOut.sample(candidates.filter((c) => c.status === "published" && !c.featured && c.technique !== "printing"), 5)) p.finalStock = 0;
  return products;
}
