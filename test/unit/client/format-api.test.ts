/**
 * Formatting (UTC dates and ranges, names of patterns, score parts and indicators) and the API client's
 * contract with the server: same-origin credentials, the CSRF header echoing the `rs_csrf` cookie on
 * state-changing requests only, `{ error }` bodies as ApiError, and a 401 sending the browser to sign-in
 * with the current location. `fetch`, `document` and `window` are stubbed: this is the browser's edge,
 * not the server (the browser tests drive the real one).
 */
import { afterEach, describe, expect, it, vi } from "vitest";

import { ApiError, api, readCookie, request, setUnauthenticatedHandler } from "../../../client/api.js";
import {
  formatDate,
  formatDateTime,
  formatRange,
  humanise,
  indicatorLabel,
  patternLabel,
  plural,
  scoreLabel,
} from "../../../client/ui/format.js";

describe("format", () => {
  it("writes dates and times in UTC", () => {
    expect(formatDate("2026-02-03T23:30:00-05:00")).toBe("4 Feb 2026");
    expect(formatDateTime("2026-02-03T14:05:00Z")).toBe("3 Feb 2026, 14:05 UTC");
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a date")).toBe("—");
  });

  it("writes ranges compactly, end exclusive", () => {
    const t = Date.parse;
    expect(formatRange(t("2026-02-03T00:00:00Z"), t("2026-02-10T00:00:00Z"))).toBe("3–9 Feb 2026");
    expect(formatRange(t("2026-01-28T00:00:00Z"), t("2026-02-03T00:00:00Z"))).toBe("28 Jan – 2 Feb 2026");
    expect(formatRange(t("2025-12-30T00:00:00Z"), t("2026-01-02T00:00:00Z"))).toBe("30 Dec 2025 – 1 Jan 2026");
    expect(formatRange(t("2026-02-03T00:00:00Z"), t("2026-02-04T00:00:00Z"))).toBe("3 Feb 2026");
    expect(formatRange(t("2026-02-03T09:00:00Z"), t("2026-02-03T12:00:00Z"))).toBe("3 Feb 2026, 09:00 UTC – 12:00 UTC");
  });

  it("names things in plain words", () => {
    expect(patternLabel("laptop_farm")).toBe("Laptop farm");
    expect(patternLabel("new_pattern")).toBe("New pattern");
    expect(scoreLabel("honest")).toBe("Honest explanation");
    expect(indicatorLabel("voip_phone")).toBe("VoIP phone number");
    expect(humanise("shared_payment_account")).toBe("Shared payment account");
    expect(plural(1, "identity", "identities")).toBe("1 identity");
    expect(plural(1200, "application")).toBe("1,200 applications");
  });
});

describe("API client", () => {
  const calls: { url: string; init: RequestInit }[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  const assign = vi.fn();

  function stubBrowser(cookie: string, pathname = "/clusters/C-1", search = "?sel=application%3AA-1") {
    calls.length = 0;
    vi.stubGlobal("document", { cookie });
    vi.stubGlobal("window", { location: { pathname, search, assign } });
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(answer.body), { status: answer.status, statusText: "X" });
    });
  }

  afterEach(() => {
    vi.unstubAllGlobals();
    assign.mockReset();
  });

  it("reads a cookie among others", () => {
    expect(readCookie("a=1; rs_csrf=abc%3D%3D; b=2", "rs_csrf")).toBe("abc==");
    expect(readCookie("a=1", "rs_csrf")).toBeNull();
  });

  it("sends credentials same-origin and the CSRF header only on state-changing requests", async () => {
    stubBrowser("rs_session=secret; rs_csrf=tok123");
    answer = { status: 200, body: { ok: true } };
    await api.get("/api/clusters", { query: { level: "high", q: "", run: null } });
    await api.post("/api/cases", { title: "x" });
    expect(calls[0]!.url).toBe("/api/clusters?level=high");
    expect(calls[0]!.init.credentials).toBe("same-origin");
    expect((calls[0]!.init.headers as Record<string, string>)["X-CSRF-Token"]).toBeUndefined();
    expect(calls[1]!.init.method).toBe("POST");
    expect((calls[1]!.init.headers as Record<string, string>)["X-CSRF-Token"]).toBe("tok123");
    expect(calls[1]!.init.body).toBe(JSON.stringify({ title: "x" }));
  });

  it("encodes refs in paths", async () => {
    stubBrowser("");
    await api.neighbours("profile:linkedin.com/in/jane", 25, 0);
    expect(calls[0]!.url).toBe("/api/nodes/profile%3Alinkedin.com%2Fin%2Fjane/neighbours?limit=25&offset=0");
  });

  it("turns an error body into ApiError", async () => {
    stubBrowser("");
    answer = {
      status: 404,
      body: { error: { code: "not_found", message: 'cluster "C-9" is not in the latest finished run' } },
    };
    const err = await request("GET", "/api/clusters/C-9").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 404,
      code: "not_found",
      message: 'cluster "C-9" is not in the latest finished run',
    });
  });

  it("sends a 401 to sign-in with the current location, except from the sign-in page", async () => {
    stubBrowser("");
    answer = { status: 401, body: { error: { code: "unauthenticated", message: "sign in" } } };
    const seen: string[] = [];
    setUnauthenticatedHandler((next) => seen.push(next));
    await expect(api.get("/api/clusters")).rejects.toMatchObject({ status: 401 });
    expect(seen).toEqual(["/clusters/C-1?sel=application%3AA-1"]);
    stubBrowser("", "/signin", "?next=%2F");
    await expect(api.get("/api/auth/me")).rejects.toMatchObject({ status: 401 });
    expect(seen).toHaveLength(1);
  });
});
