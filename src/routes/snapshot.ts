/** GET /v1/snapshot: the engine-ready data for integrators, cached by dataset version. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Snapshot } from '../contract/snapshot.js';
import { sendJsonText } from '../http/reply.js';

export default async function snapshotRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  let cached: { version: string; json: string } | null = null;

  r.get(
    '/v1/snapshot',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Integrators'],
        operationId: 'getSnapshot',
        summary: 'Everything the decision engine reads, as one JSON document',
        description:
          'Feed it to `createEngine()` from the package\'s `/engine` export to get the same decisions as this server without calling it. Send `If-None-Match` with the last ETag: `304` while the dataset is unchanged. Compressed with gzip or brotli when the client accepts it.',
        response: { 200: Snapshot, 304: z.undefined().describe('Not modified: the ETag still matches') },
      },
    },
    async (req, reply) => {
      const version = String(app.services.store.state().version);
      const etag = `"dataset-${version}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      if (cached?.version !== version) cached = { version, json: JSON.stringify(app.services.store.snapshot()) };
      return sendJsonText(reply, cached.json);
    },
  );
}
