import { describe, expect, it } from "vitest";
import { excerpt, pageMeta } from "./page-meta";

describe("excerpt", () => {
  it("keeps short text whole and collapses whitespace", () => {
    expect(excerpt("  Batik   tulis\n dari Tlogo ")).toBe("Batik tulis dari Tlogo");
  });

  it("cuts long text at a word boundary under the limit", () => {
    const text = "Cakra Palah ditetapkan sebagai motif ikon Kabupaten Blitar pada 6 Maret 2020, dari relief medalion Candi Penataran.";
    const cut = excerpt(text, 60);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(cut.endsWith("…")).toBe(true);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut).not.toMatch(/[\s,]…$/);
  });
});

describe("pageMeta", () => {
  it("gives nothing for an error response and title, description and Open Graph for data", () => {
    expect(pageMeta(undefined)).toEqual([]);
    const meta = pageMeta({ meta: { title: "Motif · Batik Blitar", description: "Daftar motif" } });
    expect(meta).toContainEqual({ title: "Motif · Batik Blitar" });
    expect(meta).toContainEqual({ name: "description", content: "Daftar motif" });
    expect(meta).toContainEqual({ property: "og:title", content: "Motif · Batik Blitar" });
    expect(meta.some((m) => "name" in m && m.name === "robots")).toBe(false);
  });

  it("asks search engines not to index search results", () => {
    expect(pageMeta({ meta: { title: "t", description: "d", noindex: true } })).toContainEqual({ name: "robots", content: "noindex, follow" });
  });
});
