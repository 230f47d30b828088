/**
 * Reasons in plain words
 * ======================
 *
 * Detection records each reason as a code, a sentence and the identifier refs involved. The sentence
 * quotes values (every spelling of an address, universities, names), so the package never uses it: the
 * title and explanation are rendered here from the code and the refs, through the redacted view, so a
 * masked field is masked wherever it would appear.
 */
import type { IdentifierKind } from "../common/identifiers.js";
import type { ViewIdentifier, ViewMember } from "./view.js";

export interface RenderedReason {
  code: string;
  title: string;
  explanation: string;
  /** Node ids of the identifiers involved that are in the case, and the application ids involved. */
  nodeIds: string[];
  applications: string[];
  /** "email j*******@example.com"-style descriptions of the identifiers involved, as shown. */
  involved: string[];
}

export const KIND_NOUNS: Record<IdentifierKind, [string, string]> = {
  email: ["email address", "email addresses"],
  phone: ["phone number", "phone numbers"],
  ip: ["IP address", "IP addresses"],
  device: ["device", "devices"],
  profile: ["profile", "profiles"],
  address: ["shipping address", "shipping addresses"],
  payment: ["payment account", "payment accounts"],
};

export const REASON_TITLES: Record<string, string> = {
  shared_email: "Shared email addresses",
  shared_phone: "Shared phone numbers",
  shared_ip: "Shared IP addresses",
  shared_device: "Shared devices",
  shared_profile: "Shared professional profiles",
  shared_address: "Shared shipping addresses",
  shared_payment: "Shared payment accounts",
  farm_shared_address: "Several identities give one shipping address",
  farm_shared_payroll: "Several identities are paid into one account",
  farm_shared_devices: "Several identities use the same laptops",
  farm_few_ips: "Many identities behind a few home IP addresses",
  farm_submission_burst: "Applications filed in a burst",
  profile_used_by_other_names: "One profile presented under several names",
  identity_many_contacts: "One identity with many contact details",
  household: "Looks like a household",
  household_shape: "Shares only what one home shares",
  submitted_for_others: "Submitted through one channel for different people (a recruiter)",
  one_contact_hub: "Only one shared contact (a recruiter or agency)",
  hosting_ip: "Applications from VPN or hosting networks",
  malformed_phone: "Phone numbers that are not valid",
  voip_phone: "VoIP phone numbers",
  phone_country_mismatch: "Phone country differs from the claimed country",
  farm_address_elsewhere: "Address that is not their home",
  major_not_offered: "Major not offered by the school",
  graduation_off_calendar: "Graduation month off the school's calendar",
  transitive_chain: "A chain of pairwise links",
  lent_contact: "A contact given under other names, with no place in common",
};

const plural = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;

function list(items: string[], max = 6): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/** Title for a code: the table's words, else the code's words ("shared_foo" → "Shared foo"). */
export function reasonTitle(code: string): string {
  const known = REASON_TITLES[code];
  if (known) return known;
  const words = code.replace(/[_-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Reason";
}

export function renderReasons(
  reasons: { code: string; identifiers: string[] }[],
  view: {
    identifiers: ViewIdentifier[];
    members: ViewMember[];
    /** The node id of an identifier ref in the case, or null. */
    byRef: (ref: string) => string | null;
  },
): RenderedReason[] {
  const ident = new Map(view.identifiers.map((i) => [i.nodeId, i]));
  const member = new Map(view.members.map((m) => [m.id, m]));
  return reasons.map((x) => {
    const apps = x.identifiers.filter((r) => r.startsWith("application:")).map((r) => r.slice(12));
    const nodes = x.identifiers.map(view.byRef).filter((n): n is string => n !== null);
    const ids = nodes.map((n) => ident.get(n)!).filter(Boolean);
    const outside = x.identifiers.length - apps.length - ids.length;
    const users = view.members.filter((m) => m.identifiers.some((n) => nodes.includes(n)));
    const names = new Set(users.map((m) => m.name).filter(Boolean)).size;
    const shown = (kinds?: IdentifierKind[]) =>
      list(ids.filter((i) => !kinds || kinds.includes(i.kind)).map((i) => i.value));
    const namesText = names > 1 ? ` under ${names} different names` : "";
    const kind = ids[0]?.kind;
    const involvedApps = apps.filter((a) => member.has(a));
    let explanation: string;
    switch (x.code) {
      case "farm_shared_address": {
        const typed = Math.max(0, ...ids.map((i) => i.typedCount));
        explanation = `${users.length} applications${namesText} give the shipping address ${shown()}${typed > 1 ? `, typed ${typed} different ways` : ""}.`;
        break;
      }
      case "farm_shared_payroll":
        explanation = `${users.length} applications${namesText} are paid into ${ids.length === 1 ? "one payroll account" : `${ids.length} shared payroll accounts`} (${shown()}).`;
        break;
      case "farm_shared_devices":
        explanation = `${users.length} applications${namesText} were filed from ${plural(ids.length, ["shared device", "shared devices"])} (${shown()}).`;
        break;
      case "farm_few_ips":
        explanation = `${users.length} applications${namesText} came from only ${plural(ids.length, ["home IP address", "home IP addresses"])} (${shown()}).`;
        break;
      case "farm_submission_burst":
        explanation =
          "Applications from several different identities were filed within a short time of each other; the timeline lists every submission.";
        break;
      case "profile_used_by_other_names":
        explanation = `The profile ${shown()} is presented in ${users.length} applications${namesText}.`;
        break;
      case "identity_many_contacts": {
        const of = involvedApps.map((a) => member.get(a)!);
        const count = (k: IdentifierKind) =>
          new Set(of.flatMap((m) => m.identifiers.filter((n) => ident.get(n)?.kind === k))).size;
        explanation = `One identity applied ${of.length} times with ${plural(count("email"), KIND_NOUNS.email)}, ${plural(count("phone"), KIND_NOUNS.phone)} and ${plural(count("device"), KIND_NOUNS.device)}, where one person keeps one or two of each${ids.length ? ` (profile ${shown(["profile"])})` : ""}.`;
        break;
      }
      case "household":
        explanation = `The identities share a surname and no payroll account or profile, as a household does; they share ${shown()}.`;
        break;
      case "household_shape":
        explanation = `The identities share only what one home shares (${shown()}) and no payroll account, profile or contact detail, as a household does.`;
        break;
      case "submitted_for_others":
        explanation = `The identities share only the channel they were submitted through (${shown()}); each keeps their own address, payroll account, profile and contact details, as a recruiter's candidates do.`;
        break;
      case "one_contact_hub":
        explanation = `All these identities share is one ${kind ? KIND_NOUNS[kind][0] : "identifier"} (${shown()}); a recruiter's or agency's contact on candidates' forms looks like this.`;
        break;
      case "hosting_ip":
        explanation = `${users.length} applications came from VPN or hosting networks (${shown()}), not from a home or office connection.`;
        break;
      case "malformed_phone":
      case "voip_phone":
      case "phone_country_mismatch": {
        const n = users.length || involvedApps.length;
        const what =
          x.code === "malformed_phone"
            ? "give a phone number that is not valid for any country"
            : x.code === "voip_phone"
              ? "give a VoIP phone number"
              : "give a phone number from another country than the one they claim to live in";
        explanation = `${n} applications ${what}${ids.length ? ` (${shown()})` : ""}.`;
        break;
      }
      case "major_not_offered":
      case "graduation_off_calendar": {
        const of = involvedApps.map((a) => member.get(a)!);
        const claims = [
          ...new Set(
            of.map((m) =>
              x.code === "major_not_offered"
                ? `${m.major} at ${m.university}`
                : `${m.graduation_date} at ${m.university}`,
            ),
          ),
        ];
        const masked = of.some((m) => m.university === "(masked)");
        explanation = `${of.length} applications ${x.code === "major_not_offered" ? "claim a major the school does not offer" : "claim a graduation month outside the school's calendar"}${masked ? " (education is masked in this export)" : ` (${list(claims, 3)})`}.`;
        break;
      }
      case "lent_contact":
        explanation = `The contact ${shown()} is given in ${users.length} applications${namesText} whose identities share no shipping address, device or IP.`;
        break;
      case "transitive_chain": {
        const kinds = [...new Set(ids.map((i) => i.kind))];
        explanation = `${users.length} applications are linked only pairwise, each step through another kind of identifier (${kinds.join(", ")}).`;
        break;
      }
      default:
        if (x.code.startsWith("shared_") && kind) {
          const parts = ids.map((i) => `${i.value} (${i.members} applications)`);
          explanation = `Applications in this case share ${plural(ids.length, KIND_NOUNS[kind])}: ${list(parts)}.`;
        } else
          explanation = `Detection recorded this reason for ${ids.length ? plural(ids.length, ["identifier", "identifiers"]) : "the cluster"}${involvedApps.length ? ` and ${plural(involvedApps.length, ["application", "applications"])}` : ""}.`;
    }
    if (outside > 0)
      explanation += ` ${plural(outside, ["identifier", "identifiers"])} it names ${outside === 1 ? "is" : "are"} no longer used by the case's applications.`;
    return {
      code: x.code,
      title: reasonTitle(x.code),
      explanation,
      nodeIds: ids.map((i) => i.nodeId),
      applications: involvedApps,
      involved: ids.map((i) => `${i.kind} ${i.value}`),
    };
  });
}
