/**
 * Evidence data for the recipient-side tests: a laptop-farm ring whose members type one shipping address,
 * phone and email in many ways, with names in Latin (one with "ff"), Cyrillic, CJK and Arabic scripts and
 * one with characters XML forbids, among honest applicants; and case notes that quote the ring's values
 * in every form the server knows, plus contact details that belong to nobody in the case.
 */
export const FF_NAME = "Jeff Stafford";
export const CJK_NAME = "王小明";
export const CYRILLIC_NAME = "Иван Петров";
export const ARABIC_NAME = "محمد العلي";
/** A name with a NUL, a bell and a form feed, which no XML file may carry. */
export const CONTROL_NAME = "Nul\u0000Bell\u0007Feed\u000cName";
export const FF_DEVICE = "offfacade-ff01";

const ADDRESS_SPELLINGS = [
  "1233 Spring Way, Nashville, TN 37290",
  "1233 spring way, nashville, tennessee 37290",
  "1233 Spring Way Nashville TN 37290",
  "1233 SPRING WAY, NASHVILLE, TN 37290",
];

/** Contact details that are in the notes but belong to no application of the case. */
export const UNLISTED = { email: "someone.else@example.net", phone: "+44 20 7946 0958", ip: "192.0.2.55" };

export function evidenceRing(opts: { ring: number; honest: number }): Record<string, unknown>[] {
  const names = [FF_NAME, CJK_NAME, CYRILLIC_NAME, ARABIC_NAME, CONTROL_NAME];
  const records: Record<string, unknown>[] = [];
  for (let i = 1; i <= opts.ring; i++) {
    const id = `F-${String(i).padStart(3, "0")}`;
    records.push({
      application_id: id,
      submitted_at: new Date(Date.UTC(2026, 2, 3, 9, i * 4)).toISOString(),
      full_name: names[i - 1] ?? `Farm Person ${i}`,
      email: i % 2 ? ` Farm.Person${i}@Mailbox.Example.com` : `farm.person${i}+jobs@gmail.com`,
      phone: i % 3 === 0 ? `(615) 820-${String(1000 + i)}` : `+1 615 820 ${String(1000 + i)}`,
      device_id: i <= 3 ? FF_DEVICE : "d9283f90a30408a8bf68cf79b87702cb",
      shipping_address: ADDRESS_SPELLINGS[i % ADDRESS_SPELLINGS.length],
      payment_account: "42ae0ab01b668b16621c3d2e03dcbcce97f59dd1e509456ee2a26be72803df32",
      ip: i % 2 ? "99.30.86.21" : ["99.30.86.21", "2001:559:829e:60c5::2428"],
      profile_url: i === 1 ? "https://www.linkedin.com/in/jeff-stafford-576f79c3/" : undefined,
      claimed_country: "US",
      claimed_location: i % 2 ? "Phoenix, AZ" : "Los Angeles, CA",
      university: "Columbia University",
      degree: "B.S.",
      major: "Computer Engineering",
      graduation_date: "2014-05",
      job_id: `REQ-${(i % 4) + 1}`,
      source: "jobboard",
    });
  }
  for (let i = 1; i <= opts.honest; i++)
    records.push({
      application_id: `N-${String(i).padStart(4, "0")}`,
      submitted_at: new Date(Date.UTC(2026, 0, 1 + (i % 28), 9, i % 60)).toISOString(),
      full_name: `Plain Applicant ${i}`,
      email: `plain${i}@example.org`,
      phone: `+1 303 555 ${String(i).padStart(4, "0")}`,
      device_id: `dev-plain-${i}`,
      shipping_address: `${i} Main Street, Denver, CO 80202`,
      claimed_country: "US",
      job_id: `REQ-${(i % 9) + 1}`,
      source: "referral",
    });
  return records;
}

const digits = (s: string) => s.replace(/\D/g, "");

/**
 * Notes quoting the ring's values in every form: emails as typed, upper-cased and in normal form, phones
 * as typed, digits only and without the country code, names lower-cased and surname first, the address
 * in another spelling, device, payment account, IPs, location and education, and unlisted contacts.
 */
export function notesQuoting(records: Record<string, unknown>[]): string {
  const lines: string[] = ["# Working notes", ""];
  for (const r of records) {
    const name = String(r.full_name);
    const words = name.split(/\s+/);
    const email = String(r.email).trim();
    const phone = String(r.phone);
    lines.push(
      `- ${r.application_id}: ${name.toLowerCase()} (also "${[...words].reverse().join(" ")}", ${name.toUpperCase()}) wrote from ${email} / ${email.toUpperCase()} / ${email
        .toLowerCase()
        .replace("+jobs", "")
        .replace(/\./g, (m, at: number) =>
          at < email.indexOf("@") ? "" : m,
        )}, phone ${phone} = ${digits(phone)} = ${digits(phone).slice(1)}, ships to ${String(r.shipping_address).toLowerCase()}, device ${r.device_id}, account ${r.payment_account}, IP ${Array.isArray(r.ip) ? r.ip.join(" and ") : r.ip}, lives in ${r.claimed_location}, studied ${r.major} (${r.degree}, ${r.graduation_date}) at ${r.university}.`,
    );
    if (r.profile_url) lines.push(`  Profile: ${r.profile_url}`);
  }
  lines.push("", `Tip-off came from ${UNLISTED.email}, phone ${UNLISTED.phone}, seen at ${UNLISTED.ip}.`);
  return lines.join("\n");
}
