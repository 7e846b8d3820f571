import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import id from "~/locales/id.json";
import { actionLabel, describeDetails, parseDetails, subjectLabel } from "./audit-entry";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: "en", resources: { en: { common: en } }, defaultNS: "common", interpolation: { escapeValue: false } });
});

describe("audit entry rendering", () => {
  it("labels known actions and subject types, and shows unknown ones as their code", () => {
    expect(actionLabel(i18n.t, "role.granted")).toBe("Role granted");
    expect(actionLabel(i18n.t, "payout.settled")).toBe("payout.settled");
    expect(subjectLabel(i18n.t, "artisan")).toBe("Artisan shop");
    expect(subjectLabel(i18n.t, "payout")).toBe("payout");
  });

  it("turns a role change into the role, one before → after line and the agency's name", () => {
    const details = parseDetails(
      JSON.stringify({ role: "agency", before: ["buyer"], after: ["agency", "buyer"], agency: { id: 2, name: "Dinas Koperasi" } }),
    );
    expect(describeDetails(i18n.t, details)).toEqual([
      { key: "role", label: "Role", text: "Agency" },
      { key: "change", label: "Roles before → after", text: "Buyer → Agency, Buyer" },
      { key: "agency", label: "Agency", text: "Dinas Koperasi" },
    ]);
  });

  it("shows a reason and other values as text, and survives bad JSON", () => {
    expect(describeDetails(i18n.t, parseDetails('{"reason":"<b>Foto buram</b>","amount":150000,"before":"pending","after":"verified"}'))).toEqual([
      { key: "reason", label: "Reason", text: "<b>Foto buram</b>" },
      { key: "amount", label: "Amount", text: "150000" },
      { key: "change", label: "Change", text: "pending → verified" },
    ]);
    expect(describeDetails(i18n.t, parseDetails("not json"))).toEqual([{ key: "value", label: "value", text: "not json" }]);
    expect(describeDetails(i18n.t, parseDetails("{}"))).toEqual([]);
  });
});

describe("every action the code records has a label in both languages", () => {
  /** Literal actions written in app/ (`action: "x.y"`), plus those built from templates there. */
  function recordedActions(): string[] {
    const files = execFileSync("git", ["ls-files", "app"], { encoding: "utf8" })
      .split("\n")
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));
    const literals = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(file, "utf8").matchAll(/\baction: (?:"([a-z_]+\.[a-z_]+)"|[\w.]+(?: === "\w+")? \? "([a-z_]+\.[a-z_]+)" : "([a-z_]+\.[a-z_]+)")|auditAction\?: "([a-z_]+\.[a-z_]+)" \| "([a-z_]+\.[a-z_]+)"/g)) {
        for (const name of match.slice(1)) if (name) literals.add(name);
      }
    }
    const templated = [
      ...["motif", "product", "artisan"].flatMap((kind) => [`${kind}.feature`, `${kind}.unfeature`]),
      ...["verified", "rejected", "lapsed", "pending"].map((s) => `artisan.membership_${s}`),
      ...["approved", "declined"].map((d) => `exhibitor.${d}`),
      ...["verified", "rejected"].map((s) => `legal_document.${s}`),
      ...["shipped", "delivered", "cancelled"].map((s) => `order.${s}`),
      ...["publish", "unpublish", "archive", "restore"].map((c) => `product.${c}`),
    ];
    return [...literals, ...templated].sort();
  }

  it("finds the actions (the scan itself works) and labels each one", () => {
    const actions = recordedActions();
    expect(actions).toContain("inquiry.offline_sale");
    expect(actions).toEqual(expect.arrayContaining(["motif.approve", "motif.reject", "motif.restore", "motif.propose", "artisan.consent_withdrawn", "user.deleted"]));
    expect(actions.length).toBeGreaterThan(30);
    for (const [locale, messages] of [["id", id], ["en", en]] as const) {
      const labels = (messages as { audit: { actionLabel: Record<string, string> } }).audit.actionLabel;
      const missing = actions.filter((a) => !labels[a.replace(/\./g, "_")]);
      expect(missing, `actions without a ${locale} label`).toEqual([]);
    }
  });
});
