/**
 * Email normal form
 * =================
 *
 * Trimmed and lower-cased. Providers that deliver `a.b+x@` to `ab@` lose dots and tags (Gmail,
 * Googlemail, which becomes gmail.com); providers with plus-addressing but significant dots lose the tag.
 */
import type { NormalisedIdentifier } from "../common/identifiers.js";

const DOTS_AND_TAGS = new Set(["gmail.com", "googlemail.com"]);
const TAGS_ONLY = new Set([
  "outlook.com",
  "hotmail.com",
  "live.com",
  "icloud.com",
  "me.com",
  "protonmail.com",
  "proton.me",
  "fastmail.com",
]);
const SHAPE = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/;

export function normaliseEmail(raw: string): NormalisedIdentifier | null {
  const trimmed = raw.trim().toLowerCase();
  if (!trimmed) return null;
  const at = trimmed.lastIndexOf("@");
  let local = at > 0 ? trimmed.slice(0, at) : trimmed;
  let domain = at > 0 ? trimmed.slice(at + 1) : "";
  if (domain === "googlemail.com") domain = "gmail.com";
  if (DOTS_AND_TAGS.has(domain)) local = local.split("+")[0]!.replaceAll(".", "");
  else if (TAGS_ONLY.has(domain)) local = local.split("+")[0]!;
  const key = at > 0 ? `${local}@${domain}` : trimmed;
  const valid = SHAPE.test(key) && local.length > 0;
  return { kind: "email", key, props: { domain: domain || null, valid }, malformed: !valid, links: true };
}
