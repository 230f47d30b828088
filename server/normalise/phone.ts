/**
 * Phone normal form
 * =================
 *
 * E.164 where libphonenumber parses the number as valid (region from the number, else the claimed
 * country, else US); otherwise the digits alone, marked malformed.
 */
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

import type { NormalisedIdentifier } from "../common/identifiers.js";

export function normalisePhone(raw: string, claimedCountry?: string): NormalisedIdentifier | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const region = (claimedCountry?.toUpperCase() || "US") as CountryCode;
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(trimmed, { defaultCountry: region, extract: false });
  } catch {
    parsed = undefined;
  }
  // With the full ("max") metadata a number is valid exactly when it has a type (isValid() is
  // getType() !== undefined there), so the type patterns are matched once, not twice.
  const lineType = parsed?.getType();
  if (parsed && lineType !== undefined) {
    return {
      kind: "phone",
      key: parsed.number,
      props: {
        e164: parsed.number,
        valid: true,
        malformed: false,
        country: parsed.country ?? null,
        line_type: lineType,
      },
      links: true,
    };
  }
  const digits = trimmed.replace(/\D+/g, "");
  if (!digits)
    return {
      kind: "phone",
      key: trimmed.toLowerCase(),
      props: { e164: null, valid: false, malformed: true, country: null, line_type: null },
      malformed: true,
      links: false,
    };
  return {
    kind: "phone",
    key: digits,
    props: { e164: null, valid: false, malformed: true, country: null, line_type: null },
    malformed: true,
    links: true,
  };
}
