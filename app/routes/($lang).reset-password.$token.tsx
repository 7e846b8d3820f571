import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "~/components/field";
import { pageMeta } from "~/components/page-meta";
import { lookupAuthToken } from "~/models/auth-token.server";
import { performPasswordReset } from "~/services/password-reset.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

const ResetSchema = z
  .object({
    password: z.string({ required_error: "auth.required" }).min(10, "passwordReset.passwordTooShort").max(1000, "passwordReset.passwordTooShort"),
    confirmPassword: z.string({ required_error: "auth.required" }).max(1000, "passwordReset.mismatch"),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirmPassword) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirmPassword"], message: "passwordReset.mismatch" });
    }
  });

/*
 * The token is in the URL. The site-wide Referrer-Policy
 * (strict-origin-when-cross-origin, scripts/server.ts) already keeps it from
 * other sites: they get the origin only, never the path, and this page loads
 * nothing from elsewhere. A stricter policy here would not help and would
 * hurt: under `no-referrer` or `same-origin` Chromium posts the form with
 * `Origin: null`, which the CSRF check rightly refuses.
 */

type LinkState = "valid" | "unknown" | "expired";

/** Unknown or malformed: 400. Expired, used or superseded: 410 Gone. */
async function linkState(token: string | undefined): Promise<{ state: LinkState; status: number }> {
  const lookup = await lookupAuthToken({ token: token ?? "", purpose: "reset" });
  if (lookup.state === "valid") return { state: "valid", status: 200 };
  if (lookup.state === "unknown") return { state: "unknown", status: 400 };
  return { state: "expired", status: 410 };
}

async function pageData(locale: "id" | "en", state: LinkState) {
  const t = await i18next.getFixedT(locale);
  const title = state === "valid" ? t("passwordReset.resetTitle") : t("passwordReset.invalidTitle");
  return { state, meta: { title: `${title} · ${t("site.name")}`, description: t("passwordReset.resetLead"), noindex: true } };
}

export async function loader({ params }: LoaderFunctionArgs) {
  // Anyone holding the link may use it, logged in or not: the token is the credential.
  const locale = params.lang === "en" ? "en" : "id";
  const { state, status } = await linkState(params.token);
  return data(await pageData(locale, state), { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const { state, status } = await linkState(params.token);
  if (state !== "valid") return data({ ...(await pageData(locale, state)), result: undefined }, { status });
  const submission = parseWithZod(await request.formData(), { schema: ResetSchema });
  if (submission.status !== "success") {
    return data(
      { ...(await pageData(locale, state)), result: submission.reply({ hideFields: ["password", "confirmPassword"] }) },
      { status: 400 },
    );
  }
  const outcome = await performPasswordReset({ token: params.token ?? "", password: submission.value.password, request });
  if (!outcome.ok) {
    // Used by another request between the check and now.
    return data({ ...(await pageData(locale, "expired")), result: undefined }, { status: 410 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", outcome.cookie);
  headers.append("Set-Cookie", await flashHeader({ kind: "success", key: "passwordReset.done" }));
  return redirect(localePath(locale, "/account"), { status: 303, headers });
}

export default function ResetPasswordPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const state = actionData?.state ?? loaderData.state;
  const { t } = useTranslation();
  const to = useLocalePath();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    // An error clears while typing, not on blur: otherwise it vanishes as the
    // button is pressed, the button moves up, and the click misses it.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }),
  });
  if (state !== "valid") {
    return (
      <div className="container page page--narrow">
        <header className="page-header">
          <h1>{t("passwordReset.invalidTitle")}</h1>
        </header>
        <p data-testid="reset-link-state" data-state={state}>
          {t(state === "unknown" ? "passwordReset.unknown" : "passwordReset.expired")}
        </p>
        <p>
          <a className="button" href={to("/forgot-password")}>
            {t("passwordReset.requestNew")}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("passwordReset.resetTitle")}</h1>
        <p className="page-header__lead">{t("passwordReset.resetLead")}</p>
      </header>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <Field
          meta={fields.password}
          type="password"
          label={t("passwordReset.newPassword")}
          autoComplete="new-password"
          minLength={10}
          maxLength={1000}
          required
        />
        <Field meta={fields.confirmPassword} type="password" label={t("passwordReset.repeatPassword")} autoComplete="new-password" maxLength={1000} required />
        <button type="submit" className="button">
          {t("passwordReset.resetSubmit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
