/**
 * Composition root
 * ================
 *
 * Builds every repository, service and route list over one Database, in one place: `server/index.ts`
 * and the integration tests both build the app through here, so what is tested is what runs. Features
 * never construct each other; what one needs from another is passed in here.
 */
import type { AppDeps } from "./app.js";
import { ApplicationRepository } from "./applications/applications.repository.js";
import { applicationsRoutes } from "./applications/applications.routes.js";
import { ApplicationService } from "./applications/applications.service.js";
import { HealthService } from "./applications/health.service.js";
import { auditRoutes } from "./audit/audit.routes.js";
import { buildAudit } from "./audit/build.js";
import { createAuthHooks } from "./auth/auth-hooks.js";
import { authRoutes } from "./auth/auth.routes.js";
import { AuthService } from "./auth/auth.service.js";
import { bootstrapAuth, type BootstrapResult } from "./users/bootstrap.js";
import { configureHashPool } from "./credentials/hash-pool.js";
import { rateLimits } from "./auth/rate-limits.js";
import { SessionRepository } from "./auth/auth.repository.js";
import { TokenRepository } from "./users/tokens.repository.js";
import { UserRepository } from "./users/users.repository.js";
import { usersRoutes } from "./users/users.routes.js";
import { UsersService } from "./users/users.service.js";
import { casesRoutes } from "./cases/cases.routes.js";
import { CaseRepository } from "./cases/cases.repository.js";
import { CaseService } from "./cases/cases.service.js";
import { ClustersRepository } from "./clusters/clusters.repository.js";
import { clustersRoutes } from "./clusters/clusters.routes.js";
import { ClustersService } from "./clusters/clusters.service.js";
import { ExplainService } from "./clusters/explain.service.js";
import { NeighbourhoodService } from "./clusters/neighbourhood.service.js";
import type { Config } from "./config.js";
import type { Database } from "./db/database.js";
import { evidenceRoutes } from "./evidence/evidence.routes.js";
import { EvidenceService } from "./evidence/evidence.service.js";
import { ExploreRepository } from "./explore/explore.repository.js";
import { exploreRoutes } from "./explore/explore.routes.js";
import { ExploreService } from "./explore/explore.service.js";
import { IngestRepository } from "./ingest/ingest.repository.js";
import { ingestRoutes } from "./ingest/ingest.routes.js";
import { IngestService } from "./ingest/ingest.service.js";
import type { Logger } from "./logger.js";
import { lazyDetectFromDatabase } from "./runs/detector.js";
import { runsRoutes } from "./runs/runs.routes.js";
import { RunsRepository } from "./runs/runs.repository.js";
import { RunsService } from "./runs/runs.service.js";
import { DetectionStateStore } from "./runs/detection-state.js";
import { DetectionScheduler } from "./runs/scheduler.js";
import { TriageRepository } from "./triage/triage.repository.js";
import { triageRoutes } from "./triage/triage.routes.js";
import { TriageService } from "./triage/triage.service.js";
import { RulesRepository } from "./rules/rules.repository.js";
import { rulesRoutes } from "./rules/rules.routes.js";
import { RulesService } from "./rules/rules.service.js";
import { LatestRun } from "./runs/latest-run.js";
import { ScreenRepository } from "./screen/screen.repository.js";
import { screenRoutes } from "./screen/screen.routes.js";
import { ScreenService } from "./screen/screen.service.js";
import { clusterAnnotator } from "./screen/annotate.js";
import { WatchlistRepository } from "./watchlist/watchlist.repository.js";
import { watchlistRoutes } from "./watchlist/watchlist.routes.js";
import { WatchlistService } from "./watchlist/watchlist.service.js";

export type Container = Awaited<ReturnType<typeof buildContainer>>;

export async function buildContainer(config: Config, db: Database, log: Logger) {
  const audit = buildAudit(config, db, log.child({ module: "audit" }));
  const repos = {
    applications: new ApplicationRepository(db),
    ingest: new IngestRepository(db),
    runs: new RunsRepository(db),
    clusters: new ClustersRepository(db),
    triage: new TriageRepository(db),
    explore: new ExploreRepository(db),
    watchlist: new WatchlistRepository(db),
    screen: new ScreenRepository(db),
    rules: new RulesRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    tokens: new TokenRepository(db, config.auth.tokenCacheSeconds * 1000),
    audit: audit.repo,
    cases: new CaseRepository(db),
  };

  const latestRun = new LatestRun(db);
  const watchlist = new WatchlistService(repos.watchlist, latestRun);
  const rules = new RulesService(repos.rules, config.detect.adjustFromVerdicts);
  const applications = new ApplicationService(repos.applications);
  const ingest = new IngestService(repos.ingest, config.ingest.batchSize);
  const runs = new RunsService({
    db,
    repo: repos.runs,
    detect: lazyDetectFromDatabase,
    log: log.child({ module: "runs" }),
    runsToKeep: config.detect.runsToKeep,
    prepare: () => rules.detectOptions(),
    annotate: clusterAnnotator({ watchlist, repo: repos.watchlist, screen: repos.screen }),
    finished: () => latestRun.forget(),
    ...(config.detect.incremental ? { state: new DetectionStateStore(config.detect.stateFile) } : {}),
  });
  const clusters = new ClustersService(repos.clusters, repos.runs);
  const auth = new AuthService(repos.users, repos.sessions, repos.tokens, audit.service, config.auth);
  const users = new UsersService(repos.users, repos.sessions, repos.tokens, audit.service, config.auth.scryptLogN);
  const cases = new CaseService(repos.cases, clusters, repos.users, audit.service);
  const services = {
    health: new HealthService(repos.applications),
    applications,
    ingest,
    runs,
    clusters,
    explain: new ExplainService(repos.clusters, repos.runs),
    neighbourhood: new NeighbourhoodService(repos.clusters),
    triage: new TriageService(repos.triage, repos.clusters),
    explore: new ExploreService(repos.explore, applications, repos.clusters, repos.cases),
    watchlist,
    rules,
    screen: new ScreenService({
      repo: repos.screen,
      applications: repos.ingest,
      latest: latestRun,
      thresholds: config.screen,
    }),
    auth,
    users,
    audit: audit.service,
    cases,
    evidence: new EvidenceService(cases, repos.users, audit.service, config, runs),
  };

  const routes = [
    ...applicationsRoutes(services),
    ...exploreRoutes(services),
    ...ingestRoutes(services),
    ...runsRoutes(services),
    ...clustersRoutes(services),
    ...triageRoutes(services),
    ...screenRoutes(services),
    ...watchlistRoutes(services),
    ...rulesRoutes(services),
    ...authRoutes(services, { secureCookies: config.auth.cookieSecure }),
    ...usersRoutes(services),
    ...auditRoutes(services),
    ...casesRoutes(services),
    ...evidenceRoutes(services),
  ];

  const scheduler = new DetectionScheduler(runs, {
    cron: config.detect.cron,
    afterIngestRecords: config.detect.afterIngestRecords,
    incremental: config.detect.incremental,
    log: log.child({ module: "scheduler" }),
  });
  scheduler.start(ingest);
  // The watchlist's automatic part follows the verdicts; a failed pass is retried at the next tick.
  const syncTimer =
    config.screen.watchlistSyncSeconds > 0
      ? setInterval(() => {
          watchlist.syncConfirmed().catch((err: unknown) => log.warn({ err }, "watchlist: sync from verdicts failed"));
        }, config.screen.watchlistSyncSeconds * 1000).unref()
      : null;
  configureHashPool({ threads: config.auth.hashThreads, queue: config.auth.hashQueue });
  const limits = rateLimits(config);
  const hooks = createAuthHooks(auth, audit.service, log.child({ module: "auth" }), {
    casesWithMembers: (ids) => repos.cases.casesWithMembers(ids),
  });
  const appDeps: AppDeps = {
    config,
    log,
    routes,
    auth: hooks,
    // Request rate limits (after authentication, before bodies are read), then limits keyed on the body
    // (failed sign-ins, wrong current passwords).
    before: limits.requests,
    afterBody: limits.afterBody,
  };

  return {
    config,
    db,
    log,
    repos,
    services,
    scheduler,
    appDeps,
    /** First admin, demo marker and demo users (auth/bootstrap.ts); `npm start` calls it after the demo load. */
    bootstrap: (opts: { demoLoaded: boolean }): Promise<BootstrapResult> =>
      bootstrapAuth({ users: repos.users, usersService: users, config }, opts),
    /** Stops background work (scheduler, runs, watchlist sync) before the driver closes. */
    shutdown: async (): Promise<void> => {
      scheduler.stop();
      if (syncTimer) clearInterval(syncTimer);
      await runs.shutdown();
      // Queued audit entries (reads already answered) are written before the driver closes.
      await audit.service.stop();
    },
  };
}
