/**
 * OpenAPI 3.1 from the zod route schemas (one schema: validation, types, documentation),
 * and Swagger UI at /docs for permit officers.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { withExamples } from './openapi-examples.js';

export const TAGS = [
  { name: 'Trade checks', description: 'Is this movement allowed, and with which documents? For customs systems.' },
  { name: 'Taxa', description: 'Look species up: names, classification, the listing in force and its history.' },
  { name: 'Reference data', description: 'Parties to the Convention and the CITES code lists.' },
  { name: 'Listings', description: 'Keep the listings current (permit officers): taxa, listings, reservations, quotas, suspensions.' },
  { name: 'Imports and exports', description: 'Load official files and bundles; export the whole store.' },
  { name: 'Integrators', description: 'The engine-ready snapshot for embedding the decision engine.' },
  { name: 'Administration', description: 'API keys, the decision log and the audit trail (admins).' },
  { name: 'Health', description: 'For orchestrators.' },
];

/**
 * `showAll: false` (the production default, DOCS_SHOW_ALL_OPERATIONS) leaves the officer and
 * administrator operations out of the published document and Swagger UI: anonymous callers
 * need not see the write and admin surface. The operations themselves are unchanged.
 */
export default fp(async function docs(app: FastifyInstance, opts: { ui: boolean; version: string; showAll: boolean }) {
  const zodTransform = createJsonSchemaTransform({ skipList: ['/docs', '/docs/*', '/docs/json', '/docs/yaml', '/docs/static/*', '/docs/initOAuth', '/docs/uiConfig'] });
  type TransformInput = Parameters<typeof zodTransform>[0] & { route?: { config?: { access?: string } } };
  const transform = (input: TransformInput) => {
    const out = zodTransform(input);
    const access = input.route?.config?.access;
    if (!opts.showAll && (access === 'officer' || access === 'admin')) return { ...out, schema: { ...out.schema, hide: true } };
    return out;
  };
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CITES permit check',
        version: opts.version,
        description:
          'Evaluates proposed trades in specimens of species listed in the Appendices of the Convention on International Trade in Endangered Species of Wild Fauna and Flora (CITES): allow, deny or needs-permit, with the documents required and the Article or Resolution behind each reason. Errors are RFC 9457 problem+json.',
        license: { name: 'Proprietary' },
      },
      tags: TAGS,
      // Swagger UI sends the key of its Authorize button to operations that declare security:
      // all of them, but for the public probes (reads need a key only when so configured).
      security: [{ apiKey: [] }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key: Authorization: Bearer <key>' },
        },
      },
    },
    transform,
    transformObject: (doc) => withExamples(jsonSchemaTransformObject(doc) as Parameters<typeof withExamples>[0]),
  });
  if (opts.ui) {
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true, displayRequestDuration: true },
    });
  }
});
