/**
 * Payment-account normal form
 * ===========================
 *
 * Payroll tokens are hashed upstream and compared as given; only surrounding white space is dropped.
 */
import type { NormalisedIdentifier } from "../common/identifiers.js";

export function normalisePayment(raw: string): NormalisedIdentifier | null {
  const key = raw.trim();
  return key ? { kind: "payment", key, props: {}, links: true } : null;
}
