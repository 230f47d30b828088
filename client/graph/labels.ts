/**
 * Node labels
 * ===========
 *
 * What a node is called on screen. An identifier is labelled by the value an applicant typed
 * (`+1 (972) 772-0000`, `Elizabeth.Foster3940@gmail.com`) when the server sent it, else by its normal
 * form; the normal form shows on hover. Hashes (device fingerprints, payroll tokens) are shortened to
 * their first and last characters, which is how people compare them anyway. Pure; tested in Node.
 */
import type { NodeKind } from "./kinds.js";

/** A hash-like token: long, no spaces, hex or base64/base32 alphabet. */
const HASHLIKE = /^[A-Za-z0-9+/=_-]{20,}$/;

export function shortenHash(value: string): string {
  if (!HASHLIKE.test(value) || !/\d/.test(value)) return value;
  return `${value.slice(0, 6)}…${value.slice(-4)}`;
}

/** The label of a node from the API: applications by name, identifiers by their typed value, hashes shortened. */
export function displayLabel(kind: NodeKind, label: string, attributes: Record<string, unknown>): string {
  if (kind === "application") return label;
  const typed = typeof attributes.display === "string" && attributes.display.trim() ? attributes.display.trim() : label;
  return kind === "device" || kind === "payment" ? shortenHash(typed) : typed;
}

/** The hover label: the shown value and, when it differs, the normal form that links. */
export function hoverLabel(kind: NodeKind, shown: string, key: string | undefined): string {
  if (kind === "application" || !key || key === shown) return shown;
  return `${shown}  ⇢  ${key}`;
}
