import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

const ROLE_CODES = new Set(["buyer", "artisan", "organizer", "agency", "association", "admin"]);

/** A readable label for a known action ("role.granted" → "Role granted"), the raw code otherwise. */
export function actionLabel(t: TFunction, action: string): string {
  return t(`audit.actionLabel.${action.replace(/\./g, "_")}`, { defaultValue: action });
}

export function subjectLabel(t: TFunction, subjectType: string): string {
  return t(`audit.subjectLabel.${subjectType}`, { defaultValue: subjectType });
}

type Named = { name?: unknown };

function valueText(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("audit.detail.none");
  if (typeof value === "string") return ROLE_CODES.has(value) ? t(`roles.${value}`) : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? t("audit.detail.none") : value.map((v) => valueText(t, v)).join(", ");
  if (typeof value === "object" && typeof (value as Named).name === "string") return (value as Named).name as string;
  return JSON.stringify(value);
}

/**
 * The details of an entry as label/text pairs: `before`/`after` become one
 * "before → after" line, role codes become role names, {id, name} objects
 * their name. Everything ends up as React text, so it is escaped.
 */
export function describeDetails(t: TFunction, details: Record<string, unknown>): { key: string; label: string; text: string }[] {
  const lines: { key: string; label: string; text: string }[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (key === "before" || key === "after") {
      // One line for the pair, where the first of them stands.
      if (lines.some((l) => l.key === "change")) continue;
      const label = details.role !== undefined ? t("audit.detail.roles") : t("audit.detail.change");
      lines.push({ key: "change", label, text: `${valueText(t, details.before)} → ${valueText(t, details.after)}` });
      continue;
    }
    lines.push({ key, label: t(`audit.detail.${key}`, { defaultValue: key }), text: valueText(t, value) });
  }
  return lines;
}

/** The details JSON of an entry; bad JSON shows as its text rather than failing the page. */
export function parseDetails(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: json };
  }
}

export function AuditDetails({ details }: { details: string }) {
  const { t } = useTranslation();
  const lines = describeDetails(t, parseDetails(details));
  if (lines.length === 0) return <span className="muted">{t("audit.noDetails")}</span>;
  return (
    <ul className="audit-details">
      {lines.map((line) => (
        <li key={line.key}>
          {line.label ? <span className="audit-details__label">{line.label}: </span> : null}
          {line.text}
        </li>
      ))}
    </ul>
  );
}
