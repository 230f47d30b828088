/**
 * Hand-built detection inputs for unit tests: applications as literals, built through the same
 * InputBuilder the Neo4j loader uses, and a detection environment with the real offline ASN table.
 */
import { detectClusters, type DetectClustersOptions } from "../../../server/detect/detect.js";
import { defaultEnvironment } from "../../../server/detect/environment.js";
import { KIND_CODE, type DetectionInput } from "../../../server/detect/input.js";
import { InputBuilder, type ApplicationFields, type LinkSpec } from "../../../server/detect/input-builder.js";
import { reuseCandidates } from "../../../server/detect/reuse-candidates.js";
import { attachContactKeys } from "../../../server/detect/typos.js";
import type { IdentifierKind } from "../../../server/common/identifiers.js";
import type { DetectionOutput } from "../../../server/detect/types.js";

export interface TestApp extends Partial<Omit<ApplicationFields, "id">> {
  id: string;
  email?: string | string[];
  phone?: string | string[];
  ip?: string | string[];
  device?: string | string[];
  profile?: string | string[];
  address?: string;
  payment?: string;
}

const KINDS: IdentifierKind[] = ["email", "phone", "ip", "device", "profile", "address", "payment"];
const BASE = Date.parse("2026-03-02T09:00:00Z");

/** Builds an input; identifier values are given already in normal form (keys). */
export function buildInput(apps: readonly TestApp[]): DetectionInput {
  const b = new InputBuilder(defaultEnvironment());
  apps.forEach((app, n) => {
    const links: LinkSpec[] = [];
    for (const kind of KINDS) {
      const v = app[kind];
      for (const key of v === undefined ? [] : Array.isArray(v) ? v : [v]) links.push({ kind, key });
    }
    b.add(
      {
        ...app,
        // Applications a day apart unless given: no accidental bursts.
        submittedAt: app.submittedAt ?? BASE + n * 86_400_000,
        shippingAddress: app.shippingAddress ?? app.address ?? null,
      },
      links,
    );
  });
  return b.build();
}

/**
 * Detection as a run feeds it: the input, then the emails, phones and devices of the applications whose
 * identity reads as reused (the typo fold's values, as server/runs/load-contact-keys.ts attaches them).
 */
export function detect(apps: readonly TestApp[], opts: DetectClustersOptions = {}): DetectionOutput {
  const input = buildInput(apps);
  attachContactKeys(input, reuseCandidates(input, opts), (a) =>
    (["email", "phone", "device"] as const).flatMap((kind) => {
      const v = apps[a]![kind];
      return (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((key) => ({ kind: KIND_CODE[kind], key }));
    }),
  );
  return detectClusters(input, { environment: defaultEnvironment(), ...opts });
}

/** A stranger: own name, email, phone, device; extra fields merged in. */
export function stranger(n: number, extra: Partial<TestApp> = {}): TestApp {
  return {
    id: `S-${n}`,
    fullName: `Person${n} Family${n}`,
    email: `person${n}@mail.example`,
    phone: `+1415555${String(1000 + n).padStart(4, "0")}`,
    device: `dev-${n}`,
    ...extra,
  };
}
