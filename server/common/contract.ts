/**
 * Contract fields
 * ===============
 *
 * The input record's fields ("In: applications" in ../shared/contract.md), in the contract's order: what
 * the ingest validates, the seed writes and the CSV header names. The ingest's schema is held to this
 * list by the type checker.
 */
export const CONTRACT_FIELDS = [
  "application_id",
  "submitted_at",
  "full_name",
  "email",
  "phone",
  "ip",
  "device_id",
  "profile_url",
  "claimed_country",
  "claimed_location",
  "university",
  "degree",
  "major",
  "graduation_date",
  "shipping_address",
  "payment_account",
  "job_id",
  "source",
] as const;
export type ContractField = (typeof CONTRACT_FIELDS)[number];
