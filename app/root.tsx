import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FlashMessage } from "~/components/flash-message";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import stylesHref from "~/styles/app.css";
import { getEnv } from "~/utils/env.server";
import { readFlash } from "~/utils/flash.server";
import { localePath, localeFromPathname, stripLocale, type Locale } from "~/utils/i18n";
import { getUser } from "~/utils/session.server";
import { useLocale } from "~/utils/use-locale";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Every page sits under an optional ($lang) segment; only "en" is a language.
  if (params.lang !== undefined && params.lang !== "en") {
    throw new Response("Not Found", { status: 404 });
  }
  const locale: Locale = params.lang === "en" ? "en" : "id";
  const { flash, headers } = await readFlash(request);
  const user = await getUser(request);
  // Only the name goes to the header: the page never needs more of the session.
  const viewer = user ? { name: user.name } : null;
  return Response.json({ locale, flash, origin: getEnv().PUBLIC_ORIGIN, viewer }, { headers });
}

export const meta: MetaFunction = () => [{ name: "viewport", content: "width=device-width, initial-scale=1" }];

export type RootData = { locale: Locale; flash: import("~/utils/flash.server").Flash | null; origin: string; viewer: { name: string } | null };

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const location = useLocation();
  const locale = data?.locale ?? localeFromPathname(location.pathname);
  const origin = data?.origin ?? "";
  const path = stripLocale(location.pathname);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#7a3b1e" />
        <Meta />
        <link rel="alternate" hrefLang="id" href={`${origin}${localePath("id", path)}`} />
        <link rel="alternate" hrefLang="en" href={`${origin}${localePath("en", path)}`} />
        <link rel="alternate" hrefLang="x-default" href={`${origin}${localePath("id", path)}`} />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const data = useRouteLoaderData<RootData>("root");
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        {data?.flash ? <FlashMessage flash={data.flash} /> : null}
        {children}
      </main>
      <SiteFooter />
    </>
  );
}

export default function App() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const locale = useLocale();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const title =
    status === 404
      ? t("errors.notFoundTitle")
      : status === 403
        ? t("errors.forbiddenTitle")
        : status < 500
          ? t("errors.badRequestTitle")
          : t("errors.errorTitle");
  const body = status === 404 ? t("errors.notFoundBody") : status >= 500 ? t("errors.errorBody") : null;
  return (
    <Shell>
      <title>{`${title} · ${t("site.name")}`}</title>
      <section className="error-page container">
        <p className="error-page__code">{t("errors.status", { status })}</p>
        <h1>{title}</h1>
        {body ? <p>{body}</p> : null}
        <p>
          <a className="button" href={localePath(locale, "/")}>
            {t("errors.backHome")}
          </a>
        </p>
      </section>
    </Shell>
  );
}
