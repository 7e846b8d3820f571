import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "~/components/field";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { requestPasswordReset } from "~/services/password-reset.server";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

const ForgotSchema = z.object({
  email: z.string({ required_error: "auth.required" }).trim().email("auth.invalidEmail").max(254, "auth.invalidEmail"),
});

export async function loader({ params }: LoaderFunctionArgs) {
  // Open to everyone: a logged-in person may also have forgotten the password of another account.
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  return { meta: { title: `${t("passwordReset.forgotTitle")} · ${t("site.name")}`, description: t("passwordReset.forgotLead"), noindex: true } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const submission = parseWithZod(await request.formData(), { schema: ForgotSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const outcome = await requestPasswordReset({ email: submission.value.email, clientIp: context.clientIp ?? "unknown" });
  if (!outcome.ok) {
    const t = await i18next.getFixedT(locale);
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
    return data(
      { result: submission.reply({ formErrors: [t("passwordReset.tooMany", { minutes })] }), sent: false },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  // The same answer whether or not the address has an account.
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    // An error clears while typing, not on blur: otherwise it vanishes as the
    // button is pressed, the button moves up, and the click misses it.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
  });
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("passwordReset.forgotTitle")}</h1>
        <p className="page-header__lead">{t("passwordReset.forgotLead")}</p>
      </header>
      {actionData?.sent ? (
        <div className="notice" role="status" data-testid="reset-sent">
          <p>{t("passwordReset.sent")}</p>
        </div>
      ) : null}
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.email} type="email" label={t("passwordReset.email")} autoComplete="email" required maxLength={254} />
        <button type="submit" className="button">
          {t("passwordReset.submit")}
        </button>
      </Form>
      <p className="form-after">
        <a href={to("/login")}>{t("passwordReset.backToLogin")}</a>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
