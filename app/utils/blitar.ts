/**
 * The districts (kecamatan) of Blitar: the 22 of Kabupaten Blitar and the 3
 * of Kota Blitar. No name appears in both, so a district decides its regency.
 * Plain data, safe for the browser bundle (the profile form's select).
 */
export const BLITAR_DISTRICTS = {
  kabupaten: [
    "Bakung",
    "Binangun",
    "Doko",
    "Gandusari",
    "Garum",
    "Kademangan",
    "Kanigoro",
    "Kesamben",
    "Nglegok",
    "Panggungrejo",
    "Ponggok",
    "Sanankulon",
    "Selopuro",
    "Selorejo",
    "Srengat",
    "Sutojayan",
    "Talun",
    "Udanawu",
    "Wates",
    "Wlingi",
    "Wonodadi",
    "Wonotirto",
  ],
  kota: ["Kepanjenkidul", "Sananwetan", "Sukorejo"],
} as const satisfies Record<"kabupaten" | "kota", readonly string[]>;

export type Regency = keyof typeof BLITAR_DISTRICTS;
export const ALL_BLITAR_DISTRICTS: readonly string[] = [...BLITAR_DISTRICTS.kabupaten, ...BLITAR_DISTRICTS.kota];

/** The regency a district belongs to, or null for a name that is not a district of Blitar. */
export function regencyOfDistrict(district: string): Regency | null {
  if ((BLITAR_DISTRICTS.kabupaten as readonly string[]).includes(district)) return "kabupaten";
  if ((BLITAR_DISTRICTS.kota as readonly string[]).includes(district)) return "kota";
  return null;
}
