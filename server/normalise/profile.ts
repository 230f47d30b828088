/**
 * Profile normal form
 * ===================
 *
 * Host lower-cased without `www.` (and LinkedIn's country subdomains), no query, fragment or trailing
 * slash. A LinkedIn profile is keyed by its `/in/<handle>`; GitHub and GitLab by their first path segment.
 */
import type { NormalisedIdentifier } from "../common/identifiers.js";

const PLATFORM_BY_HOST: Record<string, string> = {
  "linkedin.com": "linkedin",
  "github.com": "github",
  "gitlab.com": "gitlab",
  "stackoverflow.com": "stackoverflow",
  "behance.net": "behance",
  "dribbble.com": "dribbble",
};

function malformed(raw: string): NormalisedIdentifier {
  const key = raw.trim().toLowerCase().replace(/\/+$/, "");
  return { kind: "profile", key, props: { platform: "unknown", handle: null }, malformed: true, links: true };
}

/** A path segment with its %-escapes decoded; a malformed escape ("%E0%A4%A") is kept as typed. */
function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function normaliseProfile(raw: string): NormalisedIdentifier | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return malformed(trimmed);
  }
  if (!url.hostname.includes(".")) return malformed(trimmed);
  let host = url.hostname.toLowerCase().replace(/^www\./, "");
  if (/^[a-z]{2,3}\.linkedin\.com$/.test(host)) host = "linkedin.com";
  const segments = url.pathname.split("/").filter(Boolean).map(decodeSegment);
  const platform = PLATFORM_BY_HOST[host] ?? "website";
  if (platform === "linkedin") {
    const i = segments.indexOf("in");
    if (i >= 0 && segments[i + 1]) {
      const handle = segments[i + 1]!.toLowerCase();
      return { kind: "profile", key: `linkedin.com/in/${handle}`, props: { platform, handle }, links: true };
    }
  }
  if ((platform === "github" || platform === "gitlab") && segments[0]) {
    const handle = segments[0].toLowerCase();
    return { kind: "profile", key: `${host}/${handle}`, props: { platform, handle }, links: true };
  }
  const pathPart = url.pathname.replace(/\/+$/, "");
  return { kind: "profile", key: `${host}${pathPart}`, props: { platform, handle: segments[0] ?? null }, links: true };
}

/**
 * Whether a profile key is one person's own page: a LinkedIn `/in/<handle>`. Company pages, websites and
 * GitHub or GitLab names (a user or an organisation, the URL does not say which) may be shared honestly.
 */
export const isPersonalProfileKey = (key: string): boolean => key.startsWith("linkedin.com/in/");
