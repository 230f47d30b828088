/**
 * Account rental
 * ==============
 *
 * One professional profile presented by people with other names, emails and phones (Amazon's "paying
 * for access to existing profiles", indicator E3/E7): a profile shared by two or more identities (they
 * are different identities precisely because their names differ), often reached from VPN or hosting
 * IPs. Strength grows with the number of renters and the share of their applications behind VPNs.
 */
import { identityNames, listText, none, quoted, ref, type AnalysisContext, type Detection } from "../context.js";
import type { ClusterFacts } from "../facts.js";
import { HOSTING_IP, K } from "../input.js";
import type { ClusterReason } from "../../common/detection.js";

export function detectAccountRental(ctx: AnalysisContext, facts: ClusterFacts): Detection {
  const profiles = facts.shared.filter((s) => s.kind === K.profile);
  if (!profiles.length) return none("account_rental");
  const reasons: ClusterReason[] = [];
  let strength = 0;
  for (const p of profiles) {
    const names = [...new Set(identityNames(ctx, p.identities))];
    const vpn = p.apps.filter((a) => ctx.input.apps.indicators[a]! & HOSTING_IP).length;
    const vpnText = vpn ? `; ${vpn} of their ${p.apps.length} applications came through VPN or hosting networks` : "";
    reasons.push({
      code: "profile_used_by_other_names",
      text: `The profile ${ref(ctx, p.ident)} is presented by ${p.identities.length} identities under different names (${listText(names.map(quoted))}), each with its own email and phone${vpnText}.`,
      identifiers: [ref(ctx, p.ident)],
    });
    strength = Math.max(strength, Math.min(1, (p.identities.length - 1) / 3 + vpn / p.apps.length / 2));
  }
  return { code: "account_rental", pattern: "account_rental", strength, reasons };
}
