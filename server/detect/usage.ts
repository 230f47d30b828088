/**
 * Identifier usage index
 * ======================
 *
 * The inverse of the input's links: for each identifier, the applications using it (CSR, ascending
 * application index). Built by counting sort in two passes over the links.
 */
import type { DetectionInput } from "./input.js";

export interface Usage {
  offset: Int32Array;
  apps: Int32Array;
}

export function buildUsage(input: DetectionInput): Usage {
  const { offset: linkOffset, ident } = input.links;
  const n = input.identifiers.count;
  const offset = new Int32Array(n + 1);
  for (let l = 0; l < ident.length; l++) offset[ident[l]! + 1]!++;
  for (let i = 0; i < n; i++) offset[i + 1]! += offset[i]!;
  const cursor = offset.slice(0, n);
  const apps = new Int32Array(ident.length);
  for (let a = 0; a < input.apps.count; a++)
    for (let l = linkOffset[a]!; l < linkOffset[a + 1]!; l++) apps[cursor[ident[l]!]!++] = a;
  return { offset, apps };
}
