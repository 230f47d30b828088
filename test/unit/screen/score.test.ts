/**
 * Screening's score is detection's formula applied to the group an application would join: the shared
 * family functions, the run's options (an adjusted point moves a screen too), the squash above the knee,
 * and the honest explanations a joined cluster carries over only when nothing it excludes is shared.
 */
import { describe, expect, it } from "vitest";

import { K } from "../../../server/detect/input.js";
import { DEFAULT_DETECT_OPTIONS, resolveDetectOptions } from "../../../server/detect/options.js";
import { squash } from "../../../server/detect/score.js";
import { scaledScoreOptions } from "../../../server/rules/catalogue.js";
import { screenScore, type ScreenFacts } from "../../../server/screen/score.js";
import { HOSTING_IP, MALFORMED_PHONE } from "../../../server/detect/input.js";

const opts = resolveDetectOptions();
const facts = (f: Partial<ScreenFacts>): ScreenFacts => ({
  bits: 0,
  sharedKinds: [],
  sharedIdentifiers: 0,
  joined: null,
  newIdentity: true,
  otherIdentities: 0,
  times: [0],
  identityOf: [0],
  ...f,
});
const points = (s: { breakdown: { code: string; points: number }[] }, code: string) =>
  s.breakdown.find((c) => c.code === code)?.points;

describe("screenScore", () => {
  it("scores an application alone by its own indicators", () => {
    const s = screenScore(facts({ bits: HOSTING_IP | MALFORMED_PHONE }), opts);
    expect(s.breakdown).toEqual([{ code: "indicators", points: 22 }]);
    expect([s.score, s.level]).toEqual([22, "low"]);
  });

  it("takes the joined cluster's pattern points and size, and squashes above the knee as detection does", () => {
    const joined = { breakdown: [{ code: "patterns", points: 55 }], identities: 7 };
    const s = screenScore(facts({ sharedKinds: [K.payment, K.device], sharedIdentifiers: 2, joined }), opts);
    expect(points(s, "links")).toBe(32);
    expect(points(s, "patterns")).toBe(55);
    expect(points(s, "size")).toBe(12); // 6 · log2(8 / 2)
    expect(s.points).toBe(99);
    expect(s.score).toBe(squash(99, opts.score));
    expect(s.score).toBeGreaterThan(80);
    expect(s.score).toBeLessThan(100);
    expect(s.level).toBe("high");
  });

  it("follows the run's points: a verdict-adjusted rule moves the screen", () => {
    const adjusted = { ...opts, score: scaledScoreOptions(opts.score, { hosting_ip: 1.5, shared_device: 0.5 }) };
    const s = screenScore(
      facts({ bits: HOSTING_IP, sharedKinds: [K.device], sharedIdentifiers: 1, otherIdentities: 1 }),
      adjusted,
    );
    expect(points(s, "indicators")).toBe(18);
    expect(points(s, "links")).toBe(6);
    expect(DEFAULT_DETECT_OPTIONS.score.indicatorPoints.hosting_ip).toBe(12);
  });

  it("carries a household over unless a payroll account or profile is shared", () => {
    const joined = { breakdown: [{ code: "household", points: -25 }], identities: 2 };
    const home = screenScore(facts({ sharedKinds: [K.address], sharedIdentifiers: 1, joined }), opts);
    expect(points(home, "household")).toBe(-25);
    expect(home.score).toBe(0);
    const paid = screenScore(facts({ sharedKinds: [K.address, K.payment], sharedIdentifiers: 2, joined }), opts);
    expect(points(paid, "household")).toBeUndefined();
    expect(paid.points).toBe(33.5); // links 20 + 10, size 6 · log2(3 / 2)
  });

  it("lowers a lone shared phone or email as a contact hub", () => {
    const s = screenScore(facts({ sharedKinds: [K.phone], sharedIdentifiers: 1, otherIdentities: 1 }), opts);
    expect(points(s, "one_contact_hub")).toBe(opts.score.oneContactHub);
    expect(s.score).toBe(0);
  });

  it("adds the burst when it and the applicants it links to submitted within the window", () => {
    const minute = 60_000;
    const f = facts({
      sharedKinds: [K.device],
      sharedIdentifiers: 1,
      otherIdentities: 3,
      times: [0, 5 * minute, 10 * minute, 15 * minute],
      identityOf: [0, 1, 2, 3],
    });
    const s = screenScore(f, opts);
    expect(s.burst).toBe(true);
    expect(points(s, "indicators")).toBe(opts.score.burstPoints);
    const slow = screenScore({ ...f, times: [0, 1e9, 2e9, 3e9] }, opts);
    expect(slow.burst).toBe(false);
  });
});
