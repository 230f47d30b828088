/**
 * Composition root
 * ================
 *
 * Wires repositories, services and routes over one Database. `server/index.ts` and the integration
 * tests both build the app through here, so what is tested is what runs.
 */
import type { AppDeps } from "./app.js";
import type { Config } from "./config.js";
import { ApplicationRepository } from "./db/application.repository.js";
import { ClustersRepository } from "./db/clusters.repository.js";
import type { Database } from "./db/database.js";
import { RunsRepository } from "./db/runs.repository.js";
import { buildSecurity, type Security } from "./auth/module.js";
import type { Logger } from "./logger.js";
import { ExploreRepository } from "./explore/explore.repository.js";
import { exploreRoutes } from "./explore/explore.routes.js";
import { ExploreService } from "./explore/explore.service.js";
import { coreRoutes } from "./routes/core.routes.js";
import { detectionRoutes } from "./routes/detection.routes.js";
import { detectFromDatabase } from "./runs/detector.js";
import { DetectionScheduler } from "./runs/scheduler.js";
import { ApplicationService } from "./services/application.service.js";
import { ClustersService } from "./services/clusters.service.js";
import { ExplainService } from "./services/explain.service.js";
import { HealthService } from "./services/health.service.js";
import { IngestService } from "./services/ingest.service.js";
import { NeighbourhoodService } from "./services/neighbourhood.service.js";
import { RunsService } from "./services/runs.service.js";
import { TriageRepository } from "./triage/triage.repository.js";
import { triageRoutes } from "./triage/triage.routes.js";
import { TriageService } from "./triage/triage.service.js";
import { RulesRepository } from "./rules/rules.repository.js";
import { rulesRoutes } from "./rules/rules.routes.js";
import { RulesService } from "./rules/rules.service.js";
import { LatestRun } from "./screen/latest-run.js";
import { ScreenRepository } from "./screen/screen.repository.js";
import { screenRoutes } from "./screen/screen.routes.js";
import { ScreenService } from "./screen/screen.service.js";
import { clusterAnnotator } from "./watchlist/annotate.js";
import { WatchlistRepository } from "./watchlist/watchlist.repository.js";
import { watchlistRoutes } from "./watchlist/watchlist.routes.js";
import { WatchlistService } from "./watchlist/watchlist.service.js";

export interface Container {
  config: Config;
  db: Database;
  log: Logger;
  repos: { applications: ApplicationRepository; runs: RunsRepository; clusters: ClustersRepository };
  services: {
    health: HealthService;
    applications: ApplicationService;
    ingest: IngestService;
    runs: RunsService;
    clusters: ClustersService;
    explain: ExplainService;
    neighbourhood: NeighbourhoodService;
    explore: ExploreService;
    triage: TriageService;
    watchlist: WatchlistService;
    rules: RulesService;
    screen: ScreenService;
  };
  scheduler: DetectionScheduler;
  /** Users, sessions, audit trail, cases and evidence (server/auth/module.ts). */
  security: Security;
  appDeps: AppDeps;
  /** Stops background work (scheduler, runs) before the driver closes. */
  shutdown(): Promise<void>;
}

export async function buildContainer(config: Config, db: Database, log: Logger): Promise<Container> {
  const applications = new ApplicationRepository(db);
  const runsRepo = new RunsRepository(db);
  const clustersRepo = new ClustersRepository(db);
  const latestRun = new LatestRun(db);
  const watchlistRepo = new WatchlistRepository(db);
  const watchlist = new WatchlistService(watchlistRepo, latestRun);
  const screenRepo = new ScreenRepository(db);
  const rules = new RulesService(new RulesRepository(db), config.detect.adjustFromVerdicts);
  const services = {
    health: new HealthService(applications),
    applications: new ApplicationService(applications),
    ingest: new IngestService(applications, config.ingest.batchSize),
    runs: new RunsService({
      db,
      repo: runsRepo,
      detect: detectFromDatabase,
      log: log.child({ module: "runs" }),
      runsToKeep: config.detect.runsToKeep,
      prepare: () => rules.detectOptions(),
      annotate: clusterAnnotator({ watchlist, repo: watchlistRepo, screen: screenRepo }),
      finished: () => latestRun.forget(),
    }),
    clusters: new ClustersService(clustersRepo, runsRepo),
    explain: new ExplainService(clustersRepo, runsRepo),
    neighbourhood: new NeighbourhoodService(clustersRepo),
    triage: new TriageService(new TriageRepository(db), clustersRepo),
    watchlist,
    rules,
    screen: new ScreenService({
      repo: screenRepo,
      applications,
      watchlist,
      latest: latestRun,
      thresholds: config.screen,
    }),
  };
  const scheduler = new DetectionScheduler(services.runs, {
    cron: config.detect.cron,
    afterIngestRecords: config.detect.afterIngestRecords,
    log: log.child({ module: "scheduler" }),
  });
  scheduler.start(services.ingest);
  const security = buildSecurity(config, db, log, { clusters: services.clusters, runs: services.runs });
  const explore = new ExploreService(
    new ExploreRepository(db),
    services.applications,
    clustersRepo,
    security.repos.cases,
  );
  const routes = [
    ...coreRoutes(services),
    ...exploreRoutes({ explore }),
    ...detectionRoutes(services),
    ...triageRoutes(services),
    ...screenRoutes(services),
    ...watchlistRoutes(services),
    ...rulesRoutes(services),
    ...security.routes,
  ];
  // The watchlist's automatic part follows the verdicts; a failed pass is retried at the next tick.
  const syncTimer =
    config.screen.watchlistSyncSeconds > 0
      ? setInterval(() => {
          watchlist.syncConfirmed().catch((err: unknown) => log.warn({ err }, "watchlist: sync from verdicts failed"));
        }, config.screen.watchlistSyncSeconds * 1000).unref()
      : null;
  return {
    config,
    db,
    log,
    repos: { applications, runs: runsRepo, clusters: clustersRepo },
    services: { ...services, explore },
    appDeps: { config, log, routes, auth: security.hooks, before: security.before, afterBody: security.afterBody },
    scheduler,
    security,
    shutdown: async () => {
      scheduler.stop();
      if (syncTimer) clearInterval(syncTimer);
      await services.runs.shutdown();
      // Queued audit entries (reads already answered) are written before the driver closes.
      await security.services.audit.stop();
    },
  };
}
