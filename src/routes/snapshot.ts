/**
 * GET /v1/snapshot: the engine-ready data for integrators. Built once per dataset version
 * and kept compressed (gzip, brotli) so that serving it costs a lookup, not a compression.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { Snapshot } from '@cites-permit-check/engine/contract/snapshot';
import { sendJsonBytes } from '../http/reply.js';

interface Encoded {
  version: string;
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

/** The best encoding the client accepts among brotli, gzip and none. */
function negotiate(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : 'identity';
}

export default async function snapshotRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  let cached: Encoded | null = null;

  r.get(
    '/v1/snapshot',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Integrators'],
        operationId: 'getSnapshot',
        summary: 'Everything the decision engine reads, as one JSON document',
        description:
          "Feed it to `createEngine()` from the package's `/engine` export to get the same decisions as this server without calling it. Send `If-None-Match` with the last ETag: `304` while the dataset is unchanged. Compressed with brotli or gzip when the client accepts it.",
        response: { 200: Snapshot, 304: z.undefined().describe('Not modified: the ETag still matches') },
      },
    },
    async (req, reply) => {
      const version = String((await app.services.store.state()).version);
      const etag = `"dataset-${version}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      if (cached?.version !== version) cached = { version, identity: Buffer.from(await app.services.store.snapshotJson()) };
      const encoding = negotiate(req.headers['accept-encoding']);
      let body = cached.identity;
      if (encoding === 'gzip') body = cached.gzip ??= gzipSync(cached.identity, { level: 6 });
      if (encoding === 'br') {
        body = cached.br ??= brotliCompressSync(cached.identity, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: cached.identity.length },
        });
      }
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return sendJsonBytes(reply, body);
    },
  );
}
