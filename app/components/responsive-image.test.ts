import { describe, expect, it } from "vitest";
import { pictureSources } from "./responsive-image";

const v = (format: "avif" | "webp" | "jpeg", width: number) => ({ format, width, url: `/images/x-${width}.${format}` });

describe("pictureSources", () => {
  it("offers AVIF and WebP sources and a JPEG <img> with the largest JPEG as src", () => {
    const s = pictureSources([v("jpeg", 1024), v("avif", 320), v("webp", 640), v("avif", 640), v("webp", 320), v("jpeg", 320)]);
    expect(s.avif).toBe("/images/x-320.avif 320w, /images/x-640.avif 640w");
    expect(s.webp).toBe("/images/x-320.webp 320w, /images/x-640.webp 640w");
    expect(s.img).toEqual({ src: "/images/x-1024.jpeg", srcSet: "/images/x-320.jpeg 320w, /images/x-1024.jpeg 1024w" });
  });

  it("puts WebP on the <img> when there is no JPEG, without a duplicate WebP source", () => {
    const s = pictureSources([v("webp", 640), v("webp", 320), v("webp", 1024)]);
    expect(s.avif).toBeNull();
    expect(s.webp).toBeNull();
    expect(s.img.src).toBe("/images/x-1024.webp");
    expect(s.img.srcSet).toBe("/images/x-320.webp 320w, /images/x-640.webp 640w, /images/x-1024.webp 1024w");
  });
});
