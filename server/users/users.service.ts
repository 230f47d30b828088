/**
 * Users service
 * =============
 *
 * What admins do: create users, change roles, disable accounts, reset passwords, issue and revoke
 * service tokens. Every change is recorded in the audit trail; role changes as `role_change`.
 */
import crypto from "node:crypto";

import type { Actor } from "../audit/actor.js";
import type { AuditService } from "../audit/audit.service.js";
import { ConflictError, NotFoundError, ValidationError } from "../common/errors.js";
import { generatePassword, hashPassword, passwordProblem } from "../credentials/password.js";
import type { TokenRepository } from "./tokens.repository.js";
import { newSecret, SERVICE_TOKEN_PREFIX, sha256Hex } from "../credentials/secrets.js";
import type { ServiceToken, TokenScope, User, UserRole } from "../common/users.js";
import type { SessionEnder } from "./types.js";
import type { UserRepository } from "./users.repository.js";

export interface CreateUserInput {
  username: string;
  display_name?: string;
  role: UserRole;
  /** Omitted: a one-time password is generated and returned once; it must be changed at first sign-in. */
  password?: string;
  must_change_password?: boolean;
  demo?: boolean;
}

export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionEnder,
    private readonly tokens: TokenRepository,
    private readonly audit: AuditService,
    private readonly scryptLogN: number,
  ) {}

  list(): Promise<User[]> {
    return this.users.list();
  }

  async create(input: CreateUserInput, actor: Actor): Promise<{ user: User; one_time_password?: string }> {
    const generated = input.password === undefined;
    const password = input.password ?? generatePassword();
    const problem = passwordProblem(password, input.username);
    if (problem) throw new ValidationError(problem);
    const user = await this.users.create({
      id: crypto.randomUUID(),
      username: input.username,
      display_name: input.display_name ?? input.username,
      role: input.role,
      password_hash: await hashPassword(password, this.scryptLogN),
      must_change_password: input.must_change_password ?? generated,
      demo: input.demo ?? false,
      created_by: actor.principal?.username ?? null,
    });
    await this.audit.record(actor, {
      action: "user_create",
      target: { type: "user", id: user.id },
      details: { username: user.username, role: user.role, demo: user.demo },
    });
    return generated ? { user, one_time_password: password } : { user };
  }

  async update(
    id: string,
    changes: { role?: UserRole; display_name?: string; disabled?: boolean },
    actor: Actor,
  ): Promise<User> {
    const current = await this.users.byId(id);
    if (!current) throw new NotFoundError(`user "${id}" not found`);
    const losesAdmin =
      current.role === "admin" &&
      !current.disabled &&
      ((changes.role && changes.role !== "admin") || changes.disabled === true);
    if (losesAdmin && (await this.users.counts()).admins <= 1)
      throw new ConflictError("this is the last enabled admin: make another admin first");
    if (actor.principal?.id === id && (changes.disabled === true || (changes.role && changes.role !== current.role)))
      throw new ConflictError("admins cannot change their own role or disable themselves");
    const r = await this.users.update(id, changes);
    if (!r) throw new NotFoundError(`user "${id}" not found`);
    const { before, after } = r;
    if (before.role !== after.role)
      await this.audit.record(actor, {
        action: "role_change",
        target: { type: "user", id },
        details: { username: after.username, from: before.role, to: after.role },
      });
    const other: Record<string, unknown> = {};
    if (before.display_name !== after.display_name)
      other.display_name = { from: before.display_name, to: after.display_name };
    if (before.disabled !== after.disabled) other.disabled = { from: before.disabled, to: after.disabled };
    if (Object.keys(other).length)
      await this.audit.record(actor, {
        action: "user_update",
        target: { type: "user", id },
        details: { username: after.username, ...other },
      });
    // A disabled account is locked out at once: its sessions stop resolving (the lookup checks the flag)
    // and are removed here as well.
    if (after.disabled) await this.sessions.deleteForUser(id);
    return after;
  }

  /** Sets a new one-time password (shown once), ends the user's sessions and forces a change at sign-in. */
  async resetPassword(id: string, actor: Actor): Promise<{ user: User; one_time_password: string }> {
    const user = await this.users.byId(id);
    if (!user) throw new NotFoundError(`user "${id}" not found`);
    const password = generatePassword();
    await this.users.setPassword(id, await hashPassword(password, this.scryptLogN), true);
    await this.sessions.deleteForUser(id);
    await this.audit.record(actor, {
      action: "password_reset",
      target: { type: "user", id },
      details: { username: user.username },
    });
    const { password_hash: _h, ...plain } = user;
    void _h;
    return { user: { ...plain, must_change_password: true }, one_time_password: password };
  }

  listTokens(): Promise<ServiceToken[]> {
    return this.tokens.list();
  }

  /** Issues a service token; its secret is returned once and only its hash is kept. */
  async createToken(
    input: { name: string; scopes: TokenScope[]; expires_days?: number | null },
    actor: Actor,
  ): Promise<{ token: ServiceToken; secret: string }> {
    const secret = newSecret(SERVICE_TOKEN_PREFIX);
    const token = await this.tokens.create({
      id: crypto.randomUUID(),
      name: input.name,
      scopes: [...new Set(input.scopes)].sort(),
      tokenHash: sha256Hex(secret),
      prefix: secret.slice(0, SERVICE_TOKEN_PREFIX.length + 6),
      createdBy: actor.principal?.username ?? "system",
      expiresDays: input.expires_days ?? null,
    });
    await this.audit.record(actor, {
      action: "token_create",
      target: { type: "token", id: token.id },
      details: { name: token.name, scopes: token.scopes, expires_at: token.expires_at },
    });
    return { token, secret };
  }

  async revokeToken(id: string, actor: Actor): Promise<ServiceToken> {
    const token = await this.tokens.revoke(id, actor.principal?.username ?? "system");
    if (!token) throw new NotFoundError(`token "${id}" not found`);
    await this.audit.record(actor, {
      action: "token_revoke",
      target: { type: "token", id },
      details: { name: token.name },
    });
    return token;
  }
}
