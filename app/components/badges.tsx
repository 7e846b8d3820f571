import { useTranslation } from "react-i18next";

export type Technique = "tulis" | "cap" | "kombinasi" | "ciprat" | "jumput" | "printing";

/**
 * The technique as a badge. Screen-printed cloth is not batik: SNI 8184:2015
 * calls it "tiruan batik" (imitation), and buyers must see that at a glance.
 */
export function TechniqueBadge({ technique }: { technique: Technique }) {
  const { t } = useTranslation();
  if (technique === "printing") {
    return <span className="badge badge--imitation">{t("labels.technique.printing")}</span>;
  }
  return <span className={`badge badge--${technique}`}>{t(`labels.technique.${technique}`)}</span>;
}

export function SoldOutBadge() {
  const { t } = useTranslation();
  return <span className="badge badge--soldout">{t("labels.soldOut")}</span>;
}

export function CancelledBadge() {
  const { t } = useTranslation();
  return <span className="badge badge--cancelled">{t("labels.cancelled")}</span>;
}

export function EventKindBadge({ kind }: { kind: "exhibition" | "festival" | "bazaar" | "training" }) {
  const { t } = useTranslation();
  return <span className={`badge badge--kind badge--${kind}`}>{t(`labels.eventKind.${kind}`)}</span>;
}

type LegalBadge = { kind: "nib" | "trademark" | "batikmark"; grade: "gold" | "white" | "silver" | null };

/** A verified legality document (NIB, trademark, Batikmark with its grade colour). */
export function LegalityBadge({ badge }: { badge: LegalBadge }) {
  const { t } = useTranslation();
  if (badge.kind === "batikmark") {
    const grade = badge.grade ?? "none";
    return (
      <span className={`legal-badge legal-badge--batikmark legal-badge--${grade}`}>
        <CheckIcon />
        <span>
          <strong>{t("labels.badge.batikmark")}</strong>
          {badge.grade ? <span className="legal-badge__detail">{t(`labels.badge.grade.${badge.grade}`)}</span> : null}
        </span>
      </span>
    );
  }
  return (
    <span className={`legal-badge legal-badge--${badge.kind}`}>
      <CheckIcon />
      <span>
        <strong>{t(`labels.badge.${badge.kind}`)}</strong>
        <span className="legal-badge__detail">{t("labels.badge.verified")}</span>
      </span>
    </span>
  );
}

/** "Verified member · APBB": every public shop's membership was verified by its association. */
export function VerifiedMark({ association }: { association: string | null }) {
  const { t } = useTranslation();
  return (
    <p className="verified-mark">
      <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
        <circle cx="10" cy="10" r="9" fill="currentColor" />
        <path d="M5.5 10.5l3 3 6-6.5" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {association ? `${t("artisans.verifiedMember")} · ${association}` : t("artisans.verifiedMember")}
    </p>
  );
}

function CheckIcon() {
  return (
    <svg className="legal-badge__icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="9" fill="currentColor" />
      <path d="M5.5 10.5l3 3 6-6.5" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
