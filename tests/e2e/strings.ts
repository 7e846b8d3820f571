import fs from "node:fs";
import path from "node:path";

type Strings = { [key: string]: string | Strings };
const load = (locale: "id" | "en") =>
  JSON.parse(fs.readFileSync(path.join(process.cwd(), `app/locales/${locale}.json`), "utf8")) as Strings;
const LOCALES = { id: load("id"), en: load("en") };

/** A UI string by dotted key with {{var}} filled in, so wording changes do not break the tests. */
export function t(locale: "id" | "en", key: string, vars: Record<string, string | number> = {}): string {
  const value = key.split(".").reduce<string | Strings>((node, part) => (node as Strings)[part], LOCALES[locale]);
  if (typeof value !== "string") throw new Error(`no string ${key}`);
  return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name]));
}
