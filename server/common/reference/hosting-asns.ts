/**
 * Hosting, VPN and mobile-carrier networks
 * ========================================
 *
 * Autonomous systems whose addresses say something about how an application was submitted:
 *
 * - `hosting`: cloud and VPS providers. A job applicant at home does not browse from a data centre; an
 *   operator behind a rented server or a VPN exit does (indicators B1/B2 in the research notes: Jasper
 *   Sleet used VPS, Sophos and Mandiant saw Astrill VPN, which exits from leased hosting space).
 * - `vpn`: networks that are widely reported as the exit space of consumer VPN services (NordVPN,
 *   Surfshark, ProtonVPN and others rent there). Treated like hosting: a VPN is "not inherently
 *   malicious" (Red Canary), so it is a weak signal that only counts combined with others.
 * - `mobile`: mobile carriers. Their public addresses are carrier-grade NAT egress points shared by
 *   thousands of subscribers at once, so an IP in this space links strangers and must be down-weighted.
 *
 * Where each fact comes from: every ASN below was looked up in the bundled offline database
 * (`@ip-location-db/asn`, files asn-ipv4.csv / asn-ipv6.csv; the organisation name it gives is quoted in
 * `source`) and matches the operator's own PeeringDB network record (network type "Content" / "NSP" /
 * "Cable/DSL/ISP"). The `vpn` classification of M247, Datacamp (CDN77), PacketHub and Cyberzone comes from
 * public reporting by IP-intelligence vendors on where VPN providers host exits; it is marked
 * "reported" and is a design judgement, not a registry fact. A provider's VPN ranges that are not
 * registered under its own name show up only as hosting (MaxMind's note, research 1.2 B).
 */

export type NetworkKind = "hosting" | "vpn" | "mobile";

export interface NetworkAsn {
  asn: number;
  name: string;
  kind: NetworkKind;
  /** Why it is listed, and the organisation name the bundled ASN database gives. */
  source: string;
}

const db = (org: string) => `@ip-location-db/asn org "${org}"`;

export const HOSTING_ASNS: readonly NetworkAsn[] = [
  { asn: 14061, name: "DigitalOcean", kind: "hosting", source: `cloud VPS; ${db("DigitalOcean, LLC")}` },
  { asn: 16276, name: "OVHcloud", kind: "hosting", source: `dedicated servers / VPS; ${db("OVH SAS")}` },
  {
    asn: 24940,
    name: "Hetzner Online",
    kind: "hosting",
    source: `dedicated servers / cloud; ${db("Hetzner Online GmbH")}`,
  },
  {
    asn: 63949,
    name: "Akamai Connected Cloud (Linode)",
    kind: "hosting",
    source: `cloud VPS; ${db("Akamai Technologies, Inc.")}`,
  },
  {
    asn: 20473,
    name: "Vultr (The Constant Company / Choopa)",
    kind: "hosting",
    source: `cloud VPS; ${db("The Constant Company, LLC")}`,
  },
  { asn: 16509, name: "Amazon Web Services", kind: "hosting", source: `cloud (EC2); ${db("Amazon.com, Inc.")}` },
  {
    asn: 14618,
    name: "Amazon Web Services (us-east)",
    kind: "hosting",
    source: `cloud (EC2); ${db("Amazon.com, Inc.")}`,
  },
  { asn: 396982, name: "Google Cloud", kind: "hosting", source: `cloud (GCE); ${db("Google LLC")}` },
  { asn: 8075, name: "Microsoft Azure", kind: "hosting", source: `cloud; ${db("Microsoft Corporation")}` },
  {
    asn: 60781,
    name: "Leaseweb Netherlands",
    kind: "hosting",
    source: `dedicated servers; ${db("LeaseWeb Netherlands B.V.")}`,
  },
  { asn: 51167, name: "Contabo", kind: "hosting", source: `VPS; ${db("Contabo GmbH")}` },
  {
    asn: 132203,
    name: "Tencent Cloud",
    kind: "hosting",
    source: `cloud; ${db("Shenzhen Tencent Computer Systems Company Limited")}`,
  },
  { asn: 45102, name: "Alibaba Cloud", kind: "hosting", source: `cloud; ${db("Alibaba (US) Technology Co., Ltd.")}` },
  { asn: 40676, name: "Psychz Networks", kind: "hosting", source: `dedicated servers; ${db("Psychz Networks")}` },
  { asn: 8100, name: "QuadraNet", kind: "hosting", source: `dedicated servers; ${db("QuadraNet Enterprises LLC")}` },
  { asn: 21859, name: "Zenlayer", kind: "hosting", source: `edge cloud; ${db("Zenlayer Inc")}` },
  { asn: 62240, name: "Clouvider", kind: "hosting", source: `dedicated servers / VPS; ${db("Clouvider Limited")}` },
  { asn: 63023, name: "GTHost", kind: "hosting", source: `dedicated servers; ${db("GTHost")}` },
  { asn: 36352, name: "ColoCrossing (HostPapa)", kind: "hosting", source: `VPS / colocation; ${db("HostPapa")}` },
  { asn: 46844, name: "Sharktech", kind: "hosting", source: `dedicated servers; ${db("Sharktech")}` },
  { asn: 35916, name: "Multacom", kind: "hosting", source: `dedicated servers; ${db("MULTACOM CORPORATION")}` },
  { asn: 396356, name: "Latitude.sh (Maxihost)", kind: "hosting", source: `bare metal; ${db("Latitude.sh")}` },
  { asn: 20454, name: "Secured Servers", kind: "hosting", source: `dedicated servers; ${db("SECURED SERVERS LLC")}` },
  { asn: 53667, name: "FranTech Solutions (BuyVM)", kind: "hosting", source: `VPS; ${db("FranTech Solutions")}` },
  { asn: 9009, name: "M247", kind: "vpn", source: `hosting; reported VPN exit space; ${db("M247 Europe SRL")}` },
  {
    asn: 60068,
    name: "Datacamp (CDN77)",
    kind: "vpn",
    source: `hosting/CDN; reported VPN exit space; ${db("Datacamp Limited")}`,
  },
  {
    asn: 212238,
    name: "Datacamp (CDN77)",
    kind: "vpn",
    source: `hosting/CDN; reported VPN exit space; ${db("Datacamp Limited")}`,
  },
  { asn: 136787, name: "PacketHub", kind: "vpn", source: `reported NordVPN exit network; ${db("PacketHub S.A.")}` },
  { asn: 207137, name: "PacketHub", kind: "vpn", source: `reported NordVPN exit network; ${db("PacketHub S.A.")}` },
  { asn: 209854, name: "Cyberzone", kind: "vpn", source: `reported Surfshark exit network; ${db("Cyberzone S.A.")}` },
];

export const MOBILE_CARRIER_ASNS: readonly NetworkAsn[] = [
  { asn: 21928, name: "T-Mobile USA", kind: "mobile", source: `US mobile carrier; ${db("T-Mobile USA, Inc.")}` },
  {
    asn: 22394,
    name: "Verizon Wireless (Cellco)",
    kind: "mobile",
    source: `US mobile carrier; ${db("Verizon Business")}`,
  },
  {
    asn: 6167,
    name: "Verizon Wireless (Cellco)",
    kind: "mobile",
    source: `US mobile carrier; ${db("Verizon Business")}`,
  },
  { asn: 20057, name: "AT&T Mobility", kind: "mobile", source: `US mobile carrier; ${db("AT&T Enterprises, LLC")}` },
  { asn: 25135, name: "Vodafone UK", kind: "mobile", source: `UK mobile carrier; ${db("Vodafone Limited")}` },
  {
    asn: 55836,
    name: "Reliance Jio",
    kind: "mobile",
    source: `Indian mobile carrier; ${db("Reliance Jio Infocomm Limited")}`,
  },
  {
    asn: 45609,
    name: "Bharti Airtel (mobile)",
    kind: "mobile",
    source: `Indian mobile carrier; ${db("Bharti Airtel Limited")}`,
  },
  {
    asn: 6805,
    name: "Telefónica Germany (O2)",
    kind: "mobile",
    source: `German mobile carrier; ${db("Telefonica Germany GmbH & Co.OHG")}`,
  },
  {
    asn: 15502,
    name: "Vodafone Ireland",
    kind: "mobile",
    source: `Irish mobile carrier; ${db("Vodafone Ireland Limited")}`,
  },
  {
    asn: 16135,
    name: "Turkcell",
    kind: "mobile",
    source: `Turkish mobile carrier; ${db("TURKCELL ILETISIM HIZMETLERI A.S.")}`,
  },
];

const byAsn = (list: readonly NetworkAsn[]) => new Map(list.map((e) => [e.asn, e]));
const HOSTING_BY_ASN = byAsn(HOSTING_ASNS);
const MOBILE_BY_ASN = byAsn(MOBILE_CARRIER_ASNS);

/** The hosting or VPN network an ASN belongs to, if it is one. */
export function hostingNetwork(asn: number): NetworkAsn | undefined {
  return HOSTING_BY_ASN.get(asn);
}

/** The mobile carrier an ASN belongs to, if it is one. */
export function mobileCarrier(asn: number): NetworkAsn | undefined {
  return MOBILE_BY_ASN.get(asn);
}

/** hosting / vpn / mobile, or null for every other network (residential ISPs, businesses, universities). */
export function networkKind(asn: number): NetworkKind | null {
  return HOSTING_BY_ASN.get(asn)?.kind ?? MOBILE_BY_ASN.get(asn)?.kind ?? null;
}
