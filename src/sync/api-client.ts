/**
 * A polite client of the Species+ API v1 (/shared/docs/species-plus.md): the token in
 * X-Authentication-Token, one request at a time with a pause between them (Species+ refuses
 * bursts), and retries with growing waits on 429 (its Retry-After honoured), 5xx, timeouts and
 * cut connections. A 401 or another 4xx is not retried: the token or the request is wrong.
 */
import type { CitesListingRecord, CitesQuotaRecord, CitesSuspensionRecord, DistributionRecord, TaxonConcept } from './taxon-concept.js';

export class SpeciesPlusError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  token: string;
  /** Pause between two requests (ms). */
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  /** The longest wait before a retry (ms); Retry-After beyond it fails the request. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ConceptPage {
  page: number;
  concepts: TaxonConcept[];
  total: number | null;
  hasNext: boolean;
}

const PER_PAGE = 500;
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The page a `Link: <…?page=3>; rel="next"` header names, if any. */
function nextFromLink(link: string | null): number | null {
  for (const part of (link ?? '').split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) {
      const page = new URL(m[1]!, 'http://x').searchParams.get('page');
      return page === null ? null : Number(page);
    }
  }
  return null;
}

/** Seconds or an HTTP date, as Retry-After allows; null when absent or unreadable. */
function retryAfterMs(value: string | null): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

export class SpeciesPlusClient {
  private last = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests sent, retries included (for the run's report). */
  requests = 0;

  constructor(private readonly opts: ApiClientOptions) {
    this.sleep = opts.sleep ?? defaultSleep;
  }

  private async pace(): Promise<void> {
    const wait = this.last + this.opts.intervalMs - Date.now();
    if (wait > 0) await this.sleep(wait);
    this.last = Date.now();
  }

  /** GET a path (with its query) as JSON, with the retries above. */
  async get(path: string): Promise<{ body: unknown; headers: Headers }> {
    const maxWait = this.opts.maxWaitMs ?? 120_000;
    let failure = '';
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      await this.pace();
      this.requests++;
      const backoff = Math.min(maxWait, 1000 * 2 ** attempt);
      let res: Response;
      try {
        res = await fetch(`${this.opts.baseUrl}${path}`, {
          headers: { 'X-Authentication-Token': this.opts.token, accept: 'application/json' },
          signal: AbortSignal.timeout(this.opts.timeoutMs),
        });
      } catch (e) {
        failure = `${path}: ${(e as Error).name === 'TimeoutError' ? `no answer within ${this.opts.timeoutMs} ms` : `connection failed (${(e as Error).message})`}`;
        await this.sleep(backoff);
        continue;
      }
      if (res.status === 429 || res.status >= 500) {
        const asked = retryAfterMs(res.headers.get('retry-after'));
        await res.body?.cancel();
        failure = `${path}: ${res.status}${asked !== null ? ` (Retry-After ${Math.round(asked / 1000)} s)` : ''}`;
        if (asked !== null && asked > maxWait) break;
        await this.sleep(asked ?? backoff);
        continue;
      }
      if (res.status === 401) {
        await res.body?.cancel();
        throw new SpeciesPlusError('Species+ refused the token (401): check SPECIES_PLUS_TOKEN', 401);
      }
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        let message = '';
        try {
          message = (JSON.parse(text) as { error?: { message?: string } })?.error?.message ?? '';
        } catch {}
        throw new SpeciesPlusError(`${path}: ${res.status}${message ? ` ${message}` : ''}`, res.status);
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch (e) {
        // A connection cut in the middle of the body, or a body that is not JSON: read again.
        failure = `${path}: the answer could not be read (${(e as Error).message})`;
        await this.sleep(backoff);
        continue;
      }
      return { body, headers: res.headers };
    }
    throw new SpeciesPlusError(`Species+ did not answer after ${this.opts.retries + 1} attempts: ${failure}`);
  }

  /** One page of taxon concepts, changed since `updatedSince` when given. */
  async conceptPage(page: number, updatedSince: string | null): Promise<ConceptPage> {
    const q = new URLSearchParams({ page: String(page), per_page: String(PER_PAGE) });
    if (updatedSince !== null) q.set('updated_since', updatedSince);
    const { body, headers } = await this.get(`/taxon_concepts?${q}`);
    const b = body as { pagination?: { current_page?: number; per_page?: number; total_entries?: number }; taxon_concepts?: unknown };
    if (!Array.isArray(b?.taxon_concepts)) throw new SpeciesPlusError(`/taxon_concepts page ${page}: the answer has no taxon_concepts list`);
    const header = headers.get('total-count');
    const total = header !== null && /^\d+$/.test(header) ? Number(header) : (b.pagination?.total_entries ?? null);
    const next = nextFromLink(headers.get('link'));
    const perPage = b.pagination?.per_page ?? PER_PAGE;
    const hasNext = next !== null ? next > page : total !== null ? page * perPage < total : b.taxon_concepts.length === perPage;
    return { page, concepts: b.taxon_concepts as TaxonConcept[], total, hasNext };
  }

  /** A taxon's whole CITES legislation (scope all: current and historic) and its distribution. */
  async wholeConcept(concept: TaxonConcept): Promise<TaxonConcept> {
    const legislation = (await this.get(`/taxon_concepts/${concept.id}/cites_legislation?scope=all`)).body as {
      cites_listings?: CitesListingRecord[];
      cites_quotas?: CitesQuotaRecord[];
      cites_suspensions?: CitesSuspensionRecord[];
    };
    const distributions = (await this.get(`/taxon_concepts/${concept.id}/distributions`)).body;
    return {
      ...concept,
      cites_listings: legislation?.cites_listings ?? [],
      cites_quotas: legislation?.cites_quotas ?? [],
      cites_suspensions: legislation?.cites_suspensions ?? [],
      distributions: Array.isArray(distributions) ? (distributions as DistributionRecord[]) : [],
    };
  }
}
