import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";

// Declared here, not imported from product.server: server modules are stripped from the browser bundle.
// They repeat TECHNIQUES, FABRICS and PRODUCT_LIMITS there (the model checks again).
export const PRODUCT_TECHNIQUES = ["tulis", "cap", "kombinasi", "ciprat", "jumput", "printing"] as const;
export const PRODUCT_FABRICS = ["katun_primisima", "katun_prima", "sutra", "rayon", "dobby", "other"] as const;
export const PRODUCT_DYES = ["natural", "synthetic"] as const;
export const LIMITS = { titleMax: 160, descriptionMax: 5000, priceMax: 100_000_000, stockMax: 10_000, sizeMax: 1_000, motifsMax: 6 } as const;

/** "Rp 150.000" or "150 000" as typed on a phone becomes 150000; anything else is left for the number check to refuse. */
export function wholeRupiah(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const cleaned = value.trim().replace(/^rp\.?\s*/i, "").replace(/[.\s]/g, "");
  return cleaned === "" ? undefined : cleaned;
}

const optionalText = (max: number) => z.string().trim().max(max, "dashboard.errors.tooLong").optional();

const wholeNumber = (message: string, min: number, max: number) =>
  z.coerce.number({ required_error: message, invalid_type_error: message }).int(message).min(min, message).max(max, message);

export const ProductSchema = z.object({
  intent: z.literal("save"),
  titleId: z
    .string({ required_error: "dashboard.errors.titleRequired" })
    .trim()
    .min(1, "dashboard.errors.titleRequired")
    .max(LIMITS.titleMax, "dashboard.errors.tooLong"),
  titleEn: optionalText(LIMITS.titleMax),
  descriptionId: optionalText(LIMITS.descriptionMax),
  descriptionEn: optionalText(LIMITS.descriptionMax),
  technique: z.enum(PRODUCT_TECHNIQUES, { errorMap: () => ({ message: "dashboard.errors.techniqueInvalid" }) }),
  fabric: z.enum(PRODUCT_FABRICS, { errorMap: () => ({ message: "dashboard.errors.fabricInvalid" }) }),
  dye: z.enum(PRODUCT_DYES, { errorMap: () => ({ message: "dashboard.errors.dyeInvalid" }) }),
  widthCm: wholeNumber("dashboard.errors.sizeInvalid", 1, LIMITS.sizeMax).optional(),
  lengthCm: wholeNumber("dashboard.errors.sizeInvalid", 1, LIMITS.sizeMax).optional(),
  price: z.preprocess(wholeRupiah, wholeNumber("dashboard.errors.priceInvalid", 1, LIMITS.priceMax)),
  stock: wholeNumber("dashboard.errors.stockInvalid", 0, LIMITS.stockMax),
  // Checked as a whole (not item by item) so that every error lands on the one motifIds field the form shows.
  motifIds: z
    .array(z.string())
    .max(LIMITS.motifsMax, "dashboard.errors.tooManyMotifs")
    .refine((ids) => ids.every((id) => /^[1-9]\d{0,9}$/.test(id)), "dashboard.errors.motifUnknown")
    .transform((ids) => ids.map(Number))
    .default([]),
});

export type ProductFormValue = z.infer<typeof ProductSchema>;

/** The parsed form as the model's fields. */
export function productFields(v: ProductFormValue) {
  return {
    titleId: v.titleId,
    titleEn: v.titleEn ?? "",
    descriptionId: v.descriptionId ?? "",
    descriptionEn: v.descriptionEn ?? "",
    technique: v.technique,
    fabric: v.fabric,
    dye: v.dye,
    widthCm: v.widthCm ?? null,
    lengthCm: v.lengthCm ?? null,
    price: v.price,
    stock: v.stock,
    motifIds: v.motifIds,
  };
}

/** Which form field a model refusal is about (the route shows it there). */
export const PRODUCT_ERROR_FIELDS: Record<string, { field: keyof ProductFormValue; key: string }> = {
  invalid_title: { field: "titleId", key: "dashboard.errors.titleRequired" },
  invalid_description: { field: "descriptionId", key: "dashboard.errors.tooLong" },
  invalid_technique: { field: "technique", key: "dashboard.errors.techniqueInvalid" },
  invalid_fabric: { field: "fabric", key: "dashboard.errors.fabricInvalid" },
  invalid_dye: { field: "dye", key: "dashboard.errors.dyeInvalid" },
  invalid_price: { field: "price", key: "dashboard.errors.priceInvalid" },
  invalid_stock: { field: "stock", key: "dashboard.errors.stockInvalid" },
  invalid_size: { field: "widthCm", key: "dashboard.errors.sizeInvalid" },
  too_many_motifs: { field: "motifIds", key: "dashboard.errors.tooManyMotifs" },
  unknown_motif: { field: "motifIds", key: "dashboard.errors.motifUnknown" },
};

export type ProductDefaults = {
  titleId?: string;
  titleEn?: string;
  descriptionId?: string;
  descriptionEn?: string;
  technique?: string;
  fabric?: string;
  dye?: string;
  widthCm?: string;
  lengthCm?: string;
  price?: string;
  stock?: string;
  motifIds?: string[];
};

function TextField({ meta, label, hint, ...rest }: { meta: FieldMetadata<string | undefined>; label: string; hint?: string; required?: boolean; inputMode?: "numeric" | "text"; maxLength?: number }) {
  const hintId = `${meta.id}-hint`;
  const props = getInputProps(meta, { type: "text" });
  const describedBy = [hint ? hintId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input {...props} {...rest} aria-describedby={describedBy} />
      {hint ? (
        <p className="field__hint muted" id={hintId}>
          {hint}
        </p>
      ) : null}
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

function Select({ meta, label, options, hint }: { meta: FieldMetadata<string | undefined>; label: string; options: { value: string; label: string }[]; hint?: string }) {
  const hintId = `${meta.id}-hint`;
  const describedBy = [hint ? hintId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta)} aria-describedby={describedBy} required>
        <option value="">{"—"}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p className="field__hint muted" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** The product form of /dashboard/products/new and /dashboard/products/:id (without JavaScript too). */
export function ProductForm({
  lastResult,
  defaults,
  motifs,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaults: ProductDefaults;
  motifs: { id: number; name: string }[];
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "product",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProductSchema }),
  });
  // Read every field's errors here, in the component that called useForm: Conform re-renders the form
  // only for the state it saw read during this render (reads inside the field components are missed).
  const names = ["titleId", "titleEn", "descriptionId", "descriptionEn", "technique", "fabric", "dye", "widthCm", "lengthCm", "price", "stock", "motifIds"] as const;
  for (const name of names) void fields[name].errors;
  const chosen = new Set((fields.motifIds.initialValue as string[] | string | undefined) ? [fields.motifIds.initialValue].flat().map(String) : []);
  const motifErrorId = fields.motifIds.errorId;
  return (
    <Form method="post" className="stack-form dash-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      <div className="dash-form__pair">
        <TextField meta={fields.titleId} label={t("dashboard.product.titleId")} required maxLength={LIMITS.titleMax} />
        <TextField meta={fields.titleEn} label={t("dashboard.product.titleEn")} maxLength={LIMITS.titleMax} />
      </div>
      <div className="dash-form__pair">
        <TextArea meta={fields.descriptionId} label={t("dashboard.product.descriptionId")} />
        <TextArea meta={fields.descriptionEn} label={t("dashboard.product.descriptionEn")} />
      </div>
      <Select
        meta={fields.technique}
        label={t("dashboard.product.technique")}
        hint={t("dashboard.product.techniqueHint")}
        options={PRODUCT_TECHNIQUES.map((v) => ({ value: v, label: t(`labels.technique.${v}`) }))}
      />
      <div className="dash-form__pair">
        <Select meta={fields.fabric} label={t("dashboard.product.fabric")} options={PRODUCT_FABRICS.map((v) => ({ value: v, label: t(`labels.fabric.${v}`) }))} />
        <Select meta={fields.dye} label={t("dashboard.product.dye")} options={PRODUCT_DYES.map((v) => ({ value: v, label: t(`labels.dye.${v}`) }))} />
      </div>
      <div className="dash-form__pair">
        <TextField meta={fields.widthCm} label={t("dashboard.product.widthCm")} inputMode="numeric" />
        <TextField meta={fields.lengthCm} label={t("dashboard.product.lengthCm")} inputMode="numeric" />
      </div>
      <div className="dash-form__pair">
        <TextField meta={fields.price} label={t("dashboard.product.price")} hint={t("dashboard.product.priceHint")} inputMode="numeric" required />
        <TextField meta={fields.stock} label={t("dashboard.product.stock")} inputMode="numeric" required />
      </div>
      <fieldset className="dash-choices" aria-describedby={fields.motifIds.errors?.length ? `motifs-hint ${motifErrorId}` : "motifs-hint"}>
        <legend>{t("dashboard.product.motifs")}</legend>
        <p className="field__hint muted" id="motifs-hint">
          {t("dashboard.product.motifsHint", { max: LIMITS.motifsMax })}
        </p>
        <ul>
          {motifs.map((m) => (
            <li key={m.id}>
              <label>
                <input type="checkbox" name={fields.motifIds.name} value={String(m.id)} defaultChecked={chosen.has(String(m.id))} /> {m.name}
              </label>
            </li>
          ))}
        </ul>
        <FieldError id={motifErrorId} errors={fields.motifIds.errors} />
      </fieldset>
      <p>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
