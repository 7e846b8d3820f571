import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocalePath } from "~/utils/use-locale";

export type Crumb = { label: string; to?: string };

/** Home › section › page; the current page is the last crumb and carries aria-current. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useTranslation();
  const to = useLocalePath();
  const all: Crumb[] = [{ label: t("nav.home"), to: "/" }, ...items];
  return (
    <nav className="breadcrumbs" aria-label={t("labels.breadcrumbs")}>
      <ol>
        {all.map((crumb, index) => {
          const last = index === all.length - 1;
          return (
            <li key={`${index}-${crumb.label}`}>
              {last || !crumb.to ? (
                <span aria-current={last ? "page" : undefined}>{crumb.label}</span>
              ) : (
                <Link to={to(crumb.to)}>{crumb.label}</Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
