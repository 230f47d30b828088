/**
 * Auth bootstrap
 * ==============
 *
 * At start: marks the database as the demo when the demo population was just loaded, creates the first
 * admin when there is no user (from RINGSCOPE_ADMIN_PASSWORD, else a one-time password that must be
 * changed at first sign-in), and creates the demo users, only in a database marked as the demo.
 */
import { systemActor } from "../audit/actor.js";
import type { Config } from "../config.js";
import { ValidationError } from "../common/errors.js";
import { DEMO_USERS } from "./demo-users.js";
import { passwordProblem } from "../credentials/password.js";
import type { UserRepository } from "./users.repository.js";
import type { UsersService } from "./users.service.js";

export const FIRST_ADMIN = "admin";

export interface BootstrapResult {
  /** Set when the first admin was created now; `oneTimePassword` when it was generated. */
  admin: { username: string; oneTimePassword?: string } | null;
  demo: boolean;
  demoUsersCreated: string[];
}

export async function bootstrapAuth(
  deps: { users: UserRepository; usersService: UsersService; config: Config },
  opts: { demoLoaded: boolean },
): Promise<BootstrapResult> {
  const actor = systemActor("bootstrap");
  if (opts.demoLoaded) await deps.users.markDemo();
  let admin: BootstrapResult["admin"] = null;
  if ((await deps.users.counts()).users === 0) {
    const password = deps.config.auth.adminPassword;
    if (password !== undefined) {
      const problem = passwordProblem(password, FIRST_ADMIN);
      if (problem) throw new ValidationError(`RINGSCOPE_ADMIN_PASSWORD: ${problem}`);
    }
    const created = await deps.usersService.create(
      {
        username: FIRST_ADMIN,
        display_name: "Administrator",
        role: "admin",
        password,
        must_change_password: password === undefined,
      },
      actor,
    );
    admin = { username: FIRST_ADMIN, oneTimePassword: created.one_time_password };
  }
  const demo = await deps.users.isDemo();
  const demoUsersCreated: string[] = [];
  if (demo)
    for (const u of DEMO_USERS) {
      if (await deps.users.byUsername(u.username)) continue;
      await deps.usersService.create({ ...u, must_change_password: false, demo: true }, actor);
      demoUsersCreated.push(u.username);
    }
  return { admin, demo, demoUsersCreated };
}
