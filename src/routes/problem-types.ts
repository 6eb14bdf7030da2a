/** GET /problems/{type}: what each problem `type` URI means. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROBLEM_TYPES, type ProblemType } from '@cites-permit-check/engine/contract/problem';

const Params = z.strictObject({ type: z.enum(Object.keys(PROBLEM_TYPES) as [ProblemType, ...ProblemType[]]) });

export default async function problemTypeRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/problems/:type',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Health'],
        security: [],
        operationId: 'describeProblemType',
        summary: 'What a problem type means',
        params: Params,
        response: { 200: z.object({ type: z.string(), title: z.string() }) },
      },
    },
    async (req) => ({ type: `/problems/${req.params.type}`, title: PROBLEM_TYPES[req.params.type] }),
  );
}
