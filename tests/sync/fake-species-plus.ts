/**
 * A local stand-in for the Species+ API v1 (shape of /shared/docs/species-plus.md), on
 * 127.0.0.1 and a free port: pages of taxon concepts (Link and Total-Count headers,
 * updated_since), each concept's cites_legislation and distributions, the token check, and
 * faults on demand (429 with Retry-After, 500, a connection cut in the middle of a body).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN = 'test-token';

type Concept = Record<string, unknown> & { id: number; updated_at?: string };
export type Fault = '429' | '500' | 'cut';

export class FakeSpeciesPlus {
  private server: Server | null = null;
  /** Paths asked for (with their query), in order. */
  readonly requests: string[] = [];
  private readonly faults: { match: (path: string) => boolean; fault: Fault; times: number }[] = [];
  url = '';

  constructor(
    public concepts: Concept[],
    /** Concepts per page whatever per_page asks (to test paging with a small sample). */
    private readonly pageSize = 2,
  ) {}

  /** The next `times` requests whose path (and query) contains `part` fail with `fault`. */
  fail(part: string, fault: Fault, times = 1): void {
    this.faults.push({ match: (p) => p.includes(part), fault, times });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const path = req.url ?? '/';
      this.requests.push(path);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-authentication-token'] !== TOKEN) return send(401, { error: { message: 'Unauthorised' } });
      const fault = this.faults.find((f) => f.times > 0 && f.match(path));
      if (fault) {
        fault.times--;
        if (fault.fault === '429') return send(429, { error: { message: 'Too many requests' } }, { 'retry-after': '1' });
        if (fault.fault === '500') return send(500, { error: { message: 'Internal error' } });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        res.write('{"pagination": {"current_page": 1, "per_');
        res.socket?.destroy();
        return;
      }
      const url = new URL(path, 'http://localhost');
      const parts = url.pathname
        .replace(/^\/api\/v1/, '')
        .split('/')
        .filter(Boolean);
      if (parts.length === 1 && parts[0] === 'taxon_concepts') return this.page(url, send);
      const concept = this.concepts.find((c) => String(c.id) === parts[1]);
      if (parts[0] !== 'taxon_concepts' || !concept) return send(404, { error: { message: 'Not found' } });
      if (parts[2] === 'cites_legislation') {
        if (url.searchParams.get('scope') !== 'all') return send(422, { error: { message: 'the sync must ask for scope=all' } });
        return send(200, {
          cites_listings: concept.cites_listings ?? [],
          cites_quotas: concept.cites_quotas ?? [],
          cites_suspensions: concept.cites_suspensions ?? [],
        });
      }
      if (parts[2] === 'distributions') return send(200, concept.distributions ?? []);
      return send(404, { error: { message: 'Not found' } });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/api/v1`;
    return this.url;
  }

  private page(url: URL, send: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const since = url.searchParams.get('updated_since');
    const matching = this.concepts.filter((c) => since === null || (c.updated_at ?? '') > since);
    const page = Number(url.searchParams.get('page') ?? '1');
    const last = Math.max(1, Math.ceil(matching.length / this.pageSize));
    // The list gives each concept without its legislation detail, as /taxon_concepts does.
    const items = matching.slice((page - 1) * this.pageSize, page * this.pageSize).map((c) => {
      const { cites_quotas: _q, cites_suspensions: _s, distributions: _d, eu_listings: _e, eu_decisions: _ed, ...base } = c;
      return { ...base, cites_listings: ((c.cites_listings as { is_current?: boolean }[]) ?? []).filter((l) => l.is_current) };
    });
    const link = (p: number, rel: string) => `<${url.origin}${url.pathname}?page=${p}&per_page=${this.pageSize}>; rel="${rel}"`;
    const headers: Record<string, string> = {
      'total-count': String(matching.length),
      link: [page < last ? link(page + 1, 'next') : '', link(last, 'last')].filter(Boolean).join(', '),
    };
    send(200, { pagination: { current_page: page, per_page: this.pageSize, total_entries: matching.length }, taxon_concepts: items }, headers);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
