import { useTranslation } from "react-i18next";

/** A field's errors (translation keys or ready text), linked to the input by Conform's aria-describedby. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p className="field__error" id={id}>
      {errors.map((e) => t(e)).join(" ")}
    </p>
  );
}
