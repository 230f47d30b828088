/**
 * The password-hashing thread runs at nice 10 (or the process's own nice when that is already lower
 * priority) on Linux, read from /proc for every thread of this process: the threads the pool started
 * are at that nice and the thread running the test keeps its own.
 */
import crypto from "node:crypto";
import fs from "node:fs";

import { describe, expect, it } from "vitest";

import { configureHashPool, hashJobsRun, runScrypt } from "../../../server/credentials/hash-pool.js";

/** tid → nice, from /proc/self/task/<tid>/stat (field 19; the name in parentheses may hold spaces). */
function threadNices(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of fs.readdirSync("/proc/self/task")) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(tid), Number(fields[16]));
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return out;
}

describe.runIf(process.platform === "linux")("hashing thread priority", () => {
  it("runs scrypt on a thread at nice 10 while the calling thread keeps its nice", async () => {
    configureHashPool({ threads: 1, queue: 8 });
    const before = threadNices();
    const mainNice = before.get(process.pid)!;
    expect(mainNice).toBeTypeOf("number");
    const jobs = hashJobsRun();
    await runScrypt({
      password: "pw",
      salt: crypto.randomBytes(16),
      keyBytes: 32,
      N: 2 ** 10,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    expect(hashJobsRun()).toBe(jobs + 1);
    const after = threadNices();
    const started = [...after].filter(([tid]) => !before.has(tid));
    // The worker lowers its own priority to nice 10; a process already at 10 or above stays where it is.
    const expected = Math.max(mainNice, 10);
    expect(started.some(([, nice]) => nice === expected)).toBe(true);
    expect(after.get(process.pid)).toBe(mainNice);
    if (mainNice < 10) expect(started.filter(([, nice]) => nice === 10).length).toBeGreaterThanOrEqual(1);
    process.stdout.write(
      `threads: main nice ${mainNice}; started by the pool: ${started.map(([t, n]) => `${t}@${n}`).join(", ")}\n`,
    );
    configureHashPool({ threads: 2, queue: 8 }); // closes the pool so the test process can end
  });
});
