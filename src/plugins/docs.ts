/**
 * OpenAPI 3.1 from the zod route schemas (one schema: validation, types, documentation),
 * and Swagger UI at /docs for permit officers.
 */
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from './auth.js';
import { IMPORT_CSV_EXAMPLE, withExamples, withResponses, type OpenApiDocument } from './openapi-examples.js';
import { PERMIT_CSV_COLUMNS } from '../importers/permits-csv.js';
import { MAX_DOCUMENTS_PER_FILE } from '../contract/permits.js';

const TAGS = [
  { name: 'Trade checks', description: 'Is this movement allowed, and with which documents? For customs systems.' },
  { name: 'Taxa', description: 'Look species up: names, classification, the listing in force and its history.' },
  { name: 'Reference data', description: 'Parties to the Convention and the CITES code lists.' },
  {
    name: 'Listings',
    description:
      'Keep the listings current (permit officers): taxa, listings, reservations, quotas, suspensions. Read a record, then send its ETag in If-Match with the change.',
  },
  { name: 'Imports and exports', description: 'Load official files and bundles; export the whole store.' },
  { name: 'Integrators', description: 'The engine-ready snapshot for embedding the decision engine.' },
  { name: 'Administration', description: 'API keys, the decision log and the audit trail (admins).' },
  { name: 'Health', description: 'For orchestrators.' },
];

type Json = Record<string, unknown>;
const REF = '#/components/schemas/';

/** Every `$ref` under a value, as component names. */
function refsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF)) out.add(v.slice(REF.length));
      else refsIn(v, out);
    }
  }
  return out;
}

/** Rewrites every `$ref` under a value (in place). */
function renameRefs(value: unknown, rename: (id: string) => string): void {
  if (Array.isArray(value)) for (const v of value) renameRefs(v, rename);
  else if (value !== null && typeof value === 'object') {
    const o = value as Json;
    for (const [k, v] of Object.entries(o)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF)) o[k] = REF + rename(v.slice(REF.length));
      else renameRefs(v, rename);
    }
  }
}

/**
 * One schema per shape. fastify-type-provider-zod emits every registered zod schema twice,
 * as parsed (`XInput`, used by request bodies) and as serialised (`X`, used by responses),
 * whether or not either is used. Keep the ones the operations reach, under one name: a
 * shape only requests use keeps its request form; one used both ways (a bundle is exported
 * and imported as the same document) keeps its request form, which every stored record
 * also satisfies and which keeps the types zod's transforms hide from the serialised form.
 */
function oneSchemaPerShape(doc: OpenApiDocument): void {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  const baseOf = (id: string) => (id.endsWith('Input') && schemas[id.slice(0, -5)] !== undefined ? id.slice(0, -5) : id);
  const reached = new Set<string>();
  const stack = [...refsIn(doc.paths)];
  while (stack.length) {
    const id = stack.pop()!;
    if (reached.has(id) || schemas[id] === undefined) continue;
    reached.add(id);
    stack.push(...refsIn(schemas[id]));
  }
  const kept: Record<string, unknown> = {};
  for (const id of Object.keys(schemas)) {
    const base = baseOf(id);
    if (kept[base] !== undefined) continue;
    const source = reached.has(`${base}Input`) ? `${base}Input` : reached.has(base) ? base : null;
    if (source !== null) kept[base] = schemas[source];
  }
  renameRefs(doc.paths, baseOf);
  renameRefs(kept, baseOf);
  doc.components = { ...doc.components, schemas: kept };
}

/**
 * zod bounds every integer with ±(2^53 − 1); the bounds say nothing and Swagger UI shows
 * the lower one as the example value. Drop them where they are the only bounds.
 */
function dropSafeIntegerBounds(value: unknown): void {
  if (Array.isArray(value)) for (const v of value) dropSafeIntegerBounds(v);
  else if (value !== null && typeof value === 'object') {
    const o = value as Json;
    if (o.minimum === Number.MIN_SAFE_INTEGER) delete o.minimum;
    if (o.maximum === Number.MAX_SAFE_INTEGER) delete o.maximum;
    for (const v of Object.values(o)) dropSafeIntegerBounds(v);
  }
}

type Parameter = { name: string; in: string; required?: boolean; description?: string; example?: unknown; examples?: unknown; schema?: Json };
type Operation = { parameters?: Parameter[]; requestBody?: { required?: boolean; description?: string; content?: Record<string, Json> }; description?: string };

function operations(doc: OpenApiDocument): [string, Operation][] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
    Object.entries(ops as Record<string, Operation>).map(([method, op]): [string, Operation] => [`${method} ${path}`, op]),
  );
}

function stripExamples(schema: unknown): void {
  if (Array.isArray(schema)) for (const s of schema) stripExamples(s);
  else if (schema !== null && typeof schema === 'object') {
    const o = schema as Json;
    delete o.default;
    delete o.example;
    delete o.examples;
    for (const v of Object.values(o)) stripExamples(v);
  }
}

const firstExample = (p: Parameter): unknown => {
  if (p.example !== undefined) return p.example;
  const fromSchema = (s: Json | undefined): unknown => {
    if (s === undefined) return undefined;
    if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
    if (s.example !== undefined) return s.example;
    for (const branch of (s.anyOf as Json[] | undefined) ?? []) {
      const e = fromSchema(branch);
      if (e !== undefined) return e;
    }
    return undefined;
  };
  return fromSchema(p.schema);
};

/**
 * Swagger UI fills a parameter's field with its example or default, and sends it: optional
 * parameters pre-filled with a rank, an Appendix or a date silently narrowed the answers.
 * Optional parameters start empty; their default and an example go into the description
 * (the server applies the default itself).
 */
function optionalParametersStartEmpty(doc: OpenApiDocument): void {
  for (const [, op] of operations(doc)) {
    for (const p of op.parameters ?? []) {
      if (p.required) continue;
      const notes: string[] = [];
      const dflt = p.schema?.default;
      const example = firstExample(p);
      const isEnum = Array.isArray(p.schema?.enum);
      if (dflt !== undefined && dflt !== null) notes.push(`Default: \`${String(dflt)}\`.`);
      if (example !== undefined && !isEnum && example !== dflt && !(p.description ?? '').includes(String(example)))
        notes.push(`For example \`${String(example)}\`.`);
      const text = [p.description?.replace(/\.?$/, '.'), ...notes].filter(Boolean).join(' ');
      if (text) p.description = text;
      delete p.example;
      delete p.examples;
      stripExamples(p.schema);
    }
  }
}

/**
 * The If-Match header of conditional writes: optional in the zod schema (so that its absence
 * is answered 428, not 400), required in the document, under its usual spelling.
 */
function ifMatchRequired(doc: OpenApiDocument): void {
  for (const [, op] of operations(doc)) {
    for (const p of op.parameters ?? []) {
      if (p.in !== 'header' || p.name.toLowerCase() !== 'if-match') continue;
      p.name = 'If-Match';
      p.required = true;
      if (p.schema) stripExamples(p.schema);
    }
  }
}

/**
 * POST /v1/imports reads the raw body: a bundle as JSON, or an official CSV file, plain or
 * gzip-compressed. Declare the three media types (the zod schema of the route cannot:
 * the body is parsed by content type) so Swagger UI offers a file upload. The same for the
 * bulk file POST /v1/syncs takes.
 */
function importBodies(doc: OpenApiDocument): void {
  const op = (doc.paths?.['/v1/imports'] as Record<string, Operation> | undefined)?.post;
  if (!op) return;
  const file = (mediaType: string, description: string): Json => ({ schema: { type: 'string', format: 'binary', contentMediaType: mediaType, description } });
  op.requestBody = {
    required: true,
    description:
      'A cites-bundle/1 document as JSON, or an official file of the `kind` given: as CSV (`text/csv`) or gzip-compressed CSV (`application/gzip`). In Swagger UI, pick the media type, then the file.',
    content: {
      'application/json': { schema: { $ref: `${REF}BundleInput` } }, // the bundle as parsed: fields with defaults may be left out
      'text/csv': { ...file('text/csv', 'The CSV file, as downloaded (UTF-8, first line the header)'), examples: { parties: IMPORT_CSV_EXAMPLE } },
      'application/gzip': file('application/gzip', 'The CSV file compressed with gzip (.csv.gz)'),
    },
  };
  const sync = (doc.paths?.['/v1/syncs'] as Record<string, Operation> | undefined)?.post;
  if (!sync) return;
  sync.requestBody = {
    required: false,
    description:
      'A Species+ bulk download as downloaded (`application/gzip`, `cites_eu_<lang>.ndjson.gz`), or unpacked (`application/x-ndjson`, one taxon concept per line). No body: the changes the Species+ API reports since the last successful sync.',
    content: {
      'application/gzip': file('application/gzip', 'cites_eu_<lang>.ndjson.gz'),
      'application/x-ndjson': file('application/x-ndjson', 'The bulk file unpacked: one JSON taxon concept per line'),
    },
  };
}

/** The received documents a Management Authority loads (POST /v1/permits/imports): a JSON list, or a CSV file to pick. */
const PERMIT_CSV_EXAMPLE = [
  PERMIT_CSV_COLUMNS.join(','),
  'export-permit,ZA 2026/118734,ZA,2026-11-12,2027-05-11,ZA,DE,T,ZA-0099812,,Cape Aloe Exports,Port Elizabeth,Pharma GmbH,Hamburg,Aloe ferox,EXT,250,KIL,A,II,,,,',
  're-export-certificate,CH 2026/5521,CH,2026-11-20,2027-05-19,CH,US,T,CH-7781,,Uhren AG,Biel,Watch Co,New York,Alligator mississippiensis,LEA,40,,C,II,US,US 2026/00871,US,2026-03-02',
].join('\n');

function permitImportBodies(doc: OpenApiDocument): void {
  const op = (doc.paths?.['/v1/permits/imports'] as Record<string, Operation> | undefined)?.post;
  if (!op) return;
  op.requestBody = {
    required: true,
    description: `A JSON list of documents, or a CSV file with the columns ${PERMIT_CSV_COLUMNS.join(', ')} (type, number, issuer, issuedOn and taxon required; one line per item).`,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['permits'],
          properties: { permits: { type: 'array', minItems: 1, maxItems: MAX_DOCUMENTS_PER_FILE, items: { $ref: `${REF}NewPermit` } } },
        },
      },
      'text/csv': {
        schema: { type: 'string', format: 'binary', contentMediaType: 'text/csv' },
        examples: { received: { summary: 'Two received documents', value: PERMIT_CSV_EXAMPLE } },
      },
    },
  };
}

type OverrideContext = { zodSchema: unknown; jsonSchema: Record<string, unknown> };
type ZodDef = { type: string; in?: { _zod: { def: ZodDef } }; out?: { _zod: { def: ZodDef } } };
const defOf = (schema: unknown): ZodDef | undefined => (schema as { _zod?: { def: ZodDef } } | undefined)?._zod?.def;

/**
 * How zod schemas become JSON schemas: fastify-type-provider-zod's own adjustments for
 * OpenAPI 3.1 (empty union branches dropped; `z.undefined()`, only a 304 here, is null), and
 * one more: a value that is trimmed, upper-cased or sorted on the way in (country and code
 * fields) keeps its type on the way out — zod cannot see through a transform and left those
 * response fields without a type.
 */
function zodToJsonOverride(ctx: OverrideContext): void {
  const def = defOf(ctx.zodSchema);
  if (def === undefined) return;
  if (def.type === 'union' && Array.isArray(ctx.jsonSchema.anyOf)) {
    ctx.jsonSchema.anyOf = (ctx.jsonSchema.anyOf as object[]).filter((branch) => Object.keys(branch).length > 0);
  }
  if (def.type === 'undefined') ctx.jsonSchema.type = 'null';
  if (def.type === 'pipe' && defOf(def.out)?.type === 'transform' && ctx.jsonSchema.type === undefined && ctx.jsonSchema.$ref === undefined && def.in) {
    const parsed = z.toJSONSchema(def.in as unknown as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    for (const key of ['type', 'items', 'enum'] as const) if (parsed[key] !== undefined && ctx.jsonSchema[key] === undefined) ctx.jsonSchema[key] = parsed[key];
  }
}
const ZOD_TO_JSON = { zodToJsonConfig: { override: zodToJsonOverride } };

interface DocsOptions {
  ui: boolean;
  version: string;
  showAll: boolean;
}

/**
 * `showAll: false` (the production default, DOCS_SHOW_ALL_OPERATIONS) leaves the officer and
 * administrator operations out of the published document and Swagger UI: anonymous callers
 * need not see the write and admin surface. The operations themselves are unchanged.
 */
export default fp(async function docs(app: FastifyInstance, opts: DocsOptions) {
  const zodTransform = createJsonSchemaTransform({
    skipList: ['/docs', '/docs/*', '/docs/json', '/docs/yaml', '/docs/static/*', '/docs/initOAuth', '/docs/uiConfig'],
    ...ZOD_TO_JSON,
  });
  const jsonSchemaTransformObject = createJsonSchemaTransformObject(ZOD_TO_JSON);
  type TransformInput = Parameters<typeof zodTransform>[0] & { route?: { method?: string | string[]; url?: string; config?: { access?: Access } } };
  // Who may call each operation ("get /v1/listings/{id}" → read): the published document
  // declares 403 on the operations that need a role.
  const access = new Map<string, Access>();
  const transform = (input: TransformInput) => {
    const out = zodTransform(input);
    const route = input.route;
    const level = route?.config?.access;
    if (route?.url && level) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      for (const method of [route.method ?? []].flat()) access.set(`${method.toLowerCase()} ${path}`, level);
    }
    if (!opts.showAll && (level === 'customs' || level === 'officer' || level === 'admin')) return { ...out, schema: { ...out.schema, hide: true } };
    return out;
  };
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CITES permit check',
        version: opts.version,
        description:
          'Evaluates proposed trades in specimens of species listed in the Appendices of the Convention on International Trade in Endangered Species of Wild Fauna and Flora (CITES): allow, deny or needs-permit, with the documents required and the Article or Resolution behind each reason. Errors are RFC 9457 problem+json.\n\n' +
          'Permit officers: *Authorize* with your API key; to change a record, GET it, copy its `ETag` response header into `If-Match`, and send the change. ' +
          'The rule ids in `reasons[].rule` (R1–R43) and every reason, condition and warning code are explained in `docs/decision-codes.md` of the source repository.',
        license: { name: 'Proprietary' },
      },
      tags: TAGS,
      // Swagger UI sends the key of its Authorize button to operations that declare security:
      // all of them, but for the public probes (reads need a key only when so configured).
      security: [{ apiKey: [] }],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'Your API key, sent as `Authorization: Bearer <key>`. Ask an administrator for one (`npm run keys -- create`, or POST /v1/api-keys).',
          },
        },
      },
    },
    transform,
    transformObject: (input) => {
      const doc = jsonSchemaTransformObject(input) as OpenApiDocument;
      importBodies(doc);
      permitImportBodies(doc);
      oneSchemaPerShape(doc);
      dropSafeIntegerBounds(doc);
      ifMatchRequired(doc);
      withExamples(doc);
      optionalParametersStartEmpty(doc);
      withResponses(doc, (key) => access.get(key));
      return doc as ReturnType<typeof jsonSchemaTransformObject>;
    },
  });
  if (opts.ui) {
    // Swagger UI's scripts and styles are 2.3 MB: compressed (brotli or gzip) and cached by
    // the browser for a day (they change with the package only; their ETag makes a later check
    // a 304). The page, its initializer and the document itself are fetched again on every
    // load, compressed too. Encapsulated: the API's own answers are not touched.
    await app.register(async (scope) => {
      await scope.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
      scope.addHook('onSend', async (req, reply, payload) => {
        const path = req.url.split('?')[0] ?? '';
        const asset = path.startsWith('/docs/static/') && !path.endsWith('/swagger-initializer.js');
        reply.header('cache-control', asset && reply.statusCode < 400 ? 'public, max-age=86400' : 'no-cache');
        return payload;
      });
      await scope.register(swaggerUi, {
        routePrefix: '/docs',
        uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true, displayRequestDuration: true },
      });
    });
  }
});
