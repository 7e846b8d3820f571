/**
 * The calendar, laid out around "now": the yearly occasions of the facts
 * file (Hari Batik Nasional on 2 October, Festival Batik Blitar Keren in
 * March, Grebeg Pancasila on 31 May–1 June, the Kabupaten anniversary around
 * 5 August, the East Java Dekranasda fair in Surabaya in March), trainings
 * and a monthly bazaar. Past editions reach back over the whole history so
 * that exhibitions leave their mark in the sales; future ones reach 12
 * months ahead. Dates of future editions are the demo's assumption, not
 * announcements.
 */
import type { EventKind } from "../../../app/models/event.server";
import type { PatternKind, PaletteKey } from "../images";
import { addDays, addWibMonths, wib, wibParts } from "../time";

export type EventSeed = {
  key: string;
  slug: string;
  kind: EventKind;
  titleId: string;
  titleEn: string;
  descriptionId: string;
  descriptionEn: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  venue: string;
  address: string;
  city: string;
  organizer: string;
  standsCapacity: number | null;
  applicationDeadline: Date | null;
  cancelled: boolean;
  featured: boolean;
  /** How many exhibitors to invite (0 for trainings). */
  exhibitors: number;
  /** A campaign short link promotes the event (social media). */
  campaign: boolean;
  image: { pattern: PatternKind; palette: PaletteKey };
  programme?: "natural-dye" | "ipal" | "jatim-fair" | "digital";
};

const MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The first given weekday (0 = Sunday) on or after a WIB date. */
function weekdayOnOrAfter(year: number, month: number, day: number, weekday: number): { year: number; month: number; day: number } {
  const start = wib(year, month, day, 12);
  const offset = (weekday - wibParts(start).weekday + 7) % 7;
  const p = wibParts(addDays(start, offset));
  return { year: p.year, month: p.month, day: p.day };
}

export function buildEvents(now: Date, historyStart: Date): EventSeed[] {
  const horizon = addWibMonths(now, 12);
  const events: EventSeed[] = [];
  const firstYear = wibParts(historyStart).year;
  const lastYear = wibParts(horizon).year;

  for (let y = firstYear; y <= lastYear; y++) {
    events.push({
      key: `hbn-${y}`,
      slug: `gelar-batik-hari-batik-nasional-${y}`,
      kind: "exhibition",
      titleId: `Gelar Batik Blitar: Hari Batik Nasional ${y}`,
      titleEn: `Blitar Batik Showcase: National Batik Day ${y}`,
      descriptionId:
        "Pameran batik Kabupaten dan Kota Blitar pada Hari Batik Nasional (2 Oktober), yang juga hari jadi Asosiasi Pengrajin Batik Kabupaten Blitar (APBB). Pengunjung dapat membeli langsung dari pembatik dan mencoba membatik.",
      descriptionEn:
        "A showcase of Blitar batik on National Batik Day (2 October), which is also the anniversary of the Kabupaten Blitar batik artisans' association (APBB). Visitors can buy directly from the artisans and try batik-making.",
      startsAt: wib(y, 10, 2, 0, 0),
      endsAt: wib(y, 10, 2, 23, 59),
      allDay: true,
      venue: "Kawasan Pemerintahan Kabupaten Blitar",
      address: "Kanigoro, Kabupaten Blitar",
      city: "Blitar",
      organizer: "disperindag-kab",
      standsCapacity: 30,
      applicationDeadline: wib(y, 9, 15, 23, 59),
      cancelled: false,
      featured: true,
      exhibitors: 7,
      campaign: true,
      image: { pattern: "parang", palette: "sogan" },
    });

    const fest = weekdayOnOrAfter(y, 3, 6, 5);
    const festStart = wib(fest.year, fest.month, fest.day, 9, 0);
    events.push({
      key: `festival-${y}`,
      slug: `festival-batik-blitar-keren-${y}`,
      kind: "festival",
      titleId: `Festival Batik Blitar Keren ${y}`,
      titleEn: `Festival Batik Blitar Keren ${y}`,
      descriptionId:
        "Festival batik tahunan Kota Blitar: stan pembatik, peragaan busana batik, lomba desain motif dan kelas membatik untuk anak-anak.",
      descriptionEn: "Kota Blitar's yearly batik festival: artisans' stands, a batik fashion show, a motif design contest and batik classes for children.",
      startsAt: festStart,
      endsAt: addDays(wib(fest.year, fest.month, fest.day, 21, 0), 2),
      allDay: false,
      venue: y % 2 === 0 ? "Monumen PETA" : "Istana Gebang",
      address: "Kota Blitar",
      city: "Blitar",
      organizer: "disperindag-kota",
      standsCapacity: 50,
      applicationDeadline: addDays(festStart, -21),
      cancelled: false,
      featured: true,
      exhibitors: 8,
      campaign: false,
      image: { pattern: "medallion", palette: "merah" },
    });

    const fair = weekdayOnOrAfter(y, 3, 18, 3);
    const fairStart = wib(fair.year, fair.month, fair.day, 10, 0);
    events.push({
      key: `jatim-fair-${y}`,
      slug: `batik-bordir-aksesoris-fair-${y}`,
      kind: "exhibition",
      titleId: `Batik, Bordir & Aksesoris Fair ${y}`,
      titleEn: `Batik, Embroidery & Accessories Fair ${y}`,
      descriptionId:
        "Pameran Dekranasda Provinsi Jawa Timur di Surabaya. Pembatik Blitar hadir di paviliun Blitar dengan fasilitasi pemerintah daerah.",
      descriptionEn:
        "The East Java Dekranasda fair in Surabaya. Blitar artisans exhibit in the Blitar pavilion with support from the regional government.",
      startsAt: fairStart,
      endsAt: addDays(wib(fair.year, fair.month, fair.day, 21, 0), 4),
      allDay: false,
      venue: "Gedung pameran, Surabaya",
      address: "Surabaya, Jawa Timur",
      city: "Surabaya",
      organizer: "dekranasda-jatim",
      standsCapacity: 200,
      applicationDeadline: addDays(fairStart, -30),
      cancelled: false,
      featured: false,
      exhibitors: 4,
      campaign: false,
      image: { pattern: "ceplok", palette: "indigo" },
      programme: "jatim-fair",
    });

    events.push({
      key: `grebeg-${y}`,
      slug: `grebeg-pancasila-${y}`,
      kind: "festival",
      titleId: `Grebeg Pancasila ${y}`,
      titleEn: `Grebeg Pancasila ${y}`,
      descriptionId:
        "Tradisi budaya tahunan Kota Blitar pada 31 Mei–1 Juni memperingati lahirnya Pancasila, dengan kirab gunungan dan bazar UMKM termasuk batik.",
      descriptionEn:
        "Kota Blitar's yearly cultural tradition on 31 May–1 June marking the birth of Pancasila, with a procession and a small-business bazaar including batik.",
      startsAt: wib(y, 5, 31, 8, 0),
      endsAt: wib(y, 6, 1, 22, 0),
      allDay: false,
      venue: "Alun-alun Kota Blitar",
      address: "Kota Blitar",
      city: "Blitar",
      organizer: "disbudpar-kota",
      standsCapacity: 40,
      applicationDeadline: wib(y, 5, 10, 23, 59),
      cancelled: false,
      featured: false,
      exhibitors: 4,
      campaign: false,
      image: { pattern: "ceplok", palette: "merah" },
    });

    events.push({
      key: `hari-jadi-${y}`,
      slug: `pameran-hari-jadi-kabupaten-blitar-${y}`,
      kind: "exhibition",
      titleId: `Pameran UMKM Hari Jadi Kabupaten Blitar ${y}`,
      titleEn: `Kabupaten Blitar Anniversary Small-Business Fair ${y}`,
      descriptionId: "Pameran produk UMKM dalam rangka hari jadi Kabupaten Blitar (sekitar 5 Agustus), dengan deretan stan batik dari desa-desa sentra.",
      descriptionEn: "A fair of local small businesses for the Kabupaten Blitar anniversary (around 5 August), with a row of batik stands from the batik villages.",
      startsAt: wib(y, 8, 4, 9, 0),
      endsAt: wib(y, 8, 7, 21, 0),
      allDay: false,
      venue: "Kawasan Pemerintahan Kabupaten Blitar",
      address: "Kanigoro, Kabupaten Blitar",
      city: "Blitar",
      organizer: "dekranasda-kab",
      standsCapacity: 60,
      applicationDeadline: wib(y, 7, 15, 23, 59),
      cancelled: false,
      featured: false,
      exhibitors: 6,
      campaign: false,
      image: { pattern: "kawung", palette: "kunyit" },
    });
  }

  // Trainings and workshops, placed relative to now.
  const at = (monthsFromNow: number, day: number, hour: number) => {
    const p = wibParts(addWibMonths(now, monthsFromNow));
    return wib(p.year, p.month, day, hour, 0);
  };
  const training = (
    key: string,
    start: Date,
    days: number,
    organizer: string,
    titleId: string,
    titleEn: string,
    descriptionId: string,
    descriptionEn: string,
    venue: string,
    programme?: EventSeed["programme"],
  ): EventSeed => ({
    key,
    slug: `${key}-${wibParts(start).year}-${String(wibParts(start).month).padStart(2, "0")}`,
    kind: "training",
    titleId,
    titleEn,
    descriptionId,
    descriptionEn,
    startsAt: start,
    endsAt: addDays(new Date(start.getTime() + 7 * 3_600_000), days - 1),
    allDay: false,
    venue,
    address: "Blitar, Jawa Timur",
    city: "Blitar",
    organizer,
    standsCapacity: null,
    applicationDeadline: addDays(start, -7),
    cancelled: false,
    featured: false,
    exhibitors: 0,
    campaign: false,
    image: { pattern: "leaf", palette: "alam" },
    programme,
  });
  const naturalId = "Pelatihan tiga hari membuat dan memakai pewarna alam (tegeran, tingi, indigo, daun mangga), termasuk fiksasi warna dan pengujian luntur.";
  const naturalEn = "A three-day training in making and using natural dyes (tegeran, tingi, indigo, mango leaves), including colour fixing and fastness tests.";
  events.push(
    training("pelatihan-pewarna-alam", at(-15, 12, 8), 3, "dinkop-kab", "Pelatihan Pewarnaan Alam untuk Pembatik", "Natural Dye Training for Batik Artisans", naturalId, naturalEn, "Balai Desa Tlogo, Kanigoro", "natural-dye"),
    training(
      "sosialisasi-ipal-batik",
      at(-11, 8, 9),
      1,
      "disperindag-kab",
      "Sosialisasi Pengolahan Limbah Batik (IPAL)",
      "Briefing on Batik Wastewater Treatment (IPAL)",
      "Pengenalan instalasi pengolahan air limbah (IPAL) untuk usaha batik: mengapa limbah pewarnaan dan pelorodan perlu diolah, pilihan teknologi, biaya operasi dan syarat hibah.",
      "An introduction to wastewater treatment plants (IPAL) for batik businesses: why dyeing and wax-removal wastewater needs treating, technology options, running costs and grant conditions.",
      "Kawasan Pemerintahan Kabupaten Blitar",
      "ipal",
    ),
    training(
      "pelatihan-pemasaran-digital",
      at(-7, 14, 8),
      2,
      "dinkop-kota",
      "Pelatihan Pemasaran Digital untuk UMKM Batik",
      "Digital Marketing Training for Batik Businesses",
      "Dua hari praktik memotret produk, menulis deskripsi, menjual di marketplace dan media sosial, serta membaca statistik toko.",
      "Two days of hands-on product photography, writing descriptions, selling on marketplaces and social media, and reading shop statistics.",
      "Ruang pelatihan Dinas Koperasi, UKM dan Tenaga Kerja Kota Blitar",
      "digital",
    ),
    training("lokakarya-pewarna-alam", at(2, 10, 8), 2, "disperindag-kab", "Lokakarya Pewarna Alam: Tegeran, Tingi dan Indigo", "Natural Dye Workshop: Tegeran, Tingi and Indigo", naturalId, naturalEn, "Balai Desa Sawentar, Kanigoro"),
    training(
      "pelatihan-pemasaran-digital",
      at(1, 20, 8),
      2,
      "dinkop-kota",
      "Pelatihan Pemasaran Digital Lanjutan",
      "Advanced Digital Marketing Training",
      "Lanjutan pelatihan pemasaran digital: iklan berbayar, katalog daring dan melayani pembeli luar negeri.",
      "A follow-up to the digital marketing training: paid ads, online catalogues and serving buyers abroad.",
      "Ruang pelatihan Dinas Koperasi, UKM dan Tenaga Kerja Kota Blitar",
    ),
  );

  // The monthly bazaar: the first Sunday of each month, from six months ago to three months ahead.
  for (let m = -6; m <= 3; m++) {
    const p = wibParts(addWibMonths(now, m));
    const sunday = weekdayOnOrAfter(p.year, p.month, 1, 0);
    const start = wib(sunday.year, sunday.month, sunday.day, 6, 0);
    const monthId = `${MONTHS_ID[sunday.month - 1]} ${sunday.year}`;
    const monthEn = `${MONTHS_EN[sunday.month - 1]} ${sunday.year}`;
    events.push({
      key: `bazar-${sunday.year}-${sunday.month}`,
      slug: `bazar-batik-blitar-${sunday.year}-${String(sunday.month).padStart(2, "0")}`,
      kind: "bazaar",
      titleId: `Bazar Batik Blitar ${monthId}`,
      titleEn: `Blitar Batik Bazaar, ${monthEn}`,
      descriptionId: "Bazar batik bulanan pada Minggu pagi pertama setiap bulan, bersamaan dengan hari bebas kendaraan.",
      descriptionEn: "The monthly batik bazaar on the first Sunday morning of each month, during the car-free morning.",
      startsAt: start,
      endsAt: wib(sunday.year, sunday.month, sunday.day, 11, 0),
      allDay: false,
      venue: "Alun-alun Kota Blitar",
      address: "Kota Blitar",
      city: "Blitar",
      organizer: "dekranasda-kota",
      standsCapacity: 20,
      applicationDeadline: addDays(start, -5),
      // One upcoming bazaar is called off, so the calendar shows a cancellation.
      cancelled: m === 2,
      featured: false,
      exhibitors: 4,
      campaign: false,
      image: { pattern: "lattice", palette: "hijau" },
    });
  }

  return events
    .filter((e) => e.startsAt.getTime() >= historyStart.getTime() && e.startsAt.getTime() <= horizon.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
