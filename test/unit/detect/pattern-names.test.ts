// Pattern names are written once (server/common/detection.ts): the registry and the client read them.
import { describe, expect, it } from "vitest";

import { PATTERN_INFO, PATTERNS } from "../../../server/common/detection.js";
import { PATTERN_REGISTRY } from "../../../server/detect/patterns/index.js";
import { PATTERN_HELP, PATTERN_LABELS } from "../../../client/ui/format.js";
import { PATTERN_NAMES } from "../../../client/state/queue-query.js";

describe("pattern names", () => {
  it("every contract pattern has a detector reporting it, and a detector named after one shows its label", () => {
    for (const p of PATTERNS) expect(PATTERN_REGISTRY.some((d) => d.pattern === p)).toBe(true);
    for (const d of PATTERN_REGISTRY.filter((d) => d.code === d.pattern))
      expect([d.label, d.help]).toEqual([PATTERN_INFO[d.pattern].label, PATTERN_INFO[d.pattern].help]);
  });

  it("the client's filter, labels and tooltips cover exactly the contract's patterns", () => {
    expect([...PATTERN_NAMES]).toEqual([...PATTERNS]);
    expect(Object.keys(PATTERN_LABELS).sort()).toEqual([...PATTERNS].sort());
    expect(PATTERN_LABELS.laptop_farm).toBe("Laptop farm");
    expect(PATTERN_HELP.account_rental).toBe(PATTERN_INFO.account_rental.help);
  });
});
