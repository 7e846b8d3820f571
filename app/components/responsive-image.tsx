import type { ImageRef } from "~/models/image.server";
import { localized } from "~/utils/i18n";
import { useLocale } from "~/utils/use-locale";

type Variant = ImageRef["variants"][number];

function srcSet(variants: Variant[]) {
  return [...variants]
    .sort((a, b) => a.width - b.width)
    .map((v) => `${v.url} ${v.width}w`)
    .join(", ");
}

/**
 * The <source> srcsets and the <img> fallback for an image's variants: AVIF
 * first (smallest), then WebP, then JPEG for the <img>. Without JPEG the
 * <img> itself carries the WebP set (every browser in use reads WebP), and no
 * WebP <source> is emitted twice.
 */
export function pictureSources(variants: Variant[]) {
  const avif = variants.filter((v) => v.format === "avif");
  const webp = variants.filter((v) => v.format === "webp");
  const jpeg = variants.filter((v) => v.format === "jpeg");
  const fallback = jpeg.length > 0 ? jpeg : webp.length > 0 ? webp : variants;
  const largest = fallback.reduce<Variant | undefined>((best, v) => (!best || v.width > best.width ? v : best), undefined);
  return {
    avif: avif.length > 0 ? srcSet(avif) : null,
    webp: webp.length > 0 && jpeg.length > 0 ? srcSet(webp) : null,
    img: { src: largest?.url ?? "", srcSet: srcSet(fallback) },
  };
}

type Props = {
  image: ImageRef | null;
  /** The `sizes` attribute for this use: how wide the image is drawn at each breakpoint. */
  sizes: string;
  /** Above-the-fold images load eagerly with high priority (LCP); everything else lazily. */
  priority?: boolean;
  /** Used when the image has no alt text in either language. */
  fallbackAlt?: string;
  /** Decorative images (a card whose title already names the picture) get alt="". */
  decorative?: boolean;
  className?: string;
};

/**
 * A <picture> with AVIF and WebP sources and a JPEG (or WebP) fallback, built
 * from the variants the image job made. The width/height attributes give the
 * browser the aspect ratio before any byte arrives, so nothing shifts. The
 * blurred placeholder would need an inline style, which the CSP forbids
 * (style-src 'self'); the wrapper's sand background stands in for it.
 */
export function ResponsiveImage({ image, sizes, priority = false, fallbackAlt = "", decorative = false, className }: Props) {
  const locale = useLocale();
  const classes = ["rimg", className].filter(Boolean).join(" ");
  if (!image || image.variants.length === 0) {
    return <span className={`${classes} rimg--empty`} aria-hidden="true" />;
  }
  const sources = pictureSources(image.variants);
  const alt = decorative ? "" : localized(locale, image.alt_id, image.alt_en) || fallbackAlt;
  // React 18 does not know the camelCase fetchPriority prop; the lowercase
  // attribute passes through unchanged and is what browsers read.
  const priorityProps = priority ? { fetchpriority: "high" } : {};
  return (
    <picture className={classes}>
      {sources.avif ? <source type="image/avif" srcSet={sources.avif} sizes={sizes} /> : null}
      {sources.webp ? <source type="image/webp" srcSet={sources.webp} sizes={sizes} /> : null}
      <img
        src={sources.img.src}
        srcSet={sources.img.srcSet}
        sizes={sizes}
        width={image.width}
        height={image.height}
        alt={alt}
        loading={priority ? "eager" : "lazy"}
        decoding={priority ? undefined : "async"}
        {...priorityProps}
      />
    </picture>
  );
}
