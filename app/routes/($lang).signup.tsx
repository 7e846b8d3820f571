import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "~/components/field";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { isModelError } from "~/models/common.server";
import { hitRateLimit } from "~/services/rate-limit.server";
import { signUp } from "~/services/signup.server";
import { getEnv } from "~/utils/env.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { getUserId, startSession } from "~/utils/session.server";
import { useLocalePath } from "~/utils/use-locale";

const text = (max: number, message = "auth.required") =>
  z.string({ required_error: message }).trim().min(1, message).max(max, message);

/** The shop fields are only required when the artisan box is ticked. */
const SignupSchema = z
  .object({
    name: text(120, "signup.nameRequired"),
    email: z.string({ required_error: "auth.required" }).trim().email("auth.invalidEmail").max(254, "auth.invalidEmail"),
    password: z.string({ required_error: "auth.required" }).min(10, "account.passwordTooShort").max(1000),
    isArtisan: z.literal("on").optional(),
    shopName: z.string().trim().max(120).optional(),
    village: z.string().trim().max(80).optional(),
    district: z.string().trim().max(80).optional(),
    regency: z.enum(["kabupaten", "kota"]).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.isArtisan) return;
    for (const field of ["shopName", "village", "district", "regency"] as const) {
      if (!value[field]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: "signup.shopFieldRequired" });
    }
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  if ((await getUserId(request)) !== null) throw redirect(localePath(locale, "/account"), { status: 303 });
  const t = await i18next.getFixedT(locale);
  return { meta: { title: `${t("signup.title")} · ${t("site.name")}`, description: t("signup.lead") } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const submission = parseWithZod(await request.formData(), { schema: SignupSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  // Counted per client IP once the form is valid: against scripted mass sign-ups.
  const limited = await hitRateLimit({ key: `signup:ip:${context.clientIp ?? "unknown"}`, ...getEnv().RATE_LIMIT_SIGNUP });
  if (!limited.allowed) {
    const t = await i18next.getFixedT(locale);
    const minutes = Math.max(1, Math.ceil(limited.retryAfterSeconds / 60));
    return data(submission.reply({ formErrors: [t("signup.tooMany", { minutes })], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(limited.retryAfterSeconds) },
    });
  }
  const v = submission.value;
  try {
    const { userId } = await signUp({
      name: v.name,
      email: v.email,
      password: v.password,
      locale,
      artisan: v.isArtisan ? { shopName: v.shopName!, village: v.village!, district: v.district!, regency: v.regency! } : null,
    });
    const headers = new Headers();
    headers.append("Set-Cookie", await startSession({ request, userId }));
    headers.append("Set-Cookie", await flashHeader({ kind: "success", key: "signup.welcome" }));
    return redirect(localePath(locale, "/account"), { status: 303, headers });
  } catch (error) {
    if (isModelError(error) && error.code === "email_taken") {
      return data(submission.reply({ fieldErrors: { email: ["signup.emailTaken"] }, hideFields: ["password"] }), { status: 400 });
    }
    if (isModelError(error) && error.code === "invalid_email") {
      return data(submission.reply({ fieldErrors: { email: ["auth.invalidEmail"] }, hideFields: ["password"] }), { status: 400 });
    }
    throw error;
  }
}

export default function SignupPage() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("signup.title")}</h1>
        <p className="page-header__lead">{t("signup.lead")}</p>
      </header>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.name} type="text" label={t("signup.name")} autoComplete="name" required maxLength={120} />
        <Field meta={fields.email} type="email" label={t("signup.email")} autoComplete="email" required />
        <Field meta={fields.password} type="password" label={t("signup.password")} autoComplete="new-password" minLength={10} required />
        <fieldset className="stack-form">
          <legend>{t("signup.artisanLegend")}</legend>
          <div className="field field--checkbox">
            <input {...getInputProps(fields.isArtisan, { type: "checkbox" })} />
            <label htmlFor={fields.isArtisan.id}>{t("signup.isArtisan")}</label>
          </div>
          <p className="muted">{t("signup.artisanHelp")}</p>
          <Field meta={fields.shopName} type="text" label={t("signup.shopName")} maxLength={120} />
          <Field meta={fields.village} type="text" label={t("signup.village")} maxLength={80} />
          <Field meta={fields.district} type="text" label={t("signup.district")} maxLength={80} />
          <div className="field">
            <label htmlFor={fields.regency.id}>{t("signup.regency")}</label>
            <select {...getSelectProps(fields.regency)}>
              <option value="">—</option>
              <option value="kabupaten">{t("signup.kabupaten")}</option>
              <option value="kota">{t("signup.kota")}</option>
            </select>
            <FieldError id={fields.regency.errorId} errors={fields.regency.errors} />
          </div>
        </fieldset>
        <button type="submit" className="button">
          {t("signup.submit")}
        </button>
      </Form>
      <p>
        {t("signup.haveAccount")} <a href={to("/login")}>{t("auth.logIn")}</a>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
