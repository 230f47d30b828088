/** The screened application's own indicator bits, names and reasons, computed as detection's input builder does. */
import type { DetectEnvironment } from "../detect/environment.js";
import {
  GRADUATION_OFF_CALENDAR,
  HOSTING_IP,
  INDICATOR_BIT,
  INGEST_INDICATORS,
  MAJOR_NOT_OFFERED,
} from "../detect/input.js";
import { InputBuilder } from "../detect/input-builder.js";
import type { ClusterReason } from "../common/detection.js";
import type { NormalisedApplication } from "../ingest/record.js";
import { indicatorReasonsOf } from "./reasons.js";

export interface OwnIndicators {
  bits: number;
  names: string[];
  reasons: ClusterReason[];
}

export function ownIndicators(app: NormalisedApplication, env: DetectEnvironment): OwnIndicators {
  const builder = new InputBuilder(env);
  const text = (field: string) => (app.props[field] as string | null) ?? null;
  builder.add(
    {
      id: app.id,
      submittedAt: app.submittedAt,
      fullName: text("full_name"),
      nameKey: text("name_key"),
      university: text("university"),
      major: text("major"),
      graduationDate: text("graduation_date"),
      shippingAddress: text("shipping_address"),
      indicators: app.indicators,
    },
    app.identifiers.map((i) => ({ kind: i.kind, key: i.key })),
  );
  const input = builder.build();
  const bits = input.apps.indicators[0] ?? 0;
  const names: string[] = INGEST_INDICATORS.filter((n) => bits & INDICATOR_BIT[n]);
  if (bits & HOSTING_IP) names.push("hosting_ip");
  if (bits & MAJOR_NOT_OFFERED) names.push("major_not_offered");
  if (bits & GRADUATION_OFF_CALENDAR) names.push("graduation_off_calendar");
  const reasons = indicatorReasonsOf(bits, {
    phones: app.identifiers.filter((i) => i.kind === "phone").map((i) => `phone:${i.key}`),
    hosting: input.apps.hostingIps.get(0) ?? [],
    networks: input.strings.networks,
    education: input.apps.educationClaims.get(0),
  });
  return { bits, names, reasons };
}
