import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { documentCsp } from "./entry.server";

const sha256 = (text: string) => `'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`;

function directive(csp: string, name: string): string {
  const found = csp.split("; ").find((d) => d.startsWith(`${name} `));
  if (!found) throw new Error(`no ${name} in ${csp}`);
  return found;
}

describe("documentCsp", () => {
  it("lists the SHA-256 of every inline script, as the browser computes it", () => {
    const a = `window.__remixContext = {"url":"/"};`;
    const b = `import "/build/entry.client-ABC.js";`;
    const html = `<html><head><script>${a}</script></head><body><script type="module">${b}</script></body></html>`;
    const scriptSrc = directive(documentCsp(html), "script-src");
    expect(scriptSrc).toBe(`script-src 'self' ${sha256(a)} ${sha256(b)}`);
  });

  it("ignores scripts loaded by src and empty scripts", () => {
    const html = `<script src="/build/manifest.js"></script><script type="module" src="/build/x.js"></script><script></script>`;
    expect(directive(documentCsp(html), "script-src")).toBe("script-src 'self'");
  });

  it("lists a script that appears twice once", () => {
    const html = `<script>a()</script><script>a()</script>`;
    expect(directive(documentCsp(html), "script-src")).toBe(`script-src 'self' ${sha256("a()")}`);
  });

  it("hashes non-ASCII content as UTF-8", () => {
    const content = `console.log("Pengrajin — Kabupaten Blitar ✓")`;
    expect(directive(documentCsp(`<script>${content}</script>`), "script-src")).toContain(sha256(content));
  });

  it("never allows inline styles, framing or plugins", () => {
    const csp = documentCsp("<p>no scripts</p>");
    expect(directive(csp, "style-src")).toBe("style-src 'self'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
  });
});
