/**
 * Laptop farm
 * ===========
 *
 * Many identities run from one place (indicators A1, A2, A5, B8, G2; the Chapman and Knoot cases): the
 * same shipping address, often typed several ways; one payroll account; shared laptops; a few
 * residential IPs behind all of them; applications filed in bursts. Fires for three or more identities
 * when at least two of those five signs are present and one of them is a shared address, payroll
 * account or device (an office behind one gateway shares an IP, not a payroll account).
 */
import { nameKey } from "../../normalise/name.js";
import {
  durationText,
  listText,
  plural,
  quoted,
  ref,
  type AnalysisContext,
  type Detection,
} from "../context.js";
import type { Burst } from "../burst.js";
import type { ClusterFacts, SharedIdentifier } from "../facts.js";
import { K } from "../input.js";
import { IP_OTHER } from "../ip-class.js";
import type { ClusterReason } from "../types.js";

export const FARM_MIN_IDENTITIES = 3;
/** A burst counts when it holds at least this many identities and half of the cluster's. */
export const BURST_MIN_IDENTITIES = 3;

const widest = (facts: ClusterFacts, kind: number): SharedIdentifier | undefined =>
  facts.shared.filter((s) => s.kind === kind).sort((a, b) => b.identities.length - a.identities.length)[0];

/** Distinct spellings (as typed, folded only for case and spaces) of a shared address among its applications. */
function spellings(ctx: AnalysisContext, s: SharedIdentifier): string[] {
  const seen = new Map<string, string>();
  for (const a of s.apps) {
    const typed = ctx.input.apps.shippingAddress[a];
    if (!typed) continue;
    const folded = typed.trim().replace(/\s+/g, " ").toLowerCase();
    if (!seen.has(folded)) seen.set(folded, typed.trim());
  }
  return [...seen.values()].sort();
}

export function detectLaptopFarm(ctx: AnalysisContext, facts: ClusterFacts, burst: Burst): Detection {
  const n = facts.identities.length;
  if (n < FARM_MIN_IDENTITIES) return { pattern: null, strength: 0, reasons: [] };
  const reasons: ClusterReason[] = [];
  let anchors = 0;
  let signs = 0;

  const address = widest(facts, K.address);
  if (address && address.identities.length >= FARM_MIN_IDENTITIES) {
    const typed = spellings(ctx, address);
    anchors++;
    signs++;
    reasons.push({
      code: "farm_shared_address",
      text:
        `${address.identities.length} identities give one shipping address ${ref(ctx, address.ident)}` +
        (typed.length > 1 ? `, typed ${typed.length} different ways (${listText(typed.map(quoted), 3)}).` : "."),
      identifiers: [ref(ctx, address.ident)],
    });
  }
  const payment = widest(facts, K.payment);
  if (payment) {
    anchors++;
    signs++;
    reasons.push({
      code: "farm_shared_payroll",
      text: `${payment.identities.length} identities with different names are paid into one payroll account ${ref(ctx, payment.ident)}.`,
      identifiers: [ref(ctx, payment.ident)],
    });
  }
  const devices = facts.shared.filter((s) => s.kind === K.device);
  if (devices.length) {
    anchors++;
    signs++;
    const users = new Set(devices.flatMap((d) => d.identities)).size;
    reasons.push({
      code: "farm_shared_devices",
      text: `${users} identities applied from ${plural(devices.length, "shared device")} (${listText(devices.map((d) => ref(ctx, d.ident)))}).`,
      identifiers: devices.map((d) => ref(ctx, d.ident)),
    });
  }
  const residential = facts.shared.filter((s) => s.kind === K.ip && ctx.ips.cls[s.ident] === IP_OTHER);
  const behind = new Set(residential.flatMap((s) => s.identities)).size;
  if (residential.length && behind >= FARM_MIN_IDENTITIES && residential.length * 2 <= behind) {
    signs++;
    reasons.push({
      code: "farm_few_ips",
      text: `${behind} identities applied from only ${plural(residential.length, "non-VPN IP address", "non-VPN IP addresses")} (${listText(residential.map((s) => ref(ctx, s.ident)))}).`,
      identifiers: residential.map((s) => ref(ctx, s.ident)),
    });
  }
  if (burst.identities >= BURST_MIN_IDENTITIES && burst.identities * 2 >= n) {
    signs++;
    reasons.push({
      code: "farm_submission_burst",
      text: `${burst.applications} applications from ${burst.identities} different identities were submitted within ${durationText(burst.end - burst.start)} (${new Date(burst.start).toISOString()} to ${new Date(burst.end).toISOString()}).`,
      identifiers: [],
    });
  }
  if (anchors === 0 || signs < 2) return { pattern: null, strength: 0, reasons: [] };
  void nameKey;
  return { pattern: "laptop_farm", strength: Math.min(1, (signs - 1) / 3), reasons };
}
