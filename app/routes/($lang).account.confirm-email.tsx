import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/components/page-meta";
import { getUserById } from "~/models/user.server";
import { resendEmailConfirmation } from "~/services/email-confirmation.server";
import { requireUser } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = params.lang === "en" ? "en" : "id";
  const account = await getUserById({ id: user.id });
  const t = await i18next.getFixedT(locale);
  return {
    email: user.email,
    confirmed: Boolean(account?.email_verified_at),
    meta: { title: `${t("emailConfirm.title")} · ${t("site.name")}`, description: t("emailConfirm.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = params.lang === "en" ? "en" : "id";
  const formData = await request.formData();
  if (formData.get("intent") !== "resend") throw new Response("Bad request", { status: 400 });
  const outcome = await resendEmailConfirmation({ userId: user.id });
  if (!outcome.ok && outcome.reason === "rate_limited") {
    const t = await i18next.getFixedT(locale);
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
    return data(
      { error: t("emailConfirm.tooMany", { minutes }) },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  // Already confirmed: nothing was sent, the page says so.
  const flash = outcome.ok
    ? { kind: "success" as const, key: "emailConfirm.resent", values: { email: user.email } }
    : { kind: "info" as const, key: "emailConfirm.alreadyConfirmed" };
  return redirect(localePath(locale, "/account/confirm-email"), { status: 303, headers: { "Set-Cookie": await flashHeader(flash) } });
}

export default function AccountConfirmEmailPage() {
  const { email, confirmed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("emailConfirm.title")}</h1>
        <p className="page-header__lead">{t("emailConfirm.lead")}</p>
      </header>
      {confirmed ? (
        <p data-testid="email-status" data-confirmed="true">
          {t("emailConfirm.statusConfirmed", { email })}
        </p>
      ) : (
        <>
          <p data-testid="email-status" data-confirmed="false">
            {t("emailConfirm.statusUnconfirmed", { email })}
          </p>
          <p>{t("emailConfirm.resendHelp")}</p>
          {actionData?.error ? (
            <div className="form-error" role="alert">
              <p>{actionData.error}</p>
            </div>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="resend" />
            <button type="submit" className="button">
              {t("emailConfirm.resend")}
            </button>
          </Form>
        </>
      )}
      <p className="form-after">
        <a href={to("/account")}>{t("emailConfirm.toAccount")}</a>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
