import { z } from 'zod';

/** One invalid input field of a 400 answer (RFC 9457 §3, "errors" extension). */
export const InvalidField = z.object({
  pointer: z.string().describe('JSON pointer to the field, e.g. #/exporter or #/items/3/purpose'),
  in: z.enum(['body', 'query', 'params', 'headers']).optional(),
  detail: z.string().describe('Why the value was rejected'),
});
export type InvalidField = z.infer<typeof InvalidField>;

/** RFC 9457 problem details, the body of every error answer. */
export const Problem = z
  .object({
    type: z.string().describe('URI reference naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(InvalidField).optional(),
    suggestions: z
      .array(z.object({ id: z.string(), name: z.string(), kingdom: z.string().optional(), matchedAs: z.string(), distance: z.number().int() }))
      .optional()
      .describe('For unknown-taxon: the closest known names'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });
export type Problem = z.infer<typeof Problem>;

/** Problem types the service emits; `type` is `/problems/<name>`. */
export const PROBLEM_TYPES = {
  'validation-error': 'Request does not match the schema',
  'unknown-taxon': 'No taxon matches this name',
  'ambiguous-taxon': 'This name matches several taxa',
  'unknown-code': 'Code is not in the code list',
  'not-found': 'Resource not found',
  'invalid-bundle': 'The bundle is invalid; nothing was changed',
  'invalid-import': 'The file is invalid; nothing was changed',
  conflict: 'The resource was changed by someone else',
  'precondition-required': 'Send If-Match with the ETag you read',
  unauthorized: 'A valid API key is required',
  forbidden: 'Your key does not have the role for this operation',
  'too-many-requests': 'Rate limit exceeded',
  'payload-too-large': 'Request body is too large',
  'unsupported-media-type': 'Content type not supported',
  'service-unavailable': 'Service temporarily unavailable',
  'method-not-allowed': 'Method not allowed',
  'already-registered': 'A document with this issuer, type and number is already registered',
  'document-unusable': 'The document has been used for a consignment or is no longer valid',
  'internal-error': 'Internal error',
} as const;
export type ProblemType = keyof typeof PROBLEM_TYPES;

export function problem(
  type: ProblemType,
  status: number,
  detail?: string,
  extra: Partial<Pick<Problem, 'errors' | 'suggestions' | 'instance'>> = {},
): Problem {
  const p: Problem = { type: `/problems/${type}`, title: PROBLEM_TYPES[type], status };
  if (detail !== undefined) p.detail = detail;
  return Object.assign(p, extra);
}

/** A schema's complaint about one place in the input, as zod reports it. */
export interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
  code?: string | undefined;
  /** For an object with keys it does not know: those keys. */
  keys?: readonly string[] | undefined;
}

/**
 * Schema issues as invalid fields. An unknown key is pointed at itself ("#/limit"), not at the
 * object holding it ("#/"), so a caller sees which parameter to drop.
 */
export function fieldsOf(issues: readonly SchemaIssue[], where: NonNullable<InvalidField['in']> = 'body', prefix = ''): InvalidField[] {
  return issues.flatMap((i) => {
    const at = `#${prefix}${i.path.map((p) => `/${String(p)}`).join('')}`;
    if (i.code === 'unrecognized_keys' && i.keys?.length) return i.keys.map((k) => ({ pointer: `${at}/${k}`, in: where, detail: `unknown field "${k}"` }));
    return [{ pointer: at, in: where, detail: i.message }];
  });
}

/**
 * The one 400 for fields that fail validation, wherever they are checked (the engine's
 * `check`, the server's route schemas, batch items): the same bad field reads the same way.
 * Repeated errors (the schema and the code lists may both name a field) are given once.
 */
export function invalidFields(errors: readonly InvalidField[]): Problem {
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const key = `${e.in ?? 'body'} ${e.pointer} ${e.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const fields = unique.map((e) => `${e.in ?? 'body'} ${e.pointer.slice(1) || '/'}`).join(', ');
  return problem('validation-error', 400, `Invalid ${fields}`, { errors: unique });
}
