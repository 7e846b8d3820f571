/**
 * Agencies and associations (real institutions, names "as of" the regional
 * regulations in the facts file), the demo accounts, and the pools the seed
 * draws fictional buyers from. Buyer e-mails use the reserved example.*
 * domains (RFC 2606), so no message can ever reach a real person.
 */
import type { AgencyKind } from "../../../app/models/agency.server";
import type { Role } from "../../../app/models/user.server";

export const DEMO_PASSWORD = "batik-demo-2026";
/** ".test" is reserved (RFC 2606): demo addresses can never reach a real mailbox. */
export const DEMO_DOMAIN = "demo.test";
/** The shop whose owner logs in as artisan@demo.test (verified, with products): the one demo artisan login to try first. */
export const DEMO_ARTISAN_KEY = "lintang";

/** The owner login of a demo shop: artisan@demo.test for the showcase shop, <key>@demo.test for the others. */
export function ownerEmail(artisanKey: string): string {
  return artisanKey === DEMO_ARTISAN_KEY ? `artisan@${DEMO_DOMAIN}` : `${artisanKey}@${DEMO_DOMAIN}`;
}

export type AgencySeed = { key: string; slug: string; name: string; shortName: string; kind: AgencyKind; region: "kota" | "kabupaten" | "province" };

export const AGENCIES: AgencySeed[] = [
  { key: "disperindag-kota", slug: "disperindag-kota-blitar", name: "Dinas Perindustrian dan Perdagangan Kota Blitar", shortName: "Disperindag Kota Blitar", kind: "industry_trade", region: "kota" },
  { key: "dinkop-kota", slug: "dinkop-ukm-naker-kota-blitar", name: "Dinas Koperasi, UKM dan Tenaga Kerja Kota Blitar", shortName: "Dinkop UKM & Naker Kota Blitar", kind: "cooperatives_msme", region: "kota" },
  { key: "disbudpar-kota", slug: "disbudpar-kota-blitar", name: "Dinas Kebudayaan dan Pariwisata Kota Blitar", shortName: "Disbudpar Kota Blitar", kind: "culture_tourism", region: "kota" },
  { key: "dekranasda-kota", slug: "dekranasda-kota-blitar", name: "Dewan Kerajinan Nasional Daerah Kota Blitar", shortName: "Dekranasda Kota Blitar", kind: "dekranasda", region: "kota" },
  { key: "disperindag-kab", slug: "disperindag-kabupaten-blitar", name: "Dinas Perindustrian dan Perdagangan Kabupaten Blitar", shortName: "Disperindag Kab. Blitar", kind: "industry_trade", region: "kabupaten" },
  { key: "dinkop-kab", slug: "dinkop-um-kabupaten-blitar", name: "Dinas Koperasi dan Usaha Mikro Kabupaten Blitar", shortName: "Dinkop UM Kab. Blitar", kind: "cooperatives_msme", region: "kabupaten" },
  { key: "disbudpar-kab", slug: "disbudpar-kabupaten-blitar", name: "Dinas Kebudayaan dan Pariwisata Kabupaten Blitar", shortName: "Disbudpar Kab. Blitar", kind: "culture_tourism", region: "kabupaten" },
  { key: "dekranasda-kab", slug: "dekranasda-kabupaten-blitar", name: "Dewan Kerajinan Nasional Daerah Kabupaten Blitar", shortName: "Dekranasda Kab. Blitar", kind: "dekranasda", region: "kabupaten" },
  { key: "dekranasda-jatim", slug: "dekranasda-jawa-timur", name: "Dewan Kerajinan Nasional Daerah Provinsi Jawa Timur", shortName: "Dekranasda Jatim", kind: "dekranasda", region: "province" },
];

export const ASSOCIATIONS = [
  { key: "apbb", slug: "apbb", name: "Asosiasi Pengrajin Batik Kabupaten Blitar", shortName: "APBB", region: "kabupaten" as const, foundedYear: null },
  // Ababil's area is uncertain in the sources, hence "both".
  { key: "ababil", slug: "ababil", name: "Asosiasi Batik Blitar Asli", shortName: "Ababil", region: "both" as const, foundedYear: 2015 },
];

export type DemoUserSeed = {
  key: string;
  email: string;
  name: string;
  roles: Role[];
  agencies?: string[];
  associations?: string[];
  description: string;
};

/** The people staff accounts stand for are fictional; only the institutions are real. */
export const DEMO_USERS: DemoUserSeed[] = [
  { key: "admin", email: `admin@${DEMO_DOMAIN}`, name: "Operator Batik Blitar", roles: ["admin"], description: "Platform operator: users and roles, payment confirmation" },
  { key: "buyer", email: `buyer@${DEMO_DOMAIN}`, name: "Rina Kusumawati", roles: ["buyer"], description: "Buyer with order history and inquiry threads" },
  {
    key: "organizer",
    email: `organizer@${DEMO_DOMAIN}`,
    name: "Dewi Anggraini",
    roles: ["organizer"],
    agencies: ["disbudpar-kota"],
    description: "Organizer at Disbudpar Kota Blitar: events and exhibitor applications",
  },
  {
    key: "organizer-kab",
    email: `organizer.kab@${DEMO_DOMAIN}`,
    name: "Hendra Wijaya",
    roles: ["organizer"],
    agencies: ["disbudpar-kab", "dekranasda-kab"],
    description: "Organizer at Disbudpar and Dekranasda Kabupaten Blitar",
  },
  {
    key: "agency",
    email: `agency@${DEMO_DOMAIN}`,
    name: "Fitri Handayani",
    roles: ["agency"],
    agencies: ["dinkop-kab", "disperindag-kab"],
    description: "Agency staff, Kabupaten Blitar (cooperatives, industry & trade): indicators, programmes",
  },
  {
    key: "agency-kota",
    email: `agency.kota@${DEMO_DOMAIN}`,
    name: "Yoga Pratama",
    roles: ["agency"],
    agencies: ["dinkop-kota", "disperindag-kota"],
    description: "Agency staff, Kota Blitar (cooperatives, industry & trade): indicators, programmes",
  },
  {
    key: "association",
    email: `association@${DEMO_DOMAIN}`,
    name: "Sri Rejeki",
    roles: ["association"],
    associations: ["apbb"],
    description: "APBB officer: member verification, motif curation",
  },
  {
    key: "ababil",
    email: `ababil@${DEMO_DOMAIN}`,
    name: "Joko Susilo",
    roles: ["association"],
    associations: ["ababil"],
    description: "Ababil officer: member verification, motif curation",
  },
];

export const FIRST_NAMES = [
  "Ahmad", "Budi", "Citra", "Dian", "Eka", "Fajar", "Gita", "Hadi", "Indah", "Joko", "Kartika", "Lestari", "Made", "Nur",
  "Oktaviani", "Putri", "Rizky", "Sari", "Teguh", "Utami", "Wulan", "Yusuf", "Zainal", "Ayu", "Bayu", "Dewi", "Fitri",
  "Hendra", "Ika", "Lukman", "Mega", "Novi", "Rahmat", "Santi", "Tri", "Wahyu", "Yanti", "Arif", "Retno", "Galih",
];
export const LAST_NAMES = [
  "Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Kurniawan", "Pratama", "Susanti", "Nugroho", "Rahayu", "Setiawan",
  "Purnomo", "Handoko", "Maharani", "Wibowo", "Anggraini", "Firmansyah", "Permata", "Suryadi", "Utomo",
];
export const FOREIGN_NAMES = [
  ["Emma", "de Vries"], ["Lucas", "Jansen"], ["Mei Ling", "Tan"], ["Wei Jie", "Lim"], ["Aiko", "Tanaka"], ["Haruto", "Sato"],
  ["Olivia", "Brown"], ["Jack", "Wilson"], ["Sophie", "Müller"], ["Nurul", "Aziz"], ["Farah", "Ismail"], ["Sarah", "Miller"],
] as const;

export type Place = { country: string; province: string; city: string; postal: string; weight: number; scope: "blitar" | "indonesia" | "abroad" };

export const PLACES: Place[] = [
  { country: "ID", province: "Jawa Timur", city: "Kota Blitar", postal: "66131", weight: 16, scope: "blitar" },
  { country: "ID", province: "Jawa Timur", city: "Kabupaten Blitar", postal: "66171", weight: 14, scope: "blitar" },
  { country: "ID", province: "Jawa Timur", city: "Surabaya", postal: "60111", weight: 12, scope: "indonesia" },
  { country: "ID", province: "Jawa Timur", city: "Malang", postal: "65111", weight: 9, scope: "indonesia" },
  { country: "ID", province: "Jawa Timur", city: "Kediri", postal: "64111", weight: 5, scope: "indonesia" },
  { country: "ID", province: "Jawa Timur", city: "Tulungagung", postal: "66211", weight: 4, scope: "indonesia" },
  { country: "ID", province: "DKI Jakarta", city: "Jakarta Selatan", postal: "12110", weight: 10, scope: "indonesia" },
  { country: "ID", province: "Jawa Barat", city: "Bandung", postal: "40111", weight: 5, scope: "indonesia" },
  { country: "ID", province: "DI Yogyakarta", city: "Yogyakarta", postal: "55111", weight: 4, scope: "indonesia" },
  { country: "ID", province: "Jawa Tengah", city: "Semarang", postal: "50111", weight: 3, scope: "indonesia" },
  { country: "ID", province: "Bali", city: "Denpasar", postal: "80111", weight: 3, scope: "indonesia" },
  { country: "ID", province: "Sumatera Utara", city: "Medan", postal: "20111", weight: 2, scope: "indonesia" },
  { country: "ID", province: "Sulawesi Selatan", city: "Makassar", postal: "90111", weight: 2, scope: "indonesia" },
  { country: "ID", province: "Kalimantan Timur", city: "Balikpapan", postal: "76111", weight: 2, scope: "indonesia" },
  { country: "SG", province: "", city: "Singapore", postal: "049315", weight: 2.5, scope: "abroad" },
  { country: "MY", province: "Kuala Lumpur", city: "Kuala Lumpur", postal: "50050", weight: 2, scope: "abroad" },
  { country: "NL", province: "Zuid-Holland", city: "Leiden", postal: "2311", weight: 1.5, scope: "abroad" },
  { country: "AU", province: "Victoria", city: "Melbourne", postal: "3000", weight: 1.2, scope: "abroad" },
  { country: "JP", province: "Tokyo", city: "Tokyo", postal: "100-0001", weight: 1, scope: "abroad" },
  { country: "DE", province: "Berlin", city: "Berlin", postal: "10115", weight: 0.8, scope: "abroad" },
  { country: "US", province: "California", city: "San Francisco", postal: "94103", weight: 0.8, scope: "abroad" },
];
