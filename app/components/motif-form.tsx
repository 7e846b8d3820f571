import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";

// Declared here, not imported from motif.server: server modules are stripped from the browser bundle.
const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MOTIF_REGIONS = ["kabupaten", "kota", "both"] as const;
export const REGISTRATION_STATUSES = ["none", "pending", "registered"] as const;
const STORY_MAX = 5000;
const MEANING_MAX = 1000;
const SHORT_MAX = 200;

const optionalText = (max: number) => z.string().trim().max(max, "curation.errors.tooLong").optional();

/** The WIB year now (the form's upper bound for "year created"). */
function currentYear(): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Jakarta", year: "numeric" }).format(new Date()));
}

/**
 * The motif form, shared by /association/motifs/new and the edit page.
 * Messages are translation keys. Conform turns empty inputs into undefined,
 * so every optional field is simply absent when left empty.
 */
export const MotifSchema = z
  .object({
    intent: z.literal("save"),
    name: z.string({ required_error: "curation.errors.nameRequired" }).trim().min(1, "curation.errors.nameRequired").max(120, "curation.errors.nameTooLong"),
    slug: z.string().trim().max(120, "curation.errors.slugInvalid").regex(SLUG_RE, "curation.errors.slugInvalid").optional(),
    storyId: optionalText(STORY_MAX),
    storyEn: optionalText(STORY_MAX),
    meaningId: optionalText(MEANING_MAX),
    meaningEn: optionalText(MEANING_MAX),
    origin: optionalText(SHORT_MAX),
    region: z.enum(MOTIF_REGIONS, { errorMap: () => ({ message: "curation.errors.regionRequired" }) }),
    creatorArtisanId: z.coerce
      .number({ invalid_type_error: "curation.errors.creatorUnknown" })
      .int("curation.errors.creatorUnknown")
      .positive("curation.errors.creatorUnknown")
      .max(Number.MAX_SAFE_INTEGER, "curation.errors.creatorUnknown")
      .optional(),
    creatorName: optionalText(120),
    year: z.coerce
      .number({ invalid_type_error: "curation.errors.yearInvalid" })
      .int("curation.errors.yearInvalid")
      .min(1900, "curation.errors.yearInvalid")
      .refine((y) => y <= currentYear(), "curation.errors.yearInvalid")
      .optional(),
    registrationStatus: z.enum(REGISTRATION_STATUSES, { errorMap: () => ({ message: "curation.errors.registrationInvalid" }) }).default("none"),
    registrationNumber: optionalText(60),
  })
  .superRefine((v, ctx) => {
    if (v.registrationStatus === "registered" && !v.registrationNumber) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["registrationNumber"], message: "curation.errors.registrationNumberRequired" });
    }
  });

export type MotifFormValue = z.infer<typeof MotifSchema>;

/** The parsed form as the model's fields (empty texts as "", absent optional facts as null). */
export function motifFields(v: MotifFormValue) {
  return {
    slug: v.slug,
    name: v.name,
    storyId: v.storyId ?? "",
    storyEn: v.storyEn ?? "",
    meaningId: v.meaningId ?? "",
    meaningEn: v.meaningEn ?? "",
    origin: v.origin ?? "",
    region: v.region,
    creatorArtisanId: v.creatorArtisanId ?? null,
    creatorName: v.creatorName ?? null,
    year: v.year ?? null,
    registrationStatus: v.registrationStatus,
    registrationNumber: v.registrationStatus === "none" ? null : (v.registrationNumber ?? null),
  };
}

/** The form's starting values (strings, as inputs hold them). */
export type MotifDefaults = Partial<Record<Exclude<keyof MotifFormValue, "intent">, string>>;

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="field__hint muted" id={id}>
      {children}
    </p>
  );
}

/** aria-describedby for a field with a hint: the hint, then the errors Conform links. */
function describedBy(meta: FieldMetadata<string | undefined>, hintId: string) {
  return meta.errors?.length ? `${hintId} ${meta.errorId}` : hintId;
}

function TextField({ meta, label, hint, required }: { meta: FieldMetadata<string | undefined>; label: string; hint?: string; required?: boolean }) {
  const hintId = `${meta.id}-hint`;
  const props = getInputProps(meta, { type: "text" });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input {...props} required={required} aria-describedby={hint ? describedBy(meta, hintId) : props["aria-describedby"]} />
      {hint ? <Hint id={hintId}>{hint}</Hint> : null}
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function TextArea({ meta, label, rows = 5 }: { meta: FieldMetadata<string | undefined>; label: string; rows?: number }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <textarea {...getTextareaProps(meta)} rows={rows} />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function MotifForm({
  lastResult,
  defaults,
  shops,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaults: MotifDefaults;
  shops: { id: number; name: string }[];
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "motif",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MotifSchema }),
  });
  // Read every field's errors here, in the component that called useForm: Conform re-renders the
  // form only for the state it saw read during this render (reads in the field components below are missed).
  const names = ["name", "slug", "storyId", "storyEn", "meaningId", "meaningEn", "origin", "region", "creatorArtisanId", "creatorName", "year", "registrationStatus", "registrationNumber"] as const;
  for (const name of names) void fields[name].errors;
  return (
    <Form method="post" className="stack-form motif-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      <TextField meta={fields.name} label={t("curation.form.name")} required />
      <TextField meta={fields.slug} label={t("curation.form.slug")} hint={t("curation.form.slugHint")} />
      <div className="motif-form__pair">
        <TextArea meta={fields.storyId} label={t("curation.form.storyId")} />
        <TextArea meta={fields.storyEn} label={t("curation.form.storyEn")} />
      </div>
      <div className="motif-form__pair">
        <TextArea meta={fields.meaningId} label={t("curation.form.meaningId")} rows={3} />
        <TextArea meta={fields.meaningEn} label={t("curation.form.meaningEn")} rows={3} />
      </div>
      <TextField meta={fields.origin} label={t("curation.form.origin")} hint={t("curation.form.originHint")} />
      <div className="field">
        <label htmlFor={fields.region.id}>{t("curation.form.region")}</label>
        <select {...getSelectProps(fields.region)} required>
          {MOTIF_REGIONS.map((r) => (
            <option key={r} value={r}>
              {t(`labels.region.${r}`)}
            </option>
          ))}
        </select>
        <FieldError id={fields.region.errorId} errors={fields.region.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.creatorArtisanId.id}>{t("curation.form.creatorArtisan")}</label>
        <select {...getSelectProps(fields.creatorArtisanId)}>
          <option value="">{t("curation.form.creatorNone")}</option>
          {shops.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <FieldError id={fields.creatorArtisanId.errorId} errors={fields.creatorArtisanId.errors} />
      </div>
      <TextField meta={fields.creatorName} label={t("curation.form.creatorName")} hint={t("curation.form.creatorNameHint")} />
      <div className="field">
        <label htmlFor={fields.year.id}>{t("curation.form.year")}</label>
        <input {...getInputProps(fields.year, { type: "number" })} min={1900} max={currentYear()} inputMode="numeric" />
        <FieldError id={fields.year.errorId} errors={fields.year.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.registrationStatus.id}>{t("curation.form.registrationStatus")}</label>
        <select {...getSelectProps(fields.registrationStatus)}>
          {REGISTRATION_STATUSES.map((r) => (
            <option key={r} value={r}>
              {t(`labels.registration.${r}`)}
            </option>
          ))}
        </select>
        <FieldError id={fields.registrationStatus.errorId} errors={fields.registrationStatus.errors} />
      </div>
      <TextField meta={fields.registrationNumber} label={t("curation.form.registrationNumber")} hint={t("curation.form.registrationNumberHint")} />
      <p className="muted">{t("curation.form.imagesNote")}</p>
      <p>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
