import { describe, expect, it } from "vitest";
import en from "./en.json";
import id from "./id.json";

type Tree = { [key: string]: string | Tree };

/** Every leaf as a dotted key ("nav.motifs"), so a missing key names itself. */
function leaves(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of leaves(value as Tree, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

/** i18next placeholders such as {{year}} must match between languages. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
}

const idKeys = leaves(id as Tree);
const enKeys = leaves(en as Tree);

describe("locale files", () => {
  it("have exactly the same keys (deep)", () => {
    const onlyId = [...idKeys.keys()].filter((k) => !enKeys.has(k));
    const onlyEn = [...enKeys.keys()].filter((k) => !idKeys.has(k));
    expect({ missingInEn: onlyId, missingInId: onlyEn }).toEqual({ missingInEn: [], missingInId: [] });
  });

  it("contain only non-empty strings", () => {
    const bad = [...idKeys, ...enKeys]
      .filter(([, value]) => typeof value !== "string" || value.trim() === "")
      .map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it("use the same interpolation placeholders in both languages", () => {
    const mismatched = [...idKeys.keys()]
      .filter((k) => enKeys.has(k))
      .filter((k) => placeholders(String(idKeys.get(k))).join() !== placeholders(String(enKeys.get(k))).join());
    expect(mismatched).toEqual([]);
  });

  it("are really translated: the site name aside, most strings differ", () => {
    const same = [...idKeys.keys()].filter((k) => enKeys.has(k) && idKeys.get(k) === enKeys.get(k));
    // Proper nouns (Batik Blitar, technique names) may be equal; a copied file would not pass this.
    expect(same.length).toBeLessThan(idKeys.size / 4);
  });
});
