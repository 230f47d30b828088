/** CPU seconds (user + system) a process has used so far, from /proc; null where that is not readable. */
import fs from "node:fs";

export function processCpuSeconds(pid: number | null): number | null {
  if (!pid) return null;
  try {
    // Fields after the ")" that ends the command name: utime and stime are the 12th and 13th, in clock ticks.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
