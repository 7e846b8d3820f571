import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/components/page-meta";
import { confirmEmail, type ConfirmEmailResult } from "~/services/email-confirmation.server";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

const STATUS: Record<ConfirmEmailResult, number> = { confirmed: 200, already_confirmed: 200, unknown: 400, expired: 410, used: 410 };
const TITLE: Record<ConfirmEmailResult, string> = {
  confirmed: "emailConfirm.confirmedTitle",
  already_confirmed: "emailConfirm.alreadyTitle",
  unknown: "emailConfirm.invalidTitle",
  expired: "emailConfirm.invalidTitle",
  used: "emailConfirm.invalidTitle",
};
const BODY: Record<ConfirmEmailResult, string> = {
  confirmed: "emailConfirm.confirmed",
  already_confirmed: "emailConfirm.alreadyConfirmed",
  unknown: "emailConfirm.unknown",
  expired: "emailConfirm.expired",
  used: "emailConfirm.used",
};

/*
 * The token is in the URL; the site-wide Referrer-Policy (strict-origin-when-
 * cross-origin) sends other sites the origin only. Not `no-referrer`: under it
 * Chromium posts forms (the header's log-out button) with `Origin: null`,
 * which the CSRF check refuses.
 */

/**
 * Opening the link confirms the address (no form): the link itself is the
 * proof, and confirming twice is harmless. Works logged in or not.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const result = await confirmEmail({ token: params.token ?? "" });
  const t = await i18next.getFixedT(locale);
  return data(
    { result, meta: { title: `${t(TITLE[result])} · ${t("site.name")}`, description: t("emailConfirm.lead"), noindex: true } },
    { status: STATUS[result] },
  );
}

export default function ConfirmEmailPage() {
  const { result } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const ok = result === "confirmed" || result === "already_confirmed";
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t(TITLE[result])}</h1>
      </header>
      <p data-testid="confirm-result" data-result={result}>
        {t(BODY[result])}
      </p>
      <p>
        {ok ? (
          <a className="button" href={to("/account")}>
            {t("emailConfirm.toAccount")}
          </a>
        ) : (
          <a className="button" href={to("/account/confirm-email")}>
            {t("emailConfirm.requestNew")}
          </a>
        )}
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
