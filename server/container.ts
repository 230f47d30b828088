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
import type { Database } from "./db/database.js";
import type { AuthHooks, Principal } from "./http/route.js";
import type { Logger } from "./logger.js";
import { coreRoutes } from "./routes/core.routes.js";
import { ApplicationService } from "./services/application.service.js";
import { HealthService } from "./services/health.service.js";
import { IngestService } from "./services/ingest.service.js";

export interface Container {
  config: Config;
  db: Database;
  log: Logger;
  repos: { applications: ApplicationRepository };
  services: { health: HealthService; applications: ApplicationService; ingest: IngestService };
  appDeps: AppDeps;
  /** Stops background work (scheduler, runs) before the driver closes. */
  shutdown(): Promise<void>;
}

// Until sign-in exists every request acts as a local lead; replaced by the auth module.
const LOCAL_PRINCIPAL: Principal = { id: "local", username: "local", role: "lead" };
const localAuth: AuthHooks = { authenticate: async () => LOCAL_PRINCIPAL, checkCsrf: () => undefined };

export async function buildContainer(config: Config, db: Database, log: Logger): Promise<Container> {
  const applications = new ApplicationRepository(db);
  const services = {
    health: new HealthService(applications),
    applications: new ApplicationService(applications),
    ingest: new IngestService(applications, config.ingest.batchSize),
  };
  const routes = [...coreRoutes(services)];
  return {
    config,
    db,
    log,
    repos: { applications },
    services,
    appDeps: { config, log, routes, auth: localAuth },
    shutdown: async () => undefined,
  };
}
