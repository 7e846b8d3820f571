import { useTranslation } from "react-i18next";
import { localePath } from "~/utils/i18n";
import { useLocale } from "~/utils/use-locale";

export function SiteFooter() {
  const { t } = useTranslation();
  const locale = useLocale();
  const year = new Date().getFullYear();
  return (
    <footer className="site-footer">
      <div className="container site-footer__grid">
        <div>
          <p className="site-footer__name">{t("site.name")}</p>
          <p>{t("footer.about")}</p>
        </div>
        <nav aria-label={t("footer.explore")}>
          <p className="site-footer__heading">{t("footer.explore")}</p>
          <ul>
            <li><a href={localePath(locale, "/motifs")}>{t("nav.motifs")}</a></li>
            <li><a href={localePath(locale, "/products")}>{t("nav.products")}</a></li>
            <li><a href={localePath(locale, "/artisans")}>{t("nav.artisans")}</a></li>
            <li><a href={localePath(locale, "/events")}>{t("nav.events")}</a></li>
          </ul>
        </nav>
      </div>
      <div className="container site-footer__legal">
        <p>{t("footer.rights", { year })}</p>
        <p>{t("footer.timezone")}</p>
      </div>
    </footer>
  );
}
