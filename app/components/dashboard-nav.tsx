import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocalePath } from "~/utils/use-locale";

/** Every page of the artisan's dashboard, in the order the nav shows them. */
export const DASHBOARD_PAGES = [
  { path: "/dashboard", label: "dashboard.nav.overview" },
  { path: "/dashboard/profile", label: "dashboard.nav.profile" },
  { path: "/dashboard/profile/photo", label: "dashboard.nav.photo" },
  { path: "/dashboard/products", label: "dashboard.nav.products" },
  { path: "/dashboard/inquiries", label: "dashboard.nav.inquiries" },
  { path: "/dashboard/statistics", label: "dashboard.nav.statistics" },
  { path: "/dashboard/facts", label: "dashboard.nav.facts" },
  { path: "/dashboard/documents", label: "dashboard.nav.documents" },
  { path: "/dashboard/needs", label: "dashboard.nav.needs" },
  { path: "/dashboard/motifs", label: "dashboard.nav.motifs" },
] as const;

/**
 * The dashboard's own navigation, at the top of every /dashboard page: the
 * page you are on (or a page inside it, such as one product) is marked.
 * Wraps onto several lines on a phone.
 */
export function DashboardNav() {
  const { t } = useTranslation();
  const to = useLocalePath();
  const { pathname } = useLocation();
  const here = pathname.replace(/^\/en(?=\/|$)/, "") || "/";
  // The deepest page whose path is the current one or a parent of it.
  const current = [...DASHBOARD_PAGES]
    .filter((p) => here === p.path || here.startsWith(`${p.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
  return (
    <nav className="dash-nav" aria-label={t("dashboard.nav.label")}>
      <ul>
        {DASHBOARD_PAGES.map((p) => (
          <li key={p.path}>
            <a href={to(p.path)} aria-current={p.path === current ? "page" : undefined}>
              {t(p.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
