import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "~/components/field";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { attemptLogin } from "~/services/login.server";
import { safeRedirect } from "~/utils/auth.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { createUserSession, getUserId } from "~/utils/session.server";
import { useLocalePath } from "~/utils/use-locale";

/** Messages are translation keys; the component translates them in the page language. */
const LoginSchema = z.object({
  email: z.string({ required_error: "auth.required" }).trim().email("auth.invalidEmail").max(254, "auth.invalidEmail"),
  password: z.string({ required_error: "auth.required" }).max(1000, "login.invalid"),
  redirectTo: z.string().optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), localePath(locale, "/account"));
  // Already logged in: nothing to do here.
  if ((await getUserId(request)) !== null) throw redirect(redirectTo, { status: 303 });
  const t = await i18next.getFixedT(locale);
  return { redirectTo, meta: { title: `${t("login.title")} · ${t("site.name")}`, description: t("login.lead"), noindex: true } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await attemptLogin({ email, password, clientIp: context.clientIp ?? "unknown" });
  if (!result.ok && result.reason === "rate_limited") {
    const t = await i18next.getFixedT(locale);
    const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
    return data(submission.reply({ formErrors: [t("login.tooMany", { minutes })], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  if (!result.ok) {
    // One message for a wrong password and an unknown address: no account enumeration.
    return data(submission.reply({ formErrors: ["login.invalid"], hideFields: ["password"] }), { status: 400 });
  }
  return createUserSession({ request, userId: result.userId, redirectTo: safeRedirect(redirectTo, localePath(locale, "/account")) });
}

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("login.title")}</h1>
        <p className="page-header__lead">{t("login.lead")}</p>
      </header>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field meta={fields.email} type="email" label={t("login.email")} autoComplete="email" required />
        <Field meta={fields.password} type="password" label={t("login.password")} autoComplete="current-password" required>
          <p className="field__aside">
            <a href={to("/forgot-password")}>{t("passwordReset.loginLink")}</a>
          </p>
        </Field>
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </Form>
      <p>
        {t("login.noAccount")} <a href={to("/signup")}>{t("login.signupLink")}</a>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
