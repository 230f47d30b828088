/**
 * Auth service
 * ============
 *
 * Sign-in (scrypt check, session and CSRF secrets issued, both recorded), sign-out, password changes,
 * and resolving a session cookie or a service token into a principal.
 */
import crypto from "node:crypto";

import type { Actor } from "../audit/actor.js";
import type { AuditService } from "../audit/audit.service.js";
import type { Config } from "../config.js";
import { AppError, UnauthenticatedError, ValidationError } from "../common/errors.js";
import type { Principal } from "../http/route.js";
import { admitSignIn } from "../credentials/hash-pool.js";
import {
  burnPasswordCheck,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from "../credentials/password.js";
import { WRONG_CURRENT_PASSWORD } from "./rate-limits.js";
import type { SessionRepository } from "./auth.repository.js";
import type { TokenRepository } from "../users/tokens.repository.js";
import { newSecret, SERVICE_TOKEN_PREFIX, sha256Hex } from "../credentials/secrets.js";
import type { UserRepository } from "../users/users.repository.js";
import type { Me } from "../common/api/auth.js";

export interface SignedIn {
  /** Cookie values: the session secret (httpOnly) and the CSRF secret (readable by the page). */
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
  me: Me;
}

/** A resolved session: the principal plus what the CSRF check needs. */
export interface ResolvedSession {
  principal: Principal;
  csrfHash: string;
  mustChangePassword: boolean;
}

// Sessions are touched at most this often, so a burst of requests costs one write, not one each.
const TOUCH_EVERY_MS = 60_000;

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenRepository,
    private readonly audit: AuditService,
    private readonly config: Config["auth"],
  ) {}

  async signIn(username: string, password: string, actor: Actor): Promise<SignedIn> {
    // A session the browser still holds is replaced, not left behind; failures are recorded as anonymous.
    const previousSession = actor.principal?.sessionId ?? null;
    actor = { ...actor, principal: null };
    // Refused before the user is looked up when the hashing queue is taken (429, same for every name).
    const release = admitSignIn();
    let user;
    let ok = false;
    try {
      user = await this.users.byUsername(username);
      if (user) ok = await verifyPassword(password, user.password_hash);
      else await burnPasswordCheck(password, this.config.scryptLogN);
    } finally {
      release();
    }
    if (!user || !ok || user.disabled) {
      const reason = !user ? "unknown user" : user.disabled ? "account disabled" : "wrong password";
      await this.audit.record(actor, { action: "sign_in_failed", outcome: "failed", username, details: { reason } });
      // One message for every failure, so the answer does not tell which user names exist.
      throw new UnauthenticatedError("wrong user name or password");
    }
    if (needsRehash(user.password_hash, this.config.scryptLogN))
      await this.users.setPassword(
        user.id,
        await hashPassword(password, this.config.scryptLogN),
        user.must_change_password,
      );
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    const sessionId = crypto.randomUUID();
    const expiresAt = await this.sessions.create({
      id: sessionId,
      userId: user.id,
      tokenHash: sha256Hex(sessionToken),
      csrfHash: sha256Hex(csrfToken),
      maxHours: this.config.sessionMaxHours,
      ip: actor.ip,
      userAgent: actor.userAgent,
    });
    await this.users.markSignedIn(user.id);
    if (previousSession) await this.sessions.delete(previousSession);
    const principal: Principal = { id: user.id, username: user.username, role: user.role, sessionId };
    await this.audit.record(
      { ...actor, principal },
      { action: "sign_in", details: { session: sessionId, must_change_password: user.must_change_password } },
    );
    // Housekeeping on the side: expired sessions are dropped at sign-in time rather than by a timer.
    void this.sessions.deleteExpired(this.config.sessionIdleMinutes).catch(() => undefined);
    return {
      sessionToken,
      csrfToken,
      expiresAt,
      me: {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role: user.role,
        must_change_password: user.must_change_password,
      },
    };
  }

  async signOut(actor: Actor): Promise<void> {
    const sid = actor.principal?.sessionId;
    if (!sid) return;
    await this.sessions.delete(sid);
    await this.audit.record(actor, { action: "sign_out", details: { session: sid } });
  }

  async me(principal: Principal): Promise<Me> {
    if (principal.role === "service")
      return {
        id: principal.id,
        username: principal.username,
        display_name: principal.username,
        role: "service",
        must_change_password: false,
        scopes: principal.scopes ?? [],
      };
    const user = await this.users.byId(principal.id);
    if (!user) throw new UnauthenticatedError();
    return {
      id: user.id,
      username: user.username,
      display_name: user.display_name,
      role: user.role,
      must_change_password: user.must_change_password,
    };
  }

  /** Changes the signed-in user's own password; every other session of theirs ends. */
  async changePassword(current: string, next: string, actor: Actor): Promise<void> {
    const p = actor.principal;
    if (!p || p.role === "service") throw new UnauthenticatedError();
    const user = await this.users.byId(p.id);
    if (!user || !(await verifyPassword(current, user.password_hash))) {
      await this.audit.record(actor, {
        action: "password_change",
        outcome: "failed",
        target: { type: "user", id: p.id },
      });
      throw new AppError("the current password is wrong", WRONG_CURRENT_PASSWORD, 400);
    }
    const problem = passwordProblem(next, user.username);
    if (problem) throw new ValidationError(problem);
    if (current === next) throw new ValidationError("the new password must differ from the current one");
    await this.users.setPassword(user.id, await hashPassword(next, this.config.scryptLogN), false);
    const ended = await this.sessions.deleteForUser(user.id, p.sessionId ?? null);
    await this.audit.record(actor, {
      action: "password_change",
      target: { type: "user", id: user.id },
      details: { other_sessions_ended: ended },
    });
  }

  /** The principal behind a session cookie, or null when the session is unknown, expired or idle. */
  async resolveSession(token: string): Promise<ResolvedSession | null> {
    const found = await this.sessions.byTokenHash(sha256Hex(token), this.config.sessionIdleMinutes);
    if (!found) return null;
    const { session, user } = found;
    if (Date.now() - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) await this.sessions.touch(session.id);
    return {
      principal: { id: user.id, username: user.username, role: user.role, sessionId: session.id },
      csrfHash: session.csrf_hash,
      mustChangePassword: user.must_change_password === true,
    };
  }

  /** The principal behind a `Bearer` service token, or null when it is unknown, revoked or expired. */
  async resolveToken(token: string): Promise<Principal | null> {
    if (!token.startsWith(SERVICE_TOKEN_PREFIX)) return null;
    const t = await this.tokens.byHash(sha256Hex(token));
    if (!t) return null;
    if (!t.last_used_at || Date.now() - Date.parse(t.last_used_at) > TOUCH_EVERY_MS) await this.tokens.touch(t.id);
    return {
      id: t.id,
      username: `token:${t.name}`,
      role: "service",
      scopes: t.scopes,
      issuedBy: t.created_by || undefined,
    };
  }
}
