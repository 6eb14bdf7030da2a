/**
 * The baseline the HTTP benchmark measures the service against: a bare Fastify process, not a
 * route inside the app (which would carry the service's hooks and hide their cost). No
 * plugins, no hooks, logger off; one POST route that parses the same JSON body and answers
 * fixed JSON. Bundled and pinned to the same core as the service.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const fixed = { decision: 'needs-permit', documents: [{ type: 'export-permit', issuer: 'NA' }], appendix: 'II' };
app.post('/v1/trade-checks', async () => fixed);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  process.exit(0);
});
