/**
 * A listing entry as the catalog shows it (GET /v1/taxa/{id}, its history): the entry with
 * the taxa it excepts, and whether it is the taxon's own or a higher taxon's. Defined here,
 * in the engine's contract, because the engine's catalog builds it and the server's
 * taxa answers carry it: one shape, one definition.
 */
import { z } from 'zod';
import { APPENDICES } from './codes.js';
import { LocalizedText } from './common.js';

const Scope = z.object({ include: z.array(z.string()).optional(), exclude: z.array(z.string()).optional() }).nullable();

export const ListingView = z
  .object({
    id: z.string(),
    taxonId: z.string(),
    taxon: z.string().describe('Taxon the entry is listed under'),
    appendix: z.enum(APPENDICES),
    party: z.string().nullable(),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    populations: Scope,
    excludedTaxa: z.array(z.object({ taxonId: z.string(), taxon: z.string(), populations: Scope })),
    annotation: LocalizedText.nullable(),
    hashAnnotation: z.string().nullable(),
    specimens: z.unknown().nullable().describe('Specimen coverage (see Specimens in the bundle)'),
    inherited: z.boolean().describe('The entry belongs to a higher taxon'),
  })
  .meta({ id: 'ListingView' });
export type ListingView = z.output<typeof ListingView>;
