/**
 * Detection environment
 * =====================
 *
 * The reference data a pass reads besides the graph: the offline ASN table (loaded once per process),
 * which ASNs are hosting/VPN networks and which are mobile carriers, and the education reference.
 */
import type { EducationCheck } from "./app-indicators.js";
import { asnTable, type AsnTable } from "./asn-db.js";
import type { AsnCategories } from "./ip-class.js";

export interface DetectEnvironment {
  asn: Pick<AsnTable, "lookup" | "package" | "version">;
  categories: AsnCategories;
  education: EducationCheck;
}

let shared: DetectEnvironment | null = null;

export function defaultEnvironment(): DetectEnvironment {
  shared ??= {
    asn: asnTable(),
    categories: { hosting: new Set(), mobile: new Set() },
    education: { check: () => 0 },
  };
  return shared;
}
