import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "~/locales/en.json";
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
