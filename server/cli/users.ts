/**
 * `npm run users -- COMMAND ...`
 * ==============================
 *
 * User and service-token administration from the server's own shell (for example when the only admin
 * lost their password). Every change goes through the same services as the API and is recorded in the
 * audit trail as done by "cli".
 *
 *   list
 *   create NAME --role ROLE [--display-name TEXT]     prints a one-time password
 *   reset-password NAME                                prints a one-time password
 *   set-role NAME ROLE | disable NAME | enable NAME
 *   token NAME --scope ingest [--scope detect] [--scope screen] [--days N]   prints the token once
 *   tokens | revoke-token ID
 */
import { systemActor } from "../audit/actor.js";
import { buildAudit } from "../audit/build.js";
import { SessionRepository } from "../auth/auth.repository.js";
import { TokenRepository } from "../users/tokens.repository.js";
import { TOKEN_SCOPES, USER_ROLES, type TokenScope, type UserRole } from "../common/users.js";
import { UserRepository } from "../users/users.repository.js";
import { UsersService } from "../users/users.service.js";
import { createLogger } from "../logger.js";
import { loadConfig } from "../config.js";
import { connectDatabase } from "../db/database.js";
import { cliArgs, runMain } from "../common/cli-args.js";

const USAGE =
  "npm run users -- list | create NAME --role ROLE [--display-name TEXT] | reset-password NAME | set-role NAME ROLE | disable NAME | enable NAME | token NAME --scope S [--days N] | tokens | revoke-token ID";

function role(v: string | undefined): UserRole {
  if (!USER_ROLES.includes(v as UserRole)) throw new Error(`role must be one of ${USER_ROLES.join(", ")}`);
  return v as UserRole;
}

runMain(async () => {
  const { positionals, values } = cliArgs(
    {
      role: { type: "string" },
      "display-name": { type: "string" },
      scope: { type: "string", multiple: true },
      days: { type: "string" },
    },
    USAGE,
  );
  const [command, arg, arg2] = positionals;
  if (!command) throw new Error(`usage: ${USAGE}`);
  const config = loadConfig();
  const db = await connectDatabase(config);
  await db.applySchema();
  const users = new UserRepository(db);
  const service = new UsersService(
    users,
    new SessionRepository(db),
    new TokenRepository(db),
    buildAudit(config, db, createLogger("warn")).service,
    config.auth.scryptLogN,
  );
  const actor = systemActor("cli");
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const byName = async (name: string | undefined) => {
    const u = name ? await users.byUsername(name) : null;
    if (!u) throw new Error(`no user "${name ?? ""}"`);
    return u;
  };
  try {
    switch (command) {
      case "list":
        for (const u of await service.list())
          out(
            `${u.username.padEnd(24)} ${u.role.padEnd(12)} ${u.disabled ? "disabled" : "enabled "} last sign-in ${u.last_sign_in_at ?? "never"}`,
          );
        return 0;
      case "create": {
        if (!arg) throw new Error(`usage: ${USAGE}`);
        const r = await service.create(
          { username: arg, role: role(values.role), display_name: values["display-name"] },
          actor,
        );
        out(
          `created ${r.user.username} (${r.user.role}); one-time password (change it at first sign-in):\n\n    ${r.one_time_password}\n`,
        );
        return 0;
      }
      case "reset-password": {
        const r = await service.resetPassword((await byName(arg)).id, actor);
        out(`new one-time password for ${r.user.username}:\n\n    ${r.one_time_password}\n`);
        return 0;
      }
      case "set-role":
        out(`${(await service.update((await byName(arg)).id, { role: role(arg2) }, actor)).username} is now ${arg2}`);
        return 0;
      case "disable":
      case "enable":
        await service.update((await byName(arg)).id, { disabled: command === "disable" }, actor);
        out(`${arg} ${command}d`);
        return 0;
      case "token": {
        const scopes = (values.scope ?? []) as TokenScope[];
        if (!arg || !scopes.length || scopes.some((s) => !TOKEN_SCOPES.includes(s)))
          throw new Error(`give a name and --scope (${TOKEN_SCOPES.join(", ")}); usage: ${USAGE}`);
        const days = values.days ? Number(values.days) : null;
        const r = await service.createToken({ name: arg, scopes, expires_days: days }, actor);
        out(
          `token ${r.token.id} (${r.token.scopes.join(", ")}); send it as "Authorization: Bearer <token>". Shown once:\n\n    ${r.secret}\n`,
        );
        return 0;
      }
      case "tokens":
        for (const t of await service.listTokens())
          out(
            `${t.id} ${t.name.padEnd(20)} ${t.scopes.join(",").padEnd(14)} ${t.revoked_at ? `revoked ${t.revoked_at}` : "active"}`,
          );
        return 0;
      case "revoke-token":
        if (!arg) throw new Error(`usage: ${USAGE}`);
        out(`revoked ${(await service.revokeToken(arg, actor)).name}`);
        return 0;
      default:
        throw new Error(`unknown command "${command}"; usage: ${USAGE}`);
    }
  } finally {
    await db.close();
  }
});
