/**
 * IP normal form
 * ==============
 *
 * Canonical text (RFC 5952 for IPv6), IPv4-mapped IPv6 as IPv4. Private, loopback, link-local,
 * carrier-grade-NAT and other non-routable ranges are recorded but link nothing. The documentation
 * ranges (RFC 5737, RFC 3849) are treated as public so that examples and synthetic data link as real
 * addresses would; the contract's own example (`ip:203.0.113.7`) is one.
 */
import ipaddr from "ipaddr.js";

import type { NormalisedIdentifier } from "../common/identifiers.js";

const DOCUMENTATION_V4 = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].map((c) => ipaddr.IPv4.parseCIDR(c));
const DOCUMENTATION_V6 = ipaddr.IPv6.parseCIDR("2001:db8::/32");

function isDocumentation(addr: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (addr.kind() === "ipv4") return DOCUMENTATION_V4.some((c) => (addr as ipaddr.IPv4).match(c));
  return (addr as ipaddr.IPv6).match(DOCUMENTATION_V6);
}

/** ipaddr.IPv4.isValidFourPartDecimal's form (which also parses the address, so it is tested here first). */
const FOUR_PART_DECIMAL = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/;

/**
 * Only strict dotted-quad IPv4 and IPv6 forms (ipaddr.process alone also accepts "1" or "0x7f.1"),
 * each parsed once: as `isValidFourPartDecimal(s) ? process(s)` or `IPv6.isValid(s) ? process(s)`.
 */
function parseStrict(s: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (FOUR_PART_DECIMAL.test(s)) {
    try {
      return ipaddr.IPv4.parse(s);
    } catch {
      return null;
    }
  }
  return ipaddr.IPv6.isValid(s) ? ipaddr.process(s) : null;
}

export function normaliseIp(raw: string): NormalisedIdentifier | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const addr = parseStrict(trimmed);
  if (!addr) {
    return {
      kind: "ip",
      key: trimmed.toLowerCase(),
      props: { version: null, prefix: null, routable: false },
      malformed: true,
      links: false,
    };
  }
  const range = addr.range();
  const routable = range === "unicast" || isDocumentation(addr);
  if (addr.kind() === "ipv4") {
    const v4 = addr as ipaddr.IPv4;
    const o = v4.octets;
    return {
      kind: "ip",
      key: v4.toString(),
      props: { version: 4, prefix: `${o[0]}.${o[1]}.${o[2]}.0/24`, routable },
      links: routable,
    };
  }
  const v6 = addr as ipaddr.IPv6;
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${v6.toString()}/48`).toRFC5952String() + "/48";
  return { kind: "ip", key: v6.toRFC5952String(), props: { version: 6, prefix, routable }, links: routable };
}
