/**
 * Security and casework module
 * ============================
 *
 * Builds what the auth, audit, case and evidence modules add to the composition root: their
 * repositories and services, their routes, the AuthHooks that replace the local stand-in, and the
 * middleware installed before the routes (rate limits).
 */
import type { RequestHandler } from "express";

import type { AuditRepository } from "../audit/audit.repository.js";
import type { AuditService } from "../audit/audit.service.js";
import { buildAudit } from "../audit/build.js";
import { CaseRepository } from "../cases/case.repository.js";
import { CaseService } from "../cases/case.service.js";
import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import { EvidenceService } from "../evidence/evidence.service.js";
import type { AuthHooks, RouteDef } from "../http/route.js";
import type { Logger } from "../logger.js";
import { auditRoutes } from "../routes/audit.routes.js";
import { authRoutes } from "../routes/auth.routes.js";
import { casesRoutes } from "../routes/cases.routes.js";
import { evidenceRoutes } from "../routes/evidence.routes.js";
import { usersRoutes } from "../routes/users.routes.js";
import type { ClustersService } from "../services/clusters.service.js";
import type { RunsService } from "../services/runs.service.js";
import { createAuthHooks } from "./auth-hooks.js";
import { AuthService } from "./auth.service.js";
import { bootstrapAuth, type BootstrapResult } from "./bootstrap.js";
import { configureHashPool } from "./hash-pool.js";
import { rateLimits } from "./rate-limits.js";
import { SessionRepository } from "./session.repository.js";
import { TokenRepository } from "./token.repository.js";
import { UserRepository } from "./user.repository.js";
import { UsersService } from "./users.service.js";

export interface Security {
  repos: {
    users: UserRepository;
    sessions: SessionRepository;
    tokens: TokenRepository;
    audit: AuditRepository;
    cases: CaseRepository;
  };
  services: {
    auth: AuthService;
    users: UsersService;
    audit: AuditService;
    cases: CaseService;
    evidence: EvidenceService;
  };
  routes: RouteDef[];
  hooks: AuthHooks;
  /** Request rate limits (after authentication, before bodies are read). */
  before: RequestHandler[];
  /** Limits keyed on the body (failed sign-ins, wrong current passwords). */
  afterBody: RequestHandler[];
  /** First admin, demo marker and demo users (see bootstrap.ts); `npm start` calls it after the demo load. */
  bootstrap(opts: { demoLoaded: boolean }): Promise<BootstrapResult>;
}

export function buildSecurity(
  config: Config,
  db: Database,
  log: Logger,
  deps: { clusters: ClustersService; runs: RunsService },
): Security {
  const built = buildAudit(config, db, log.child({ module: "audit" }));
  const repos = {
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    tokens: new TokenRepository(db),
    audit: built.repo,
    cases: new CaseRepository(db),
  };
  const audit = built.service;
  const auth = new AuthService(repos.users, repos.sessions, repos.tokens, audit, config.auth);
  const users = new UsersService(repos.users, repos.sessions, repos.tokens, audit, config.auth.scryptLogN);
  const cases = new CaseService(repos.cases, deps.clusters, repos.users, audit);
  const evidence = new EvidenceService(cases, repos.users, audit, config, deps.runs);
  const services = { auth, users, audit, cases, evidence };
  const limits = rateLimits(config);
  configureHashPool({ threads: config.auth.hashThreads, queue: config.auth.hashQueue });
  return {
    repos,
    services,
    routes: [
      ...authRoutes(services, { secureCookies: config.auth.cookieSecure }),
      ...usersRoutes(services),
      ...auditRoutes(services),
      ...casesRoutes(services),
      ...evidenceRoutes(services),
    ],
    hooks: createAuthHooks(auth, audit, log.child({ module: "auth" }), {
      casesWithMembers: (ids) => repos.cases.casesWithMembers(ids),
    }),
    before: limits.requests,
    afterBody: limits.afterBody,
    bootstrap: (opts) => bootstrapAuth({ users: repos.users, usersService: users, config }, opts),
  };
}
