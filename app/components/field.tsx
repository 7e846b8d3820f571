import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldError } from "~/components/field-error";

type TextType = "email" | "password" | "text" | "tel" | "url" | "search" | "number" | "date";

/**
 * A labelled Conform input with its errors below it. Extra attributes
 * (autoComplete, required, minLength …) go to the input; children (a hint,
 * a link) follow the errors.
 */
export function Field({
  meta,
  type,
  label,
  children,
  ...inputAttributes
}: {
  meta: FieldMetadata<string>;
  type: TextType;
  label: ReactNode;
  children?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id" | "name" | "form" | "defaultValue" | "children">) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input {...getInputProps(meta, { type })} {...inputAttributes} />
      <FieldError id={meta.errorId} errors={meta.errors} />
      {children}
    </div>
  );
}
