/**
 * Analysis context
 * ================
 *
 * Everything a pattern detector or the score may read about the population, built once per pass, plus
 * the small text helpers reasons share (identifier refs, short lists, times).
 */
import type { ClusterReason, Pattern } from "../common/detection.js";
import type { LinkDecision } from "./common-infrastructure.js";
import type { Identities } from "./identities.js";
import type { IdentityLinks } from "./identity-links.js";
import { refOf, type DetectionInput } from "./input.js";
import type { IpClasses } from "./ip-class.js";
import type { DetectOptions } from "./options.js";

export interface AnalysisContext {
  input: DetectionInput;
  ids: Identities;
  links: IdentityLinks;
  decision: LinkDecision;
  ips: IpClasses;
  opts: DetectOptions;
}

/** What one detector concludes about a cluster. */
export interface Detection {
  /** The detector (`laptop_farm`, `account_rental`, `identity_reuse`, `transitive_chain`, `shared_infrastructure`). */
  code: string;
  /** The pattern found, or null when it did not fire. */
  pattern: Pattern | null;
  /** How strongly it fired, 0 (not at all) to 1. */
  strength: number;
  reasons: ClusterReason[];
}

export const none = (code: string): Detection => ({ code, pattern: null, strength: 0, reasons: [] });

export const ref = (ctx: AnalysisContext, ident: number): string => refOf(ctx.input, ident);

/** "a, b and c" / "a, b, c and 4 more". */
export function listText(items: readonly string[], max = 4): string {
  if (items.length <= 1) return items[0] ?? "";
  if (items.length <= max) return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

export const quoted = (s: string): string => `"${s}"`;

export function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** The typed names of identities (first application's name each), for reasons. */
export function identityNames(ctx: AnalysisContext, identities: readonly number[]): string[] {
  const names: string[] = [];
  for (const p of identities) {
    const a = ctx.ids.members[ctx.ids.offset[p]!]!;
    names.push(ctx.input.apps.fullName[a] ?? "(no name)");
  }
  return names;
}
