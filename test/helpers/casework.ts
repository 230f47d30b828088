/**
 * Casework data for the case and evidence tests: a laptop-farm ring (applications sharing a device, a
 * shipping address and a payroll account, each with its own email and phone) among unrelated honest
 * applications, deterministic (no randomness), plus a hostile name for the CSV and report tests.
 */
export const HOSTILE_NAME = '=HYPERLINK("http://evil.example/x","click")';

export interface CaseworkData {
  records: Record<string, unknown>[];
  ringIds: string[];
  /** One ring member's email and phone, to look for (or not) in redacted files. */
  sample: { email: string; phone: string; device: string };
}

export function caseworkData(opts: { ring: number; honest: number; prefix?: string }): CaseworkData {
  const p = opts.prefix ?? "R";
  const records: Record<string, unknown>[] = [];
  const ringIds: string[] = [];
  for (let i = 1; i <= opts.ring; i++) {
    const id = `${p}-${String(i).padStart(3, "0")}`;
    ringIds.push(id);
    records.push({
      application_id: id,
      submitted_at: new Date(Date.UTC(2026, 1, 1, 8, i * 7)).toISOString(),
      full_name: i === 2 ? HOSTILE_NAME : `Ring Person ${i}`,
      email: `ring.person${i}@mailbox.example.com`,
      phone: `+1 202 555 ${String(1000 + i).slice(-4)}`,
      device_id: "FARM-DEVICE-7",
      shipping_address: "77 Orchard Street, Apt 3, Springfield, IL 62701",
      payment_account: "acct-farm-0042",
      ip: `198.51.100.${(i % 3) + 10}`,
      claimed_country: "US",
      claimed_location: "Austin, TX",
      university: "State University",
      degree: "BSc",
      major: "Computer Science",
      job_id: `J-${(i % 5) + 1}`,
      source: "jobboard",
    });
  }
  for (let i = 1; i <= opts.honest; i++)
    records.push({
      application_id: `H-${String(i).padStart(4, "0")}`,
      submitted_at: new Date(Date.UTC(2026, 0, 1 + (i % 28), 9, i % 60)).toISOString(),
      full_name: `Honest Applicant ${i}`,
      email: `honest${i}@example.org`,
      phone: `+1 303 555 ${String(i).padStart(4, "0")}`,
      device_id: `dev-honest-${i}`,
      shipping_address: `${i} Main Street, Denver, CO 80202`,
      payment_account: `acct-h-${i}`,
      claimed_country: "US",
      job_id: `J-${(i % 9) + 1}`,
      source: "referral",
    });
  return {
    records,
    ringIds,
    sample: { email: "ring.person5@mailbox.example.com", phone: "+12025551005", device: "farm-device-7" },
  };
}
