import { Form, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localePath, stripLocale } from "~/utils/i18n";
import { useLocale } from "~/utils/use-locale";

const NAV_ITEMS = [
  { path: "/motifs", key: "nav.motifs" },
  { path: "/products", key: "nav.products" },
  { path: "/artisans", key: "nav.artisans" },
  { path: "/events", key: "nav.events" },
] as const;

export function SiteHeader() {
  const { t } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  const viewer = useRouteLoaderData<{ viewer?: { name: string } | null }>("root")?.viewer ?? null;
  const otherLocale = locale === "en" ? "id" : "en";
  // The switch keeps the current page and its query string.
  const switchHref = `${localePath(otherLocale, stripLocale(location.pathname))}${location.search}`;

  return (
    <header className="site-header">
      <div className="container site-header__bar">
        <a className="brand" href={localePath(locale, "/")}>
          <BrandMark />
          <span className="brand__text">
            <span className="brand__name">{t("site.name")}</span>
            <span className="brand__tagline">{t("site.tagline")}</span>
          </span>
        </a>
        <Form method="get" action={localePath(locale, "/products")} className="site-search" role="search">
          <label htmlFor="site-search-q" className="visually-hidden">
            {t("nav.searchLabel")}
          </label>
          <input
            id="site-search-q"
            type="search"
            name="q"
            placeholder={t("nav.searchPlaceholder")}
            maxLength={200}
            autoComplete="off"
          />
          <button type="submit" className="button button--small">
            {t("nav.search")}
          </button>
        </Form>
        <a className="lang-switch" href={switchHref} hrefLang={otherLocale} lang={otherLocale} title={t("nav.switchToLabel")}>
          {t("nav.switchTo")}
        </a>
        <div className="site-account">
          {viewer ? (
            <>
              <a className="site-account__name" href={localePath(locale, "/account")}>
                {viewer.name}
              </a>
              <Form method="post" action={localePath(locale, "/logout")}>
                <button type="submit" className="button button--small button--secondary">
                  {t("auth.logOut")}
                </button>
              </Form>
            </>
          ) : (
            <a className="button button--small button--secondary" href={localePath(locale, "/login")}>
              {t("auth.logIn")}
            </a>
          )}
        </div>
      </div>
      <nav className="site-nav" aria-label={t("nav.main")}>
        <ul className="container site-nav__list">
          {NAV_ITEMS.map((item) => (
            <li key={item.path}>
              <NavLink to={localePath(locale, item.path)} prefetch="intent">
                {t(item.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

/** A kawung-like mark drawn in SVG: four ellipses around a centre. */
function BrandMark() {
  return (
    <svg className="brand__mark" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
      <rect width="40" height="40" rx="8" fill="#7a3b1e" />
      <g fill="#f3d9a4">
        <ellipse cx="20" cy="10.5" rx="5" ry="8" />
        <ellipse cx="20" cy="29.5" rx="5" ry="8" />
        <ellipse cx="10.5" cy="20" rx="8" ry="5" />
        <ellipse cx="29.5" cy="20" rx="8" ry="5" />
      </g>
      <circle cx="20" cy="20" r="3" fill="#1f3b4d" />
    </svg>
  );
}
