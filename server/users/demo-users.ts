/**
 * Demo users
 * ==========
 *
 * One account per role, created only in a database marked as the demo (see bootstrap.ts). The
 * passwords are public (README): never use them anywhere else.
 */
import type { UserRole } from "../common/users.js";

export const DEMO_USERS: readonly { username: string; display_name: string; role: UserRole; password: string }[] = [
  {
    username: "demo-investigator",
    display_name: "Demo Investigator",
    role: "investigator",
    password: "ringscope-investigator-demo",
  },
  { username: "demo-lead", display_name: "Demo Lead", role: "lead", password: "ringscope-lead-demo" },
  { username: "demo-auditor", display_name: "Demo Auditor", role: "auditor", password: "ringscope-auditor-demo" },
  { username: "demo-admin", display_name: "Demo Admin", role: "admin", password: "ringscope-admin-demo" },
];
