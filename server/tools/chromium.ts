/**
 * Headless Chromium
 * =================
 *
 * The one way the browser tests and bench:client start Chromium: the path from config (CHROMIUM_PATH),
 * headless, with WebGL through SwiftShader (software; the machines have no GPU). `--disable-gpu` plus
 * `--use-angle=swiftshader --enable-unsafe-swiftshader` gives WebGL 2; Chromium 156 also falls back to it
 * without the last two flags, which are kept so newer builds do not drop the fallback.
 */
import fs from "node:fs";

import { chromium, type Browser } from "playwright-core";

import { loadConfig } from "../config.js";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
];

export async function launchChromium(chromiumPath: string = loadConfig().chromiumPath): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}
