/**
 * Router matching (most specific pattern wins, parameters decoded) and which link clicks the router
 * takes over (ordinary same-origin clicks, not modified clicks, downloads, new tabs or the API).
 */
import { describe, expect, it } from "vitest";

import { compilePath, isInAppLink, pickRoute } from "../../../client/app/routes.js";

const routes = [
  { id: "cluster", path: compilePath("/clusters/:id") },
  { id: "queue", path: compilePath("/clusters") },
  { id: "new-case", path: compilePath("/cases/new") },
  { id: "case", path: compilePath("/cases/:id") },
];
const pick = (p: string) => {
  const r = pickRoute(routes, p, (x) => x.path);
  return r && [r.route.id, r.params];
};

describe("routes", () => {
  it("matches exact segments and decodes parameters", () => {
    expect(pick("/clusters")).toEqual(["queue", {}]);
    expect(pick("/clusters/")).toEqual(["queue", {}]);
    expect(pick("/clusters/C%201%2F2")).toEqual(["cluster", { id: "C 1/2" }]);
    expect(pick("/clusters/C-1/extra")).toBeNull();
    expect(pick("/nowhere")).toBeNull();
  });

  it("prefers the more specific pattern whatever the registration order", () => {
    expect(pick("/cases/new")).toEqual(["new-case", {}]);
    expect(pick("/cases/K-7")).toEqual(["case", { id: "K-7" }]);
  });

  it("refuses bad patterns and undecodable parameters", () => {
    expect(() => compilePath("clusters")).toThrow(/router/);
    expect(() => compilePath("/clusters/:1d")).toThrow(/router/);
    expect(pick("/clusters/%E0%A4%A")).toBeNull();
  });
});

describe("isInAppLink", () => {
  const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false };
  const origin = "http://localhost:3000";

  it("takes ordinary clicks on same-origin links", () => {
    expect(isInAppLink("http://localhost:3000/clusters/C-1?sel=x", origin, click, null, false)).toBe(true);
    expect(isInAppLink("/clusters", origin, click, "_self", false)).toBe(true);
  });

  it("leaves the browser to handle everything else", () => {
    expect(isInAppLink("https://example.com/", origin, click, null, false)).toBe(false);
    expect(isInAppLink("/api/clusters", origin, click, null, false)).toBe(false);
    expect(isInAppLink("/clusters", origin, { ...click, ctrlKey: true }, null, false)).toBe(false);
    expect(isInAppLink("/clusters", origin, { ...click, button: 1 }, null, false)).toBe(false);
    expect(isInAppLink("/clusters", origin, click, "_blank", false)).toBe(false);
    expect(isInAppLink("blob:http://localhost:3000/uuid", origin, click, null, true)).toBe(false);
  });
});
