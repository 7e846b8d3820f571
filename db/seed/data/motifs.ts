/**
 * Motifs identified with Blitar, from ../../../shared/context/blitar-facts.md
 * (public news pages and papers). Where a fact is not known — a motif's own
 * meaning, its year, its registration — the field is left empty or says so
 * honestly; nothing here is invented and presented as real. The fifteen
 * named Batik Tutur motifs share the story of the family: their individual
 * meanings were not found.
 */
import type { PaletteKey, PatternKind } from "../images";

export type MotifSeed = {
  slug: string;
  name: string;
  region: "kabupaten" | "kota" | "both";
  origin: string;
  year: number | null;
  storyId: string;
  storyEn: string;
  meaningId: string;
  meaningEn: string;
  pattern: PatternKind;
  palette: PaletteKey;
  featured?: boolean;
  /** Used by the artisans' product lists. */
  family?: "tutur";
};

const TUTUR_NAMES = [
  "Awu Nanas",
  "Celeret Dubang",
  "Cindhe Gadhing",
  "Gambir Sepuh",
  "Galih Dhempo",
  "Gobog",
  "Jalu Watu",
  "Mirong Kampuh Jingga",
  "Mupus Pupus",
  "Pedhut Kelut",
  "Podhang",
  "Prumpun",
  "Simo Samaran",
  "Tanjung Manila",
  "Winih Semi",
] as const;

const TUTUR_PATTERNS: PatternKind[] = ["bird", "kawung", "ceplok", "truntum", "leaf", "waves", "lattice", "floral"];
const TUTUR_PALETTES: PaletteKey[] = ["sogan", "alam", "indigo", "merah", "hijau", "kunyit"];

function tuturStoryId(name: string) {
  return (
    `${name} adalah salah satu dari lima belas motif Batik Tutur, batik khas Kabupaten Blitar. ` +
    `Batik Tutur dihidupkan kembali pada 2012 berdasarkan sebuah foto tahun 1902 di sebuah museum di Leiden, Belanda, ` +
    `yang berketerangan "Batik Afkomstig Uit Blitar" (batik yang berasal dari Blitar). ` +
    `Motif-motifnya menyusun hewan dan tumbuhan menjadi nasihat moral (pitutur): burung merak melambangkan kesombongan, singa melambangkan kekuasaan. ` +
    `Kelima belas nama motif Tutur dicatat dalam sebuah tulisan ilmiah ISI Surakarta.`
  );
}

function tuturStoryEn(name: string) {
  return (
    `${name} is one of the fifteen Batik Tutur motifs, the batik of Kabupaten Blitar. ` +
    `Batik Tutur was revived in 2012 from a 1902 photograph in a museum in Leiden, the Netherlands, ` +
    `captioned "Batik Afkomstig Uit Blitar" (batik from Blitar). ` +
    `Its motifs arrange animals and plants into moral advice (pitutur): the peacock stands for arrogance, the lion for power. ` +
    `The fifteen Tutur motif names are recorded in a paper from ISI Surakarta (the Indonesian Institute of the Arts in Surakarta).`
  );
}

const TUTUR: MotifSeed[] = TUTUR_NAMES.map((name, i) => ({
  slug: `tutur-${name.toLowerCase().replace(/\s+/g, "-")}`,
  name: `Tutur ${name}`,
  region: "kabupaten",
  origin: "Kabupaten Blitar — foto batik tahun 1902 di museum Leiden",
  year: null,
  storyId: tuturStoryId(name),
  storyEn: tuturStoryEn(name),
  meaningId:
    "Makna khusus motif ini belum tercatat dalam sumber yang kami temukan. Sebagai bagian dari Batik Tutur, motif ini membawa nasihat (pitutur).",
  meaningEn: "The specific meaning of this motif is not recorded in the sources we found. As part of Batik Tutur, it carries moral advice (pitutur).",
  pattern: TUTUR_PATTERNS[i % TUTUR_PATTERNS.length],
  palette: TUTUR_PALETTES[i % TUTUR_PALETTES.length],
  featured: name === "Pedhut Kelut",
  family: "tutur",
}));

const NOT_RECORDED_ID = "Makna simbolis motif ini belum tercatat dalam sumber yang kami temukan.";
const NOT_RECORDED_EN = "The symbolic meaning of this motif is not recorded in the sources we found.";

const OTHERS: MotifSeed[] = [
  {
    slug: "cakra-palah",
    name: "Cakra Palah",
    region: "kabupaten",
    origin: "Candi Penataran (Candi Palah), Kabupaten Blitar",
    year: 2020,
    storyId:
      "Cakra Palah ditetapkan sebagai motif ikon Kabupaten Blitar pada 6 Maret 2020. Motifnya diambil dari relief medalion di Candi Penataran — yang dahulu bernama Candi Palah — dengan lambang Surya Majapahit di tengahnya.",
    storyEn:
      "Cakra Palah was made the icon motif of Kabupaten Blitar on 6 March 2020. It is drawn from the medallion relief of Candi Penataran — once called Candi Palah — with the Surya Majapahit emblem at its centre.",
    meaningId: "Manusia tidak sempurna dan mencari kesempurnaan dengan berbuat baik.",
    meaningEn: "People are imperfect and seek perfection by doing good.",
    pattern: "medallion",
    palette: "sogan",
    featured: true,
  },
  {
    slug: "nareswari",
    name: "Nareswari",
    region: "kabupaten",
    origin: "Candi Sawentar, Desa Sawentar, Kanigoro",
    year: null,
    storyId:
      "Nareswari lahir di Desa Sawentar, Kecamatan Kanigoro, yang juga dikenal sebagai desa wisata dengan paket edukasi membatik. Motif ini terinspirasi Candi Sawentar dan dipadukan dengan ragam daun.",
    storyEn:
      "Nareswari comes from Sawentar village in Kanigoro district, also known as a tourism village with a batik education package. The motif is inspired by Candi Sawentar and combined with leaves.",
    meaningId: NOT_RECORDED_ID,
    meaningEn: NOT_RECORDED_EN,
    pattern: "leaf",
    palette: "hijau",
    featured: true,
  },
  {
    slug: "puspa-dahana",
    name: "Puspa Dahana",
    region: "kota",
    origin: "Relief Candi Gedog, Kota Blitar",
    year: 2022,
    storyId:
      "Puspa Dahana diciptakan di Kota Blitar pada 2022 dari sebuah relief Candi Gedog. Motif ini meraih penghargaan inovasi pada 2025.",
    storyEn: "Puspa Dahana was created in Kota Blitar in 2022 from a relief of Candi Gedog. The motif won an innovation award in 2025.",
    meaningId: "Puspa berarti bunga dan dahana berarti api: cahaya kehidupan dan penyucian.",
    meaningEn: "Puspa means flower and dahana means fire: the light of life and purification.",
    pattern: "floral",
    palette: "merah",
    featured: true,
  },
  {
    slug: "relief-penataran",
    name: "Relief Penataran",
    region: "kabupaten",
    origin: "Relief Candi Penataran, Nglegok, Kabupaten Blitar",
    year: null,
    storyId:
      "Relief-relief kompleks Candi Penataran di lereng Gunung Kelud menjadi salah satu tema batik Kabupaten Blitar. Pembatik memindahkan bentuk relief ke kain dalam berbagai gubahan.",
    storyEn:
      "The reliefs of the Candi Penataran temple complex on the slopes of Mount Kelud are one of the themes of Kabupaten Blitar batik. Artisans carry the relief forms onto cloth in many arrangements.",
    meaningId: NOT_RECORDED_ID,
    meaningEn: NOT_RECORDED_EN,
    pattern: "parang",
    palette: "sogan",
  },
  {
    slug: "koi-kendang-jimbe",
    name: "Koi & Kendang Jimbe",
    region: "kota",
    origin: "Ikon Kota Blitar: ikan koi dan kendang jimbe",
    year: null,
    storyId: "Ikan koi dan kendang jimbe adalah dua ikon Kota Blitar. Motif ini memadukan keduanya dalam satu kain.",
    storyEn: "The koi fish and the jimbe drum are two icons of Kota Blitar. This motif brings both together on one cloth.",
    meaningId: NOT_RECORDED_ID,
    meaningEn: NOT_RECORDED_EN,
    pattern: "fish",
    palette: "toska",
    featured: true,
  },
  {
    slug: "gendang-jimbe",
    name: "Gendang Jimbe",
    region: "kota",
    origin: "Kendang jimbe, ikon Kota Blitar",
    year: null,
    storyId: "Motif Gendang Jimbe mengambil bentuk kendang jimbe, salah satu ikon Kota Blitar, dan dibuat oleh pembatik di kota ini.",
    storyEn: "The Gendang Jimbe motif takes the shape of the jimbe drum, one of the icons of Kota Blitar, and is made by the city's batik artisans.",
    meaningId: NOT_RECORDED_ID,
    meaningEn: NOT_RECORDED_EN,
    pattern: "drum",
    palette: "kunyit",
  },
  {
    slug: "belimbing",
    name: "Belimbing",
    region: "kota",
    origin: "Buah belimbing, ikon Kota Blitar",
    year: null,
    storyId: "Belimbing (buah bintang) adalah salah satu ikon Kota Blitar. Irisan buahnya yang berbentuk bintang menjadi ragam hias batik.",
    storyEn: "The starfruit (belimbing) is one of the icons of Kota Blitar. Its star-shaped slice becomes a batik ornament.",
    meaningId: NOT_RECORDED_ID,
    meaningEn: NOT_RECORDED_EN,
    pattern: "starfruit",
    palette: "hijau",
  },
  {
    slug: "grebeg-pancasila",
    name: "Grebeg Pancasila",
    region: "kota",
    origin: "Tradisi Grebeg Pancasila, Kota Blitar",
    year: null,
    storyId:
      "Motif Grebeg Pancasila mengangkat tradisi budaya tahunan Kota Blitar yang digelar setiap 31 Mei–1 Juni, memperingati lahirnya Pancasila pada 1 Juni.",
    storyEn:
      "The Grebeg Pancasila motif takes up the yearly cultural tradition of Kota Blitar held every 31 May–1 June, marking the birth of Pancasila on 1 June.",
    meaningId: NOT_RECORDED_ID,
    meaningEn: NOT_RECORDED_EN,
    pattern: "ceplok",
    palette: "merah",
  },
  {
    slug: "sekar-jagad",
    name: "Sekar Jagad",
    region: "kota",
    origin: "Motif klasik Jawa yang juga dibuat di Kota Blitar",
    year: null,
    storyId: "Sekar Jagad adalah motif klasik Jawa yang juga dibuat oleh pembatik Kota Blitar dengan warna dan isen-isen mereka sendiri.",
    storyEn: "Sekar Jagad is a classic Javanese motif that Kota Blitar artisans also make, with their own colours and fillings.",
    meaningId: "Sekar berarti bunga dan jagad berarti dunia: keindahan dan keragaman dunia.",
    meaningEn: "Sekar means flower and jagad means world: the beauty and diversity of the world.",
    pattern: "lattice",
    palette: "ungu",
  },
  {
    slug: "mujair",
    name: "Mujair",
    region: "kabupaten",
    origin: "Ikan mujair, Kabupaten Blitar",
    year: null,
    storyId: "Ikan mujair, yang namanya diambil dari Mbah Moedjair asal Blitar, menjadi salah satu tema batik Kabupaten Blitar.",
    storyEn: "The mujair fish (tilapia), named after Mbah Moedjair of Blitar, is one of the themes of Kabupaten Blitar batik.",
    meaningId: NOT_RECORDED_ID,
    meaningEn: NOT_RECORDED_EN,
    pattern: "fish",
    palette: "indigo",
  },
  {
    slug: "nanas",
    name: "Nanas",
    region: "kabupaten",
    origin: "Buah nanas, hasil bumi Kabupaten Blitar",
    year: null,
    storyId: "Nanas, salah satu hasil bumi Kabupaten Blitar, menjadi tema batik dengan pola kulit buahnya yang berjajar belah ketupat.",
    storyEn: "The pineapple, one of the crops of Kabupaten Blitar, becomes a batik theme with the diamond lattice of its skin.",
    meaningId: NOT_RECORDED_ID,
    meaningEn: NOT_RECORDED_EN,
    pattern: "lattice",
    palette: "kunyit",
  },
  {
    slug: "kakao",
    name: "Kakao",
    region: "kabupaten",
    origin: "Kakao, hasil perkebunan Kabupaten Blitar",
    year: null,
    storyId: "Buah dan daun kakao dari kebun-kebun di Kabupaten Blitar menjadi tema batik setempat.",
    storyEn: "The pods and leaves of cocoa from the plantations of Kabupaten Blitar are a local batik theme.",
    meaningId: NOT_RECORDED_ID,
    meaningEn: NOT_RECORDED_EN,
    pattern: "pod",
    palette: "alam",
  },
  {
    slug: "bendo",
    name: "Bendo",
    region: "kota",
    origin: "Pohon bendo, Kelurahan Bendogerit, Kota Blitar",
    year: null,
    storyId: "Pohon bendo, yang dikaitkan dengan nama Kelurahan Bendogerit di Kota Blitar, menjadi salah satu tema batik kota ini.",
    storyEn: "The bendo tree, linked with the name of Bendogerit in Kota Blitar, is one of the city's batik themes.",
    meaningId: NOT_RECORDED_ID,
    meaningEn: NOT_RECORDED_EN,
    pattern: "tree",
    palette: "hijau",
  },
];

export const REAL_MOTIFS: MotifSeed[] = [...OTHERS, ...TUTUR];

/**
 * Motifs created by the fictional demo shops (never attributed to a real
 * person): they give artisan profiles a "motifs created" list and the
 * innovation indicator new registrations over time.
 */
export type ShopMotifSeed = MotifSeed & { creatorKey: string; monthsAgo: number; status: "published" | "proposed"; registration?: "pending" | "registered" };

export const SHOP_MOTIFS: ShopMotifSeed[] = [
  {
    slug: "sekar-lintang",
    name: "Sekar Lintang",
    region: "kabupaten",
    origin: "Desa Tlogo, Kanigoro",
    year: null,
    storyId: "Motif karya Batik Lintang Tlogo (usaha fiktif untuk data contoh): bunga-bunga kecil bertabur bintang, digambar dengan canting halus.",
    storyEn: "A motif by Batik Lintang Tlogo (a fictional demo shop): small flowers scattered with stars, drawn with a fine canting.",
    meaningId: "Menurut pembuatnya: harapan yang tetap menyala di malam hari.",
    meaningEn: "In its maker's words: hope that keeps shining at night.",
    pattern: "truntum",
    palette: "indigo",
    creatorKey: "lintang",
    monthsAgo: 20,
    status: "published",
    registration: "registered",
  },
  {
    slug: "koi-kembar",
    name: "Koi Kembar",
    region: "kota",
    origin: "Kelurahan Bendogerit, Kota Blitar",
    year: null,
    storyId: "Motif karya Batik Koi Kembar Bendogerit (usaha fiktif untuk data contoh): sepasang koi berenang berlawanan arah di antara riak air.",
    storyEn: "A motif by Batik Koi Kembar Bendogerit (a fictional demo shop): a pair of koi swimming in opposite directions among ripples.",
    meaningId: "Menurut pembuatnya: kerukunan dua pihak yang berbeda arah.",
    meaningEn: "In its maker's words: harmony between two sides going different ways.",
    pattern: "waves",
    palette: "toska",
    creatorKey: "koi",
    monthsAgo: 11,
    status: "published",
    registration: "pending",
  },
  {
    slug: "ciprat-kelud",
    name: "Ciprat Kelud",
    region: "kabupaten",
    origin: "Desa Resapombo, Doko",
    year: null,
    storyId: "Motif karya Ciprat Pelangi Resapombo (usaha fiktif untuk data contoh): percikan malam dan warna seperti abu dan bara Gunung Kelud.",
    storyEn: "A motif by Ciprat Pelangi Resapombo (a fictional demo shop): splashes of wax and colour like the ash and embers of Mount Kelud.",
    meaningId: "Menurut pembuatnya: keindahan yang lahir dari kejadian tak terduga.",
    meaningEn: "In its maker's words: beauty born from the unexpected.",
    pattern: "ciprat",
    palette: "merah",
    creatorKey: "ciprat",
    monthsAgo: 5,
    status: "published",
  },
  {
    slug: "daun-kakao-wonodadi",
    name: "Daun Kakao Wonodadi",
    region: "kabupaten",
    origin: "Kecamatan Wonodadi",
    year: null,
    storyId: "Usulan motif dari Batik Sinar Wonodadi (usaha fiktif untuk data contoh), menunggu kurasi asosiasi.",
    storyEn: "A motif proposed by Batik Sinar Wonodadi (a fictional demo shop), waiting for the association's curation.",
    meaningId: "",
    meaningEn: "",
    pattern: "pod",
    palette: "hijau",
    creatorKey: "wonodadi",
    monthsAgo: 1,
    status: "proposed",
  },
];
