/**
 * Report wording
 * ==============
 *
 * The fixed plain-language parts of the report: how Ringscope finds clusters and what that does and
 * does not show. Kept apart from the layout so the wording can be reviewed on its own.
 */
export const METHOD_PARAGRAPHS = [
  "Ringscope reads job applications exported from an applicant-tracking system. Each application lists identifiers the applicant gave or used: email addresses, phone numbers, IP addresses seen at submission, device fingerprints from the application portal, professional profile URLs, shipping addresses for company equipment and payroll account tokens.",
  "Before comparing anything, every identifier is put into one normal form (for example, phone numbers in international E.164 format, email addresses lower-cased with provider-specific aliases removed, addresses with abbreviations unified). Two applications are linked only when they share an identifier in its normal form; nothing is inferred from similar-looking names.",
  "Identifiers that very many unrelated people share in ordinary life (mobile-carrier and campus network addresses, recruiting-agency phone numbers and the like) are marked as common infrastructure and do not link applications on their own.",
  "A detection run groups applications that are linked directly or through a chain of shared identifiers, then scores each group from the kinds of identifiers shared (a shared payroll account or device weighs more than a shared IP address), how many separate identities use them, and patterns known from published cases of remote IT-worker fraud: laptop farms (many identities behind the same devices, addresses or networks), account rental (one identity's accounts used by several operators) and identity reuse. The reasons listed in this report are the ones the run recorded.",
  "An investigator then opened this case. The applications in it were fixed at that moment, so later detection runs do not change what is reported here; the identifiers and counts shown are read from the database at export time.",
];

export const LIMITS_PARAGRAPHS = [
  "A shared identifier shows that two applications used the same value, not that the same person submitted them. Families, housemates, people using a shared office or a recruiter's phone number can share identifiers honestly.",
  "The data is what the applicant-tracking system recorded. Applicants can type false or mistyped values, device fingerprints can collide, and IP addresses can be shared through VPNs and carrier networks. Ringscope does not verify identities against outside sources.",
  "The risk score ranks groups for review; it is not a probability and not a finding of wrongdoing. Conclusions should rest on the underlying records, which the employer can retrieve with the application ids in this package.",
];
