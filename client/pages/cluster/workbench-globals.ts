/**
 * Workbench globals
 * =================
 *
 * `window.__ringscope`: what the browser tests and the client benchmark read (first render, layout
 * progress, counts). Not an API.
 */
import type { WorkbenchHandles } from "./workbench.js";

declare global {
  interface Window {
    __ringscope?: {
      /** ms from workbench start (payload in hand) to the first frame. */
      firstRenderMs?: number;
      /** performance.now() at the first frame (ms since navigation start). */
      firstRenderAt?: number;
      /** The last layout run; settledAtMs is performance.now() when it stopped. */
      layout?: { iterations: number; ms: number; reason: string; settledAtMs: number } | null;
      nodes?: number;
      edges?: number;
      visibleNodes?: () => number;
      handles?: WorkbenchHandles;
    };
  }
}

export {};
