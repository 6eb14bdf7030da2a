/**
 * Builds the Fastify application from a config and a store; no listening, no globals,
 * so tests and benchmarks build it in-process (`app.inject()`).
 */
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { readFileSync } from 'node:fs';
import { docsShowAllOperations, requireKeyForReads, type Config } from './config.js';
import { problem } from '@cites-permit-check/engine/contract/problem';
import { sendProblem } from './http/reply.js';
import { checkTextReplies, replySerializer } from './http/reply-check.js';
import { firstIllFormedString } from './http/well-formed.js';
import auth, { KeyRing } from './plugins/auth.js';
import { PACKAGE_JSON } from './paths.js';
import docs from './plugins/docs.js';
import problems from './plugins/problems.js';
import security, { securityHeadersPlugin } from './plugins/security.js';
import adminRoutes from './routes/admin.js';
import datasetRoutes from './routes/dataset.js';
import healthRoutes from './routes/health.js';
import listingRoutes from './routes/officer/listings.js';
import permitRoutes from './routes/officer/permits.js';
import restrictionRoutes from './routes/officer/restrictions.js';
import taxonWriteRoutes from './routes/officer/taxa.js';
import problemTypeRoutes from './routes/problem-types.js';
import referenceRoutes from './routes/reference.js';
import snapshotRoutes from './routes/snapshot.js';
import syncRoutes from './routes/syncs.js';
import taxaRoutes from './routes/taxa.js';
import tradeCheckRoutes from './routes/trade-checks.js';
import transferRoutes from './routes/transfers.js';
import { DecisionLog } from './services/decision-log.js';
import { EngineService } from './services/engine-service.js';
import { MinuteLimiter } from './services/minute-limiter.js';
import type { Services } from './services/index.js';
import type { CitesStore } from './store/types.js';

export interface AppOptions {
  config: Config;
  store: CitesStore;
  logger?: FastifyServerOptions['logger'];
  /** Swagger UI at /docs (the OpenAPI document is always built). */
  docsUi?: boolean;
  now?: () => Date;
}

const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, store } = opts;
  const now = opts.now ?? (() => new Date());
  const today = () => now().toISOString().slice(0, 10);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // A client must send its whole request (headers and body) in this time: sockets that
    // trickle a body while holding a valid key are closed instead of held open.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    // Fastify's own two lines per request are replaced by one line (onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    // Behind a load balancer the client's address is in X-Forwarded-For, this many hops back.
    trustProxy: config.TRUST_PROXY_HOPS > 0 ? (_address: string, hop: number) => hop < config.TRUST_PROXY_HOPS : false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    // Errors Fastify raises before routing (a malformed URL such as /v1/taxa/%) answer as
    // problem details like every other error.
    frameworkErrors: (error, _req, reply) => {
      void sendProblem(reply, problem('validation-error', 400, `The request URL cannot be read: ${error.message}`));
    },
  });

  const services: Services = {
    config,
    store,
    engines: await EngineService.create(
      store,
      {
        appendixICaptiveBredCommercial: config.POLICY_APP_I_CAPTIVE_BRED_COMMERCIAL,
        suspensions: config.POLICY_SUSPENSIONS,
        personalEffectsLiveAnimals: config.POLICY_PERSONAL_EFFECTS_LIVE_ANIMALS,
        datasetHorizonDays: config.DATASET_HORIZON_DAYS,
      },
      today,
    ),
    decisions: new DecisionLog(store),
    items: new MinuteLimiter(config.RATE_LIMIT_ITEMS_PER_MINUTE),
    storage: { fullAt: null },
    now,
    today,
  };
  app.decorate('services', services);

  // One log line per request, with its id. The hooks on every request are synchronous
  // (callback style): an async hook costs a promise and a microtask turn per request, and
  // the dozen of them were a visible share of a trade check (bench/http.ts).
  app.addHook('onResponse', (req, reply, done) => {
    req.log.info({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });
  app.addHook('onClose', async () => services.decisions.close());
  // Imports run from the CLI (another process) and writes on other replicas change the
  // database under a running server: a shared store says so at once (watch), and the
  // dataset version is looked at now and then in any case; the engine is rebuilt when it moved.
  const refresh = () =>
    services.engines.refresh().then(
      (changed) => {
        if (changed) app.log.info({ datasetVersion: services.engines.engine.datasetVersion }, 'dataset changed: engine rebuilt');
      },
      (err: unknown) => app.log.error({ err }, 'dataset refresh failed'),
    );
  await store.watch?.(() => void refresh());
  if (config.DATASET_POLL_MS > 0) {
    const poll = setInterval(refresh, config.DATASET_POLL_MS);
    poll.unref();
    app.addHook('onClose', async () => clearInterval(poll));
  }

  const keys = new KeyRing(store, 60_000, config.API_KEY_CACHE_MS);
  await app.register(problems);
  await app.register(securityHeadersPlugin);
  await app.register(auth, { keys, requireKeyForReads: requireKeyForReads(config), failuresPerMinute: config.AUTH_FAILURES_PER_MINUTE });
  await app.register(security, { config });
  await app.register(docs, { ui: opts.docsUi ?? config.DOCS, version: pkg.version, showAll: docsShowAllOperations(config) });

  await app.register(async (api) => {
    // zod validates every request; replies are plain JSON.stringify (their shape is fixed by
    // the handlers' types), checked against their schemas when CHECK_REPLIES is on (tests).
    api.setValidatorCompiler(validatorCompiler);
    api.setSerializerCompiler(replySerializer(config.CHECK_REPLIES));
    if (config.CHECK_REPLIES) checkTextReplies(api);
    api.addHook('preValidation', (req, reply, done) => {
      const at = firstIllFormedString(req.body);
      if (at === null) return done();
      sendProblem(
        reply,
        problem('validation-error', 400, `The body holds a string with a lone UTF-16 surrogate at ${at}: not valid text.`, {
          errors: [{ pointer: `#${at === '/' ? '' : at}`, in: 'body', detail: 'contains a lone UTF-16 surrogate (not valid Unicode text)' }],
        }),
      );
    });
    await api.register(healthRoutes);
    await api.register(tradeCheckRoutes);
    await api.register(taxaRoutes);
    await api.register(referenceRoutes);
    await api.register(datasetRoutes, { horizonDays: config.DATASET_HORIZON_DAYS });
    await api.register(transferRoutes);
    await api.register(syncRoutes);
    await api.register(snapshotRoutes);
    await api.register(problemTypeRoutes);
    await api.register(taxonWriteRoutes);
    await api.register(listingRoutes);
    await api.register(restrictionRoutes);
    await api.register(permitRoutes);
    await api.register(adminRoutes, { keys });
  });
  return app;
}
