/**
 * Shared infrastructure
 * =====================
 *
 * The generic pattern: why the cluster exists at all. One reason per shared identifier (strongest
 * kinds first, a few per kind), saying how many of the cluster's identities use it. Fires whenever two
 * or more identities share something; the specific detectors say what the sharing looks like.
 */
import { IDENTIFIER_KINDS } from "../../common/identifiers.js";
import { listText, none, plural, ref, type AnalysisContext, type Detection } from "../context.js";
import type { ClusterFacts } from "../facts.js";
import type { ClusterReason } from "../../common/detection.js";

const KIND_TEXT: Record<string, [one: string, many: string]> = {
  email: ["email address", "email addresses"],
  phone: ["phone number", "phone numbers"],
  ip: ["IP address", "IP addresses"],
  device: ["device", "devices"],
  profile: ["professional profile", "professional profiles"],
  address: ["shipping address", "shipping addresses"],
  payment: ["payroll account", "payroll accounts"],
};

const PER_KIND = 3;

export function detectSharedInfrastructure(ctx: AnalysisContext, facts: ClusterFacts): Detection {
  if (facts.identities.length < 2 || facts.shared.length === 0) return none("shared_infrastructure");
  const kinds = IDENTIFIER_KINDS.map((k, code) => ({ k, code, w: ctx.opts.kindWeight[k] })).sort(
    (a, b) => b.w - a.w || a.code - b.code,
  );
  const reasons: ClusterReason[] = [];
  for (const { k, code } of kinds) {
    const of = facts.shared.filter((s) => s.kind === code).sort((a, b) => b.identities.length - a.identities.length);
    if (!of.length) continue;
    const shown = of.slice(0, PER_KIND);
    const refs = shown.map((s) => ref(ctx, s.ident));
    const counts = shown.map((s) => s.identities.length);
    const text =
      of.length === 1
        ? `${counts[0]} identities in this cluster use the same ${KIND_TEXT[k]![0]} ${refs[0]}.`
        : `${plural(of.length, ...KIND_TEXT[k]!)} are shared between identities in this cluster (${listText(
            shown.map((_, j) => `${refs[j]} by ${counts[j]}`),
            PER_KIND,
          )}${of.length > PER_KIND ? ", among others" : ""}).`;
    reasons.push({ code: `shared_${k}`, text, identifiers: of.map((s) => ref(ctx, s.ident)) });
  }
  return { code: "shared_infrastructure", pattern: "shared_infrastructure", strength: 1, reasons };
}
