/**
 * Name-based UUIDs
 * ================
 *
 * UUIDv5 (RFC 9562: SHA-1 of namespace + name) for deterministic STIX ids: the same case and object
 * key always give the same id, so re-exports update objects instead of duplicating them. STIX 2.1 asks
 * for UUIDv4 ids on SDOs, SROs and custom objects (the OASIS validator warns on any other version), so
 * those get `nameBasedUuid4`: the same name-based derivation (SHA-256 here), formatted as version 4.
 * The bits are as unpredictable as a random UUID's to anyone without the namespace, and stable.
 */
import crypto from "node:crypto";

/** The OASIS STIX 2.1 namespace for SCO ids computed from their id-contributing properties. */
export const STIX_SCO_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";
/** Ringscope's own namespace for SDO/SRO ids (a fixed random UUID). */
export const RINGSCOPE_NAMESPACE = "6f1c2f0e-8b5a-4d4e-9b7c-3a5d2e1f0c9a";

export function uuidv5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (ns.length !== 16) throw new Error(`uuidv5: "${namespace}" is not a UUID`);
  const h = crypto.createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A deterministic UUID in version-4 form: SHA-256 of namespace + name, version and variant bits set. */
export function nameBasedUuid4(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (ns.length !== 16) throw new Error(`nameBasedUuid4: "${namespace}" is not a UUID`);
  const h = crypto.createHash("sha256").update(ns).update(name, "utf8").digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
