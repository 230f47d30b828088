/**
 * Formatting
 * ==========
 *
 * Words and numbers as investigators read them: dates in UTC (every investigator sees the same day for
 * the same submission), pattern and change names in plain English, score components by name. Pure.
 */
import {
  PATTERN_INFO,
  PATTERNS,
  type ClusterChange,
  type Pattern,
  type RiskLevel,
} from "../../server/common/detection.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parse(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "3 Feb 2026" (UTC). */
export function formatDate(value: string | number | null | undefined): string {
  const d = parse(value);
  if (!d) return "—";
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "3 Feb 2026, 14:05 UTC". */
export function formatDateTime(value: string | number | null | undefined): string {
  const d = parse(value);
  if (!d) return "—";
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${formatDate(d.getTime())}, ${hh}:${mm} UTC`;
}

/** "3–9 Feb 2026", "28 Jan – 2 Feb 2026", "3 Feb 2026" (UTC; `to` exclusive when `exclusiveEnd`). */
export function formatRange(from: number, to: number, exclusiveEnd = true): string {
  const end = new Date(exclusiveEnd ? to - 1 : to);
  const start = new Date(from);
  if (start.toISOString().slice(0, 10) === end.toISOString().slice(0, 10)) {
    if (to - from < 24 * 3_600_000) return `${formatDateTime(from)} – ${formatDateTime(to).split(", ")[1]}`;
    return formatDate(from);
  }
  if (start.getUTCFullYear() === end.getUTCFullYear()) {
    if (start.getUTCMonth() === end.getUTCMonth())
      return `${start.getUTCDate()}–${end.getUTCDate()} ${MONTHS[end.getUTCMonth()]} ${end.getUTCFullYear()}`;
    return `${start.getUTCDate()} ${MONTHS[start.getUTCMonth()]} – ${formatDate(end.getTime())}`;
  }
  return `${formatDate(from)} – ${formatDate(end.getTime())}`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString("en-GB");
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

export const PATTERN_LABELS: Readonly<Record<Pattern, string>> = Object.fromEntries(
  PATTERNS.map((p) => [p, PATTERN_INFO[p].label]),
) as Record<Pattern, string>;

export const PATTERN_HELP: Readonly<Record<Pattern, string>> = Object.fromEntries(
  PATTERNS.map((p) => [p, PATTERN_INFO[p].help]),
) as Record<Pattern, string>;

export function patternLabel(p: string): string {
  return (PATTERN_LABELS as Record<string, string>)[p] ?? humanise(p);
}

export const LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = { high: "High", medium: "Medium", low: "Low" };

export const CHANGE_LABELS: Readonly<Record<ClusterChange, string>> = {
  new: "New",
  grown: "Grown",
  shrunk: "Shrunk",
  merged: "Merged",
  split: "Split",
  unchanged: "Unchanged",
};

/** `shared_payment_account` → "Shared payment account". */
export function humanise(code: string): string {
  const words = code.replace(/[_-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Score families (server/detect/score.ts) as the breakdown names them. */
export const SCORE_LABELS: Readonly<Record<string, string>> = {
  links: "Shared identifiers",
  patterns: "Fraud patterns",
  indicators: "Application indicators",
  size: "Number of identities",
  honest: "Honest explanation",
};

export function scoreLabel(code: string): string {
  return SCORE_LABELS[code] ?? humanise(code);
}

/** Per-application indicators set by ingest (server/ingest/record.ts). */
export const INDICATOR_LABELS: Readonly<Record<string, string>> = {
  malformed_phone: "Malformed phone number",
  malformed_email: "Malformed email address",
  malformed_ip: "Malformed IP address",
  malformed_profile: "Malformed profile URL",
  non_routable_ip_only: "Only private / non-routable IPs",
  voip_phone: "VoIP phone number",
  phone_country_mismatch: "Phone country differs from claimed country",
  ships_out_of_state: "Shipping address in another state than the claimed home",
};

export function indicatorLabel(code: string): string {
  return INDICATOR_LABELS[code] ?? humanise(code);
}
