import { describe, expect, it } from "vitest";
import { assertSameOrigin, checkSameOrigin } from "./csrf.server";

const ORIGIN = "https://batikblitar.id";

function request(method: string, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}/login`, { method, headers });
}

describe("assertSameOrigin", () => {
  it("lets GET and HEAD through whatever their origin", () => {
    expect(() => assertSameOrigin(request("GET", { Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" }), ORIGIN)).not.toThrow();
    expect(() => assertSameOrigin(request("HEAD", { "Sec-Fetch-Site": "cross-site" }), ORIGIN)).not.toThrow();
  });

  it("refuses a POST marked cross-site with 403 and a readable reason", () => {
    try {
      assertSameOrigin(request("POST", { "Sec-Fetch-Site": "cross-site" }), ORIGIN);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Response);
      expect((error as Response).status).toBe(403);
    }
  });

  it("refuses a POST whose Origin is another site, even without Sec-Fetch-Site", () => {
    expect(() => assertSameOrigin(request("POST", { Origin: "http://evil.example" }), ORIGIN)).toThrow(Response);
    expect(() => assertSameOrigin(request("DELETE", { Origin: "https://batikblitar.id.evil.example" }), ORIGIN)).toThrow(Response);
    // Same host, other scheme is another origin.
    expect(() => assertSameOrigin(request("POST", { Origin: "http://batikblitar.id" }), ORIGIN)).toThrow(Response);
  });

  it("allows same-origin and same-site requests, and clients that send neither header", () => {
    expect(() => assertSameOrigin(request("POST", { Origin: ORIGIN, "Sec-Fetch-Site": "same-origin" }), ORIGIN)).not.toThrow();
    expect(() => assertSameOrigin(request("POST", { "Sec-Fetch-Site": "same-site" }), ORIGIN)).not.toThrow();
    expect(() => assertSameOrigin(request("POST", { "Sec-Fetch-Site": "none" }), ORIGIN)).not.toThrow();
    expect(() => assertSameOrigin(request("POST"), ORIGIN)).not.toThrow();
  });

  it("checks the raw values the Express middleware hands it", () => {
    expect(checkSameOrigin({ method: "post", origin: "null", secFetchSite: undefined }, ORIGIN).ok).toBe(false);
    // Origin null (a sandboxed frame, a file, a no-referrer page) proves nothing: refused whatever Sec-Fetch-Site says.
    expect(checkSameOrigin({ method: "POST", origin: "null", secFetchSite: "same-origin" }, ORIGIN).ok).toBe(false);
    expect(checkSameOrigin({ method: "POST", origin: "null", secFetchSite: "same-site" }, ORIGIN).ok).toBe(false);
    expect(checkSameOrigin({ method: "POST", origin: "null", secFetchSite: "cross-site" }, ORIGIN).ok).toBe(false);
    expect(checkSameOrigin({ method: "PUT", origin: `${ORIGIN}/`, secFetchSite: null }, ORIGIN).ok).toBe(true);
  });
});
