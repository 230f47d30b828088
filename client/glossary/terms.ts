/**
 * Glossary terms
 * ==============
 *
 * Every reason code, pattern, score family, indicator and count the workbench shows, in plain words:
 * what it means and what to check. The glossary page lists them; help links beside each use point at
 * `/glossary#term-<id>` and carry the first sentence as a tooltip. A unit test checks that every reason
 * code detection can emit has an entry here.
 */
export type TermGroup = "patterns" | "reasons" | "score" | "indicators" | "counts" | "changes";

export interface Term {
  id: string;
  title: string;
  group: TermGroup;
  text: string;
}

export const GROUP_TITLES: Record<TermGroup, string> = {
  patterns: "Patterns",
  reasons: "Reasons",
  score: "Risk score",
  indicators: "Application indicators",
  counts: "Counts and words",
  changes: "Changes between runs",
};

const t = (group: TermGroup, id: string, title: string, text: string): Term => ({ id, title, group, text });

export const TERMS: readonly Term[] = [
  // Patterns
  t(
    "patterns",
    "laptop_farm",
    "Laptop farm",
    "Several identities operated from the same devices, network, payroll account or shipping address: one operator applying as many people. Check whether the shared items are a household or an office before acting.",
  ),
  t(
    "patterns",
    "account_rental",
    "Account rental",
    "One identity's accounts (a profile, a mailbox) used under different names: the account is lent or rented to other operators.",
  ),
  t(
    "patterns",
    "identity_reuse",
    "Identity reuse",
    "One name and profile with many mailboxes and several phones or devices: a person keeps one or two, an operator reusing a stolen identity keeps more.",
  ),
  t(
    "patterns",
    "shared_infrastructure",
    "Shared infrastructure",
    "Identities in the cluster share identifiers (payment, address, device, network). On its own it is weak: households and offices share too; read it with the score and the other reasons.",
  ),
  t(
    "patterns",
    "transitive_chain",
    "Transitive chain",
    "Identities joined only through a chain of different shared identifiers (A shares a device with B, B a phone with C …), which honest people rarely form.",
  ),
  t(
    "patterns",
    "lent_contact",
    "Lent contact",
    "One email address or phone number given under different names by identities who share no address, device or IP. A household shares its home and an agent submits from their own office; a contact under two names with neither was lent or bought between personas.",
  ),
  // Reasons
  t(
    "reasons",
    "shared_email",
    "Shared email",
    "Two or more identities in the cluster give the same email address (after folding dots and +tags where the provider ignores them).",
  ),
  t(
    "reasons",
    "shared_phone",
    "Shared phone",
    "Two or more identities give the same phone number (compared in E.164 form, whatever format was typed).",
  ),
  t(
    "reasons",
    "shared_ip",
    "Shared IP address",
    "Two or more identities applied from the same public IP address. Weak alone: offices, campuses and carriers put many people behind one address.",
  ),
  t(
    "reasons",
    "shared_device",
    "Shared device",
    "Two or more identities used the same device fingerprint on the application portal.",
  ),
  t(
    "reasons",
    "shared_profile",
    "Shared profile",
    "Two or more identities give the same professional profile (LinkedIn handle, GitHub user).",
  ),
  t(
    "reasons",
    "shared_address",
    "Shared shipping address",
    "Two or more identities want equipment shipped to the same address (compared after folding abbreviations and punctuation).",
  ),
  t(
    "reasons",
    "shared_payment",
    "Shared payment account",
    "Two or more identities give the same payroll account token: the strongest single link, since salaries would land in one account.",
  ),
  t(
    "reasons",
    "farm_shared_address",
    "Farm: one shipping address",
    "Several identities of a laptop farm want their laptops shipped to one address.",
  ),
  t(
    "reasons",
    "farm_shared_payroll",
    "Farm: one payroll account",
    "Several identities of a laptop farm would be paid into one account.",
  ),
  t(
    "reasons",
    "farm_shared_devices",
    "Farm: shared devices",
    "Several identities of a laptop farm applied from the same few devices.",
  ),
  t("reasons", "farm_few_ips", "Farm: few IP addresses", "Many identities applied from very few network addresses."),
  t(
    "reasons",
    "farm_submission_burst",
    "Submission burst",
    "Three or more identities (at least half of the cluster's) applied within a short window: one operator working through a list.",
  ),
  t(
    "reasons",
    "profile_used_by_other_names",
    "Profile used by other names",
    "One professional profile appears under different applicant names.",
  ),
  t(
    "reasons",
    "identity_many_contacts",
    "Identity with many contacts",
    "One person (same name and profile) gives many mailboxes and phones or devices.",
  ),
  t(
    "reasons",
    "hosting_ip",
    "Hosting or VPN IP",
    "Applications came from a data-centre, hosting or VPN network rather than a home or mobile one.",
  ),
  t(
    "reasons",
    "malformed_phone",
    "Malformed phone",
    "The phone number is not a valid number for any country; it is kept as typed and keyed by its digits.",
  ),
  t("reasons", "voip_phone", "VoIP phone", "The phone number is a VoIP line, cheap to obtain in bulk."),
  t(
    "reasons",
    "farm_address_elsewhere",
    "Address that is not their home",
    "Most of the identities giving this shipping address claim to live in another state: a household lives where it ships, a laptop farm's personas have their laptops sent to the facilitator's home.",
  ),
  t(
    "reasons",
    "phone_country_mismatch",
    "Phone country mismatch",
    "The phone number belongs to another country than the one the applicant claims to live in.",
  ),
  t("reasons", "major_not_offered", "Major not offered", "The applicant claims a major the school does not offer."),
  t(
    "reasons",
    "graduation_off_calendar",
    "Graduation off calendar",
    "The claimed graduation month is outside the school's calendar.",
  ),
  t(
    "reasons",
    "education_inconsistent",
    "Education inconsistent",
    "The education claims do not fit the school (a major it does not offer, a graduation month off its calendar).",
  ),
  t(
    "reasons",
    "household",
    "Household (honest explanation)",
    "The shared items look like one household (same surname, home address, few applications): points are taken off the score.",
  ),
  t(
    "reasons",
    "household_shape",
    "Shares only what a home shares (honest explanation)",
    "A few identities share only what one home shares (an address, a home network or device) and no payroll account, profile or contact detail: a household looks like this, so points are taken off the score.",
  ),
  t(
    "reasons",
    "submitted_for_others",
    "Submitted for others (honest explanation)",
    "Several identities share only the channel they were submitted through (an office device or network) and perhaps a contact most of them give, while each keeps their own address, payroll account, profile and contact details: a recruiter submitting candidates looks like this, so points are taken off the score.",
  ),
  t(
    "reasons",
    "one_contact_hub",
    "One contact hub (honest explanation)",
    "Everything joins through one contact (a recruiter's or a school's phone or email): points are taken off the score.",
  ),
  // Score
  t(
    "score",
    "risk_score",
    "Risk score",
    "0–100: the sum of the capped families below (shared identifiers, patterns, indicators, size) minus honest explanations.",
  ),
  t("score", "risk_level", "Risk level", "High from 70, medium from 40, else low."),
  t(
    "score",
    "links",
    "Shared identifiers (points)",
    "Up to 40 points, per identifier kind shared by two or more identities: payroll 20, profile 16, device 12, address 10, phone 8, email 8, IP 4.",
  ),
  t(
    "score",
    "patterns",
    "Fraud patterns (points)",
    "Up to 75 points for the strongest pattern found, plus 5 for each further pattern.",
  ),
  t(
    "score",
    "indicators",
    "Application indicators (points)",
    "Up to 30 points from the share of applications showing each indicator, plus 8 for a submission burst.",
  ),
  t("score", "size", "Number of identities (points)", "2 points per identity beyond the second, up to 10."),
  t("score", "honest", "Honest explanation (points)", "Points taken off for a household or a single contact hub."),
  // Indicators
  t("indicators", "malformed_email", "Malformed email", "The email address does not parse; kept as typed."),
  t("indicators", "malformed_ip", "Malformed IP", "The IP address does not parse; kept as typed."),
  t("indicators", "malformed_profile", "Malformed profile URL", "The profile URL does not parse; kept as typed."),
  t(
    "indicators",
    "non_routable_ip_only",
    "Only private IPs",
    "Every IP given is private or otherwise non-routable, so it links nothing.",
  ),
  t(
    "indicators",
    "ships_out_of_state",
    "Ships out of state",
    "The shipping address is in another US state than the home the applicant claims. Alone it means little (students, movers); several identities shipping to one such address is a laptop farm's sign.",
  ),
  // Counts
  t("counts", "applications", "Applications", "Job applications in the cluster (one person can have several)."),
  t(
    "counts",
    "identity",
    "Identity",
    "One person: applications that share a personal identifier (email, phone, profile, payroll account) and carry the same name (case, accents and word order ignored). Shared IPs, devices or addresses never make two applications one person.",
  ),
  t(
    "counts",
    "identities",
    "Identities",
    "How many different people (identities) the cluster's applications belong to.",
  ),
  t(
    "counts",
    "shared_identifiers",
    "Shared identifiers",
    "Identifiers used by two or more of the cluster's applications: the links drawn in the graph. Common infrastructure is counted separately.",
  ),
  t(
    "counts",
    "common_infrastructure",
    "Common infrastructure",
    "Identifiers so widely used (carrier NAT, campus gateways, a recruiter's phone) that the run decided they link nobody. Drawn grey and skipped by “why linked”.",
  ),
  t(
    "counts",
    "used_by",
    "Used by",
    "How many applications in the whole data set use this identifier, inside the cluster or not.",
  ),
  t(
    "counts",
    "normal_form",
    "Normal form",
    "The identifier as the system compares it (lower-cased email without ignored dots and +tags, E.164 phone, folded address). Two applications link exactly when their normal forms are equal.",
  ),
  t(
    "counts",
    "as_typed",
    "As typed",
    "The value exactly as the applicant entered it; labels show it, hovering shows the normal form.",
  ),
  t(
    "counts",
    "first_submitted",
    "First and last submitted",
    "The earliest and latest submission times of the cluster's applications.",
  ),
  // Changes
  t("changes", "change_new", "New", "The cluster was not in the previous run."),
  t("changes", "change_grown", "Grown", "The cluster kept its id and gained applications (or swapped some)."),
  t("changes", "change_shrunk", "Shrunk", "The cluster kept its id and lost applications."),
  t("changes", "change_merged", "Merged", "Two or more clusters of the previous run came together."),
  t("changes", "change_split", "Split", "A previous cluster fell apart into two or more."),
  t("changes", "change_unchanged", "Unchanged", "Same applications as in the previous run."),
];

const BY_ID = new Map(TERMS.map((x) => [x.id, x]));

export function term(id: string): Term | undefined {
  return BY_ID.get(id);
}

/** The glossary entry for a reason code (`shared_payment` …), a pattern or a score family. */
export function termFor(code: string): Term | undefined {
  return BY_ID.get(code) ?? BY_ID.get(`change_${code}`);
}

export const termAnchor = (id: string) => `term-${id}`;

/** The first sentence, for a tooltip. */
export function shortText(x: Term): string {
  const i = x.text.indexOf(". ");
  return i > 0 ? x.text.slice(0, i + 1) : x.text;
}
