/**
 * Field limits
 * ============
 *
 * How long an input value may be. Neo4j refuses to index a property over about 8 KB (the range
 * indexes behind identifier keys and name keys), and a value far longer than any real one is a sign of
 * a broken export, so a longer value is a reject with its reason rather than a failed batch. The
 * limits are in characters (UTF-16 code units, as JavaScript counts), so even a value made only of
 * 4-byte characters stays well under the index limit (512 × 3 bytes, 1,000 × 3 bytes).
 */
export const LIMITS = Object.freeze({
  /** `application_id`, as the contract says. */
  applicationId: 128,
  /** Names, addresses and other free text: full_name, claimed_location, university, degree, major, shipping_address. */
  text: 1000,
  /** One identifier value (email, phone, ip, device_id, profile_url, payment_account) and job_id, source. */
  identifier: 512,
  /** Values in one list field (email, phone, ip, device_id, profile_url). */
  listItems: 100,
  /** submitted_at and graduation_date (their formats are far shorter; this only bounds the parse). */
  date: 64,
});
