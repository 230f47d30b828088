/**
 * Device normal form
 * ==================
 *
 * Device fingerprints are compared trimmed and lower-cased.
 */
import type { NormalisedIdentifier } from "../common/identifiers.js";

export function normaliseDevice(raw: string): NormalisedIdentifier | null {
  const key = raw.trim().toLowerCase();
  return key ? { kind: "device", key, props: {}, links: true } : null;
}
