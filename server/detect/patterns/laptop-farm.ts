/**
 * Laptop farm
 * ===========
 *
 * Many identities run from one place (indicators A1, A2, A5, B8, G2; the Chapman and Knoot cases; a
 * typical farm holds 5–10 laptops, research 1.3): the same shipping address, often typed several ways;
 * payroll paid into one account; shared laptops; a few residential IPs behind all of them; applications
 * filed in bursts. Fires when the cluster is anchored the way only a farm is, and at least two of the
 * five signs are present:
 *
 *  - anchor: what a farm shares and its look-alikes do not. One payroll account paid for
 *    `rules.farmPayrollIdentities` (3) or more identities with different names (two within a burst), or
 *    one shipping address given by `rules.farmMinIdentities` (5) or more (or by more than a household
 *    holds, `rules.householdMaxIdentities`, within a burst). A household shares an address, an IP and a
 *    laptop too, but between two and four people and never a payroll account; an agency recruiter's
 *    candidates share a laptop and an office IP, and nothing of their own: no address, no payroll
 *    account. Neither is anchored by a burst alone, however closely they apply. Nor is a household
 *    anchored by its address: its members live there. A shared address that most of its identities (two
 *    or more) claim not to live at, giving a home in another state, anchors a farm of any size
 *    (indicator A2: the ship-to address differs from the claimed one).
 *  - signs: shared address, shared payroll account, shared devices, few non-VPN IPs behind three or
 *    more identities, a burst.
 */
import type { Burst } from "../burst.js";
import { durationText, listText, none, plural, quoted, ref, type AnalysisContext, type Detection } from "../context.js";
import { addressNotTheirHome, claimingElsewhere, type ClusterFacts, type SharedIdentifier } from "../facts.js";
import { K } from "../input.js";
import { IP_OTHER } from "../ip-class.js";
import type { ClusterReason } from "../../common/detection.js";

/** A burst counts when it holds at least `rules.burstMinIdentities` identities and half of the cluster's. */
export const isFarmBurst = (burst: Burst, identities: number, minIdentities: number): boolean =>
  burst.identities >= minIdentities && burst.identities * 2 >= identities;

const widest = (facts: ClusterFacts, kind: number): SharedIdentifier | undefined =>
  facts.shared.filter((s) => s.kind === kind).sort((a, b) => b.identities.length - a.identities.length)[0];

/** Distinct spellings (as typed; case and spacing ignored) of a shared address among its applications. */
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

export function detectLaptopFarm(ctx: AnalysisContext, facts: ClusterFacts): Detection {
  const { burst } = facts;
  const rules = ctx.opts.rules;
  const n = facts.identities.length;
  if (n < 3) return none("laptop_farm");
  const reasons: ClusterReason[] = [];
  let signs = 0;

  const address = widest(facts, K.address);
  const payment = widest(facts, K.payment);
  const devices = facts.shared.filter((s) => s.kind === K.device);
  const bursting = isFarmBurst(burst, n, rules.burstMinIdentities);
  const paid = payment?.identities.length ?? 0;
  const housed = address?.identities.length ?? 0;
  const notHome = addressNotTheirHome(ctx, facts);
  const anchored =
    paid >= rules.farmPayrollIdentities ||
    housed >= rules.farmMinIdentities ||
    notHome !== undefined ||
    (bursting && (paid >= 2 || housed > rules.householdMaxIdentities));
  if (!anchored) return none("laptop_farm");

  if (address && address.identities.length >= 3) {
    const typed = spellings(ctx, address);
    signs++;
    reasons.push({
      code: "farm_shared_address",
      text:
        `${address.identities.length} identities with different names give one shipping address ${ref(ctx, address.ident)}` +
        (typed.length > 1 ? `, typed ${typed.length} different ways (${listText(typed.map(quoted), 3)}).` : "."),
      identifiers: [ref(ctx, address.ident)],
    });
  }
  if (payment) {
    signs++;
    const accounts = facts.shared.filter((s) => s.kind === K.payment);
    const payees = new Set(accounts.flatMap((s) => s.identities)).size;
    reasons.push({
      code: "farm_shared_payroll",
      text: `${payees} identities with different names are paid into ${accounts.length === 1 ? "one payroll account" : `${accounts.length} shared payroll accounts`} (${listText(accounts.map((s) => ref(ctx, s.ident)))}).`,
      identifiers: accounts.map((s) => ref(ctx, s.ident)),
    });
  }
  if (devices.length) {
    signs++;
    const users = new Set(devices.flatMap((d) => d.identities)).size;
    reasons.push({
      code: "farm_shared_devices",
      text: `${users} identities applied from ${plural(devices.length, "shared laptop")} (${listText(devices.map((d) => ref(ctx, d.ident)))}).`,
      identifiers: devices.map((d) => ref(ctx, d.ident)),
    });
  }
  const residential = facts.shared.filter((s) => s.kind === K.ip && ctx.ips.cls[s.ident] === IP_OTHER);
  const behind = new Set(residential.flatMap((s) => s.identities)).size;
  if (residential.length && behind >= 3 && residential.length * 2 <= behind) {
    signs++;
    reasons.push({
      code: "farm_few_ips",
      text: `${behind} identities applied from only ${plural(residential.length, "non-VPN IP address", "non-VPN IP addresses")} (${listText(residential.map((s) => ref(ctx, s.ident)))}).`,
      identifiers: residential.map((s) => ref(ctx, s.ident)),
    });
  }
  if (bursting) {
    signs++;
    reasons.push({
      code: "farm_submission_burst",
      text: `${burst.applications} applications from ${burst.identities} different identities were submitted within ${durationText(burst.end - burst.start)} (${new Date(burst.start).toISOString()} to ${new Date(burst.end).toISOString()}).`,
      identifiers: [],
    });
  }
  if (signs < 2) return none("laptop_farm");
  if (notHome)
    reasons.push({
      code: "farm_address_elsewhere",
      text: `${claimingElsewhere(ctx, notHome)} of the ${notHome.identities.length} identities that give the shipping address ${ref(ctx, notHome.ident)} claim to live in another state: a home is where its people live, a laptop farm is where personas from all over have their laptops sent.`,
      identifiers: [ref(ctx, notHome.ident)],
    });
  return {
    code: "laptop_farm",
    pattern: "laptop_farm",
    strength: Math.min(1, (signs - 2) / 3 + (n - 3) / 20),
    reasons,
  };
}
