/**
 * Issue 4, kind `index`: the real 2017 Index of CITES Species imports completely, and the
 * listings it leaves in the store resolve as the Checklist says, through the HTTP API and
 * through the engine's catalog.
 */
import { readFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Bundle } from '../../src/contract/bundle.js';
import type { Catalog, Snapshot } from '@cites-permit-check/engine';
import { runImport, type ImportReport } from '../../src/importers/index.js';
import { LineErrors } from '../../src/importers/csv.js';
import { ImportNotes } from '../../src/importers/fields.js';
import { readIndexRows } from '../../src/importers/index-rows.js';
import { CountryNames, readPopulations } from '../../src/importers/populations.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { dataFile, describeWithData } from './shared-data.js';

const AS_OF = '2017-04-21';
/** A date the 2017 listings are in force on (trade checks name it: the test clock is later). */
const ON = '2017-06-01';
const specimen = { term: undefined, source: 'W', purpose: 'T' } as const;
const from = (origin: string | null) => ({ origin, ...specimen });

describeWithData('the Index of CITES Species (2017-04-21)', ['index', 'parties'], () => {
  let t: TestApp;
  let file: Buffer;
  let report: ImportReport;
  let catalog: Catalog;
  let snapshot: Snapshot;

  beforeAll(async () => {
    t = await testApp({ data: 'empty' });
    file = readFileSync(dataFile('index'));
    await runImport(t.store, 'parties', readFileSync(dataFile('parties')), { actor: 'test' });
    report = await runImport(t.store, 'index', file, { actor: 'test', asOf: AS_OF });
    await t.app.services.engines.refresh();
    catalog = t.app.services.engines.engine.catalog;
    snapshot = await t.store.snapshot();
  }, 120_000);
  afterAll(() => t?.close());

  const check = async (body: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: { importer: 'DE', source: 'W', date: ON, ...body } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('loads every row of the file as a taxon with its Species+ id', async () => {
    expect(report.stats.taxa).toBe(38_079);
    expect((await t.store.namesByExternalId()).size).toBe(38_079);
    expect((await t.store.namesByExternalId()).get('4521')).toBe('Loxodonta africana');
    expect(report.summary.changed).toBe(true);
    // Repetitions of a higher taxon's listing are not copied down: ~1,300 entries, not 38,000.
    expect(report.summary.created.listings).toBeLessThan(1_500);
    expect(report.stats['populations structured']).toBeGreaterThan(30);
  });

  it('Loxodonta africana from Zimbabwe is Appendix II, from Kenya Appendix I', async () => {
    const zw = await check({ taxon: 'Loxodonta africana', exporter: 'ZW', purpose: 'H', term: 'TRO' });
    expect(zw.appendix).toBe('II');
    expect(zw.listing.populations).toEqual({ include: ['BW', 'NA', 'ZA', 'ZW'] });
    const ke = await check({ taxon: 'Loxodonta africana', exporter: 'KE', purpose: 'H', term: 'TRO' });
    expect(ke.appendix).toBe('I');
    expect(ke.listing.populations).toEqual({ exclude: ['BW', 'NA', 'ZA', 'ZW'] });
  });

  it('the budgerigar is not listed: Psittaciformes excepts it', async () => {
    const res = await check({ taxon: 'Melopsittacus undulatus', exporter: 'AU', purpose: 'T', source: 'C', term: 'LIV' });
    expect(res.decision).toBe('allow');
    expect(res.appendix).toBeNull();
    const parrot = await check({ taxon: 'Amazona aestiva', exporter: 'AR', purpose: 'T', term: 'LIV' });
    expect(parrot.appendix).toBe('II');
    expect(parrot.listing.taxon).toBe('Psittaciformes');
  });

  it('Saiga tatarica is Appendix II', async () => {
    const res = await check({ taxon: 'Saiga tatarica', exporter: 'KZ', purpose: 'T', term: 'HOR' });
    expect(res.appendix).toBe('II');
  });

  it('the peccaries of Mexico and the United States are not listed; those of Brazil are', async () => {
    expect((await check({ taxon: 'Pecari tajacu', exporter: 'MX', purpose: 'T', term: 'SKI' })).appendix).toBeNull();
    expect((await check({ taxon: 'Pecari tajacu', exporter: 'BR', purpose: 'T', term: 'SKI' })).appendix).toBe('II');
  });

  it('every Orchidaceae species without an entry of its own inherits Appendix II with #4 from the family', () => {
    const listedOnTheirOwn = new Set(snapshot.listings.map((l) => l.taxonId));
    let inheriting = 0;
    for (const taxon of snapshot.taxa) {
      if (taxon.rank !== 'SPECIES') continue;
      const found = catalog.taxon(taxon.id, ON, from(null))!;
      const lineage = [...found.classification, { id: taxon.id, name: taxon.name }];
      const family = lineage.findIndex((x) => x.name === 'Orchidaceae');
      if (family < 0) continue; // not an orchid
      if (lineage.slice(family + 1).some((x) => listedOnTheirOwn.has(x.id))) continue; // listed on its own or by its genus
      const r = found.resolution;
      expect(r.listed && r.entry?.taxon === 'Orchidaceae' && r.appendix === 'II' && r.entry.hashAnnotation === '#4', taxon.name).toBe(true);
      inheriting++;
    }
    expect(inheriting).toBeGreaterThan(24_000);
  });

  it('GET /v1/taxa/{id} shows an orchid listed through Orchidaceae (inherited), with #4 coverage', async () => {
    const found = (await t.app.inject('/v1/taxa?q=Dendrobium%20nobile')).json();
    const id = found.items.find((x: { name: string }) => x.name === 'Dendrobium nobile').id;
    const res = await t.app.inject(`/v1/taxa/${id}?date=${ON}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.listings).toHaveLength(1);
    expect(body.listings[0]).toMatchObject({ taxon: 'Orchidaceae', appendix: 'II', hashAnnotation: '#4', inherited: true });
    // #4: seeds and cut flowers of artificially propagated plants are outside the Convention.
    const seeds = (await t.app.inject(`/v1/taxa/${id}?date=${ON}&term=SEE&source=W`)).json();
    expect(seeds.resolution.listed).toBe(false);
    const live = (await t.app.inject(`/v1/taxa/${id}?date=${ON}&term=LIV&source=W`)).json();
    expect(live.resolution).toMatchObject({ listed: true, appendix: 'II' });
  });

  it('every row resolves to the Appendices its own lines give', async () => {
    const rows = await readIndexRows(Readable.from([file]).pipe(createGunzip()), new LineErrors(), new ImportNotes(), undefined);
    const byName = new Map(snapshot.taxa.map((x) => [x.name, x.id]));
    const countries = new CountryNames();
    // Every population wording of the 2017 Index is read as countries (regions included); none
    // leaves two Appendices on one scope any more.
    expect(report.warnings.filter((w) => /lines in Appendices .* could not be told apart/.test(w))).toEqual([]);
    expect(report.stats['populations left as text'] ?? 0).toBe(0);
    const reported = new Set<string>();
    const wrong: string[] = [];
    for (const row of rows) {
      const taxon = byName.get(row.name)!;
      if (row.lines.length === 0) {
        if (row.currentListing.split('/').includes('NC') || row.currentListing === '') {
          const r = catalog.taxon(taxon, ON, from(null))!.resolution;
          if (r.listed) wrong.push(`${row.name} (NC) is listed through ${r.entry!.taxon}`);
        }
        continue;
      }
      if (reported.has(row.name)) continue;
      for (const line of row.lines) {
        const scope = readPopulations(line.short, countries).scope;
        let origins: (string | null)[];
        // An origin the line certainly covers (not a country only partly meant).
        if (scope.kind === 'include') {
          const certain = scope.codes.find((c) => !scope.partly?.includes(c));
          if (certain === undefined) continue; // only part of a country (the West Greenland minke whales): tested below
          origins = [certain];
        } else if (scope.kind === 'exclude') origins = row.distribution.filter((c) => !scope.codes.includes(c)).slice(0, 1);
        else if (scope.kind === 'complement') {
          const elsewhere = new Set(
            row.lines
              .filter((l) => l.appendix === scope.of)
              .flatMap((l) => {
                const s = readPopulations(l.short, countries).scope;
                return s.kind === 'include' ? [...s.codes, ...(s.partly ?? [])] : [];
              }),
          );
          origins = row.distribution.filter((c) => !elsewhere.has(c)).slice(0, 1);
        } else if (new Set(row.lines.map((l) => l.appendix)).size > 1)
          continue; // a split listing with no origin to tell it by
        // The whole taxon, or what a higher taxon lists (perhaps some populations only): some
        // country where it lives must get this Appendix.
        else origins = row.distribution.length ? row.distribution : [null];
        const got = origins.map((o) => catalog.taxon(taxon, ON, from(o))!.resolution);
        if (origins.length && !got.some((r) => r.listed && r.entry!.appendix === line.appendix)) {
          const r = got[0]!;
          wrong.push(`${row.name} from ${origins[0] ?? 'anywhere'}: file says ${line.appendix}, store gives ${r.listed ? r.entry!.appendix : 'not listed'}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  // Populations named by a region or a part of a country (Art. I(a): a population is a listing
  // unit). A specimen from a country that lies partly in the region may belong to either
  // population: the stricter entry applies, flagged for review, with the wording it read.
  it('Caracal caracal: Asian populations Appendix I, African ones Appendix II, Türkiye weighed both ways', async () => {
    const za = await check({ taxon: 'Caracal caracal', exporter: 'ZA', purpose: 'T', term: 'SKI' });
    expect(za).toMatchObject({ appendix: 'II', decision: 'needs-permit', reviewRequired: false });
    const pk = await check({ taxon: 'Caracal caracal', exporter: 'PK', purpose: 'T', term: 'SKI' });
    expect(pk).toMatchObject({ appendix: 'I', decision: 'deny' });
    const tr = await check({ taxon: 'Caracal caracal', exporter: 'TR', purpose: 'T', term: 'SKI' });
    expect(tr).toMatchObject({ appendix: 'I', reviewRequired: true });
    expect(tr.warnings.find((w: { code: string }) => w.code === 'POPULATION_PARTLY_LISTED').message).toMatch(/Only the population of Asia/);
  });

  it('the minke whale: the West Greenland stock is Appendix II, so a Greenland specimen is weighed and flagged', async () => {
    const gl = await check({ taxon: 'Balaenoptera acutorostrata', exporter: 'GL', importer: 'DK', purpose: 'T', term: 'MEA' });
    expect(gl).toMatchObject({ appendix: 'I', reviewRequired: true });
    const jp = await check({ taxon: 'Balaenoptera acutorostrata', exporter: 'KR', importer: 'CN', purpose: 'T', term: 'MEA' });
    expect(jp).toMatchObject({ appendix: 'I', decision: 'deny' });
  });

  it("the American crocodile: Cuba's population is Appendix II; only part of Colombia's is, so Colombia is weighed", async () => {
    const cu = await check({ taxon: 'Crocodylus acutus', exporter: 'CU', purpose: 'T', source: 'R', term: 'SKI' });
    expect(cu).toMatchObject({ appendix: 'II', reviewRequired: false });
    const co = await check({ taxon: 'Crocodylus acutus', exporter: 'CO', purpose: 'T', term: 'SKI' });
    expect(co).toMatchObject({ appendix: 'I', reviewRequired: true });
  });

  it('the jaguarundi: Central and North American populations Appendix I, South American ones Appendix II', async () => {
    expect(await check({ taxon: 'Puma yagouaroundi', exporter: 'MX', purpose: 'T', term: 'SKI' })).toMatchObject({ appendix: 'I', decision: 'deny' });
    expect(await check({ taxon: 'Puma yagouaroundi', exporter: 'BR', purpose: 'T', term: 'SKI' })).toMatchObject({ appendix: 'II', decision: 'needs-permit' });
  });

  it('the store exports what it imported as a valid cites-bundle/1 document', async () => {
    const exported = await t.store.exportBundle();
    const parsed = Bundle.safeParse(JSON.parse(JSON.stringify(exported)));
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
    expect(exported.taxa.find((x) => x.name === 'Loxodonta africana')).toMatchObject({
      externalId: '4521',
      author: '(Blumenbach, 1797)',
      parent: 'Loxodonta',
      synonyms: [{ name: 'Loxodonta cyclotis', author: '(Matschie, 1900)' }],
      commonNames: expect.arrayContaining([
        { lang: 'en', name: 'African Elephant' },
        { lang: 'en', name: 'African Savannah Elephant' },
      ]),
      distribution: expect.arrayContaining(['BW', 'KE', 'ZW']),
    });
  });

  it('re-importing the same file changes nothing and keeps the dataset version', async () => {
    const version = (await t.store.state()).version;
    const again = await runImport(t.store, 'index', file, { actor: 'test', asOf: AS_OF });
    expect(again.summary.changed).toBe(false);
    expect(again.summary.datasetVersion).toBe(version);
    expect(again.summary.unchanged.listings).toBe(report.summary.created.listings);
  }, 60_000);
});
