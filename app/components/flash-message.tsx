import { useTranslation } from "react-i18next";
import type { Flash } from "~/utils/flash.server";

/** A message from the previous action; role="status" announces it to screen readers. */
export function FlashMessage({ flash }: { flash: Flash }) {
  const { t } = useTranslation();
  return (
    <div className={`container flash flash--${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
      <p>{t(flash.key, flash.values ?? {})}</p>
    </div>
  );
}
