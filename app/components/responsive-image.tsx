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

function largest(variants: Variant[]): Variant | undefined {
  return variants.reduce<Variant | undefined>((best, v) => (!best || v.width > best.width ? v : best), undefined);
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
  const avif = image.variants.filter((v) => v.format === "avif");
  const webp = image.variants.filter((v) => v.format === "webp");
  const jpeg = image.variants.filter((v) => v.format === "jpeg");
  const fallback = jpeg.length > 0 ? jpeg : webp.length > 0 ? webp : image.variants;
  const src = largest(fallback)?.url ?? image.variants[0].url;
  const alt = decorative ? "" : localized(locale, image.alt_id, image.alt_en) || fallbackAlt;
  // React 18 does not know the camelCase fetchPriority prop; the lowercase
  // attribute passes through unchanged and is what browsers read.
  const priorityProps = priority ? { fetchpriority: "high" } : {};
  return (
    <picture className={classes}>
      {avif.length > 0 ? <source type="image/avif" srcSet={srcSet(avif)} sizes={sizes} /> : null}
      {webp.length > 0 && fallback !== webp ? <source type="image/webp" srcSet={srcSet(webp)} sizes={sizes} /> : null}
      <img
        src={src}
        srcSet={srcSet(fallback)}
        sizes={sizes}
        width={image.width}
        height={image.height}
        alt={alt}
        loading={priority ? "eager" : "lazy"}
        decoding={priority ? "sync" : "async"}
        {...priorityProps}
      />
    </picture>
  );
}
