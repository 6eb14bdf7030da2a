/**
 * The readers behind the Checklist importers, on phrases as the 2017 Index writes them:
 * population texts, synonyms with authors, # annotations.
 */
import { describe, expect, it } from 'vitest';
import { exceptedTaxa } from '../../src/importers/excepted-taxa.js';
import { readHashAnnotation } from '../../src/importers/hash-annotations.js';
import { CountryNames, readPopulations } from '../../src/importers/populations.js';
import { parseSynonyms } from '../../src/importers/synonyms.js';

const countries = new CountryNames();
const scope = (text: string) => readPopulations(text, countries).scope;

describe('population texts', () => {
  it.each([
    ['Populations of BW, NA, ZA, ZW ', { kind: 'include', codes: ['BW', 'NA', 'ZA', 'ZW'] }],
    ['Popns of BT, CN, MN, MX. ', { kind: 'include', codes: ['BT', 'CN', 'MN', 'MX'] }],
    ['All populations except those of BW, NA, ZA, and ZW. ', { kind: 'exclude', codes: ['BW', 'NA', 'ZA', 'ZW'] }],
    ['All populations except those of US and MX. ', { kind: 'exclude', codes: ['US', 'MX'] }],
    ['Except the population of IN. ', { kind: 'exclude', codes: ['IN'] }],
    ['All populations except those included in Appendix II. ', { kind: 'complement', of: 'II' }],
    ['Population of Brazil', { kind: 'include', codes: ['BR'] }],
    ['Only the population of the Russian Federation. ', { kind: 'include', codes: ['RU'] }],
    ['Population of MX only (Populations of CA & US removed). ', { kind: 'include', codes: ['MX'] }],
    ['Population of AR; included in CROCODYLIA spp. ', { kind: 'include', codes: ['AR'] }],
    ['SZ and ZA populations only. For the exclusive purpose of allowing international trade in live animals', { kind: 'include', codes: ['SZ', 'ZA'] }],
    [
      'Population of: BW, EG (with a zero quota for wild specimenstraded for commercial purposes) ET, KE, MG, MW, MZ, NA, TZ(subject to an annual export quota of no more than 1,600 wildspecimens including hunting trophies, in addition to ranched specimens), UG, ZA, ZM, ZW. ',
      { kind: 'include', codes: ['BW', 'EG', 'ET', 'KE', 'MG', 'MW', 'MZ', 'NA', 'TZ', 'UG', 'ZA', 'ZM', 'ZW'] },
    ],
    [
      'Only the population of BZ, with a zero quota for wild specimens traded for commercial purposes, and the population of MX. ',
      { kind: 'include', codes: ['BZ', 'MX'] },
    ],
  ])('%s', (text, expected) => {
    expect(scope(text)).toEqual(expected);
  });

  it('reads a region as its countries, with the countries that lie only partly in it', () => {
    const asia = scope('Only the population of Asia. ');
    expect(asia).toMatchObject({ kind: 'include', text: 'Only the population of Asia', partly: expect.arrayContaining(['TR', 'RU', 'EG']) });
    expect((asia as { codes: string[] }).codes).toEqual(expect.arrayContaining(['IN', 'PK', 'IR', 'CN', 'TR']));
    expect((asia as { codes: string[] }).codes).not.toContain('ZA');
    expect(scope('Except Asian population')).toMatchObject({ kind: 'exclude', partly: expect.arrayContaining(['TR']) });
    expect(scope('All populations in the Americas. ')).toMatchObject({ kind: 'include', codes: expect.arrayContaining(['US', 'BR', 'CU']) });
    expect(scope('Neotropical populations. ')).toMatchObject({ kind: 'include', codes: expect.arrayContaining(['MX', 'BR']), partly: ['US'] });
    expect((scope('Neotropical populations. ') as { codes: string[] }).codes).not.toContain('CA');
  });

  it('reads a part of one country as that country, partly', () => {
    expect(scope('Population of West Greenland. ')).toEqual({ kind: 'include', codes: ['GL'], partly: ['GL'], text: 'Population of West Greenland' });
    expect(scope('Except stock of west Greenland.')).toEqual({ kind: 'exclude', codes: ['GL'], partly: ['GL'], text: 'Except stock of west Greenland' });
  });

  it.each(['Populations of the Andes. ', 'Only the population of the Sahel. '])('leaves "%s" as text: a region it does not know', (text) => {
    expect(scope(text)).toEqual({ kind: 'text' });
  });

  it.each([
    'All populations. ',
    'Except the species included in Appendix I. Zero annual export quota for live specimens from the Black Sea population of Tursiops truncatus',
    'Except <i>A. c. microdon</i> (populations of CM and NG) ',
    'Except the species included in Appendix&nbsp;I (<i>Catagonus wagneri</i>) and the populations of <i>Pecari tajacu</i> of Mexico and the United States of America, which are not included in the Appendices. ',
  ])('"%s" restricts no population of the taxon itself', (text) => expect(scope(text)).toEqual({ kind: 'whole' }));

  it('keeps what is only partly meant in the list, as partly', () => {
    expect(readPopulations('Parts of populations of AR and CL, and the populations of BO, PE and EC. ', countries)).toEqual({
      scope: {
        kind: 'include',
        codes: ['BO', 'PE', 'EC', 'AR', 'CL'],
        partly: ['AR', 'CL'],
        text: 'Parts of populations of AR and CL, and the populations of BO, PE and EC.',
      },
      partly: ['AR', 'CL'],
    });
  });
});

describe('synonyms with authors', () => {
  it('splits names from authors that hold commas themselves', () => {
    expect(
      parseSynonyms(
        'Pecari maximus van Roosmalen, Frenz, van Hooft, de Iongh & Leirs, 2007, Dicotyles tajacu (Linnaeus, 1758), Tayassu tajacu (Linnaeus, 1758)',
        'SPECIES',
      ),
    ).toEqual([
      { name: 'Pecari maximus', author: 'van Roosmalen, Frenz, van Hooft, de Iongh & Leirs, 2007' },
      { name: 'Dicotyles tajacu', author: '(Linnaeus, 1758)' },
      { name: 'Tayassu tajacu', author: '(Linnaeus, 1758)' },
    ]);
  });

  it('reads trinomials, ranks inside names and plant authors', () => {
    expect(
      parseSynonyms(
        'Morelia mackloti fusca (Duméril & Bibron, 1844), Dendrobates tinctorius var. quinquevittatus Steindachner, 1864, Cymbidium pendulum sensu S.Vidal',
        'SPECIES',
      ),
    ).toEqual([
      { name: 'Morelia mackloti fusca', author: '(Duméril & Bibron, 1844)' },
      { name: 'Dendrobates tinctorius var. quinquevittatus', author: 'Steindachner, 1864' },
      { name: 'Cymbidium pendulum', author: 'sensu S.Vidal' },
    ]);
  });

  it('reads genus synonyms', () => {
    expect(parseSynonyms('Chenorchis Z.J.Liu, K.W.Liu & L.J.Chen, Lacroixia Szlach., Chamaecereus', 'GENUS')).toEqual([
      { name: 'Chenorchis', author: 'Z.J.Liu, K.W.Liu & L.J.Chen' },
      { name: 'Lacroixia', author: 'Szlach.' },
      { name: 'Chamaecereus', author: null },
    ]);
  });
});

describe('# annotations', () => {
  const hash4 =
    'All parts and derivatives, except:<p> a) seeds (including seedpods of Orchidaceae), spores and pollen (including pollinia). The exemption does not apply to seeds from Cactaceae spp. exported from Mexico;<p> b) seedling or tissue cultures obtained in vitro, in solid or liquid media, transported in sterile containers;<p> c) cut flowers of artificially propagated plants;<p> d) fruits, and parts and derivatives thereof, of naturalized or artificially propagated plants of the genus <i>Vanilla</i> (Orchidaceae) and of the family Cactaceae;';

  it('#4 exempts seeds, in-vitro cultures and cut flowers of propagated plants (and their fruit, for orchids and cacti)', () => {
    expect(readHashAnnotation('#4', hash4, 'Orchidaceae')).toEqual({
      mapped: true,
      specimens: {
        except: [{ terms: ['SEE'] }, { terms: ['CUL', 'TIS'] }, { terms: ['FLO'], sources: ['A'] }, { terms: ['FRU'], sources: ['A'] }],
        otherwise: 'not-covered',
      },
      notExpressed: expect.any(String),
    });
    const aloe = readHashAnnotation('#4', hash4, 'Liliaceae');
    expect(aloe.mapped && aloe.specimens?.except).toHaveLength(3);
  });

  it('#5 and #6 cover timber only', () => {
    expect(readHashAnnotation('#5', 'Logs, sawn wood and veneer sheets ', 'Meliaceae')).toMatchObject({
      specimens: { only: [{ terms: ['LOG', 'SAW', 'VEN', 'TIM'] }], otherwise: 'not-covered' },
    });
    expect(readHashAnnotation('#6', 'Designates logs, sawn wood, veneer sheets and plywood ', 'Meliaceae')).toMatchObject({
      specimens: { only: [{ terms: ['LOG', 'SAW', 'VEN', 'PLY', 'TIM'] }] },
    });
  });

  it('a symbol whose text reads otherwise is not mapped (symbols are renumbered between CoPs)', () => {
    expect(readHashAnnotation('#5', 'Logs, wood-chips, powder and extracts', 'Leguminosae')).toEqual({ mapped: false });
    expect(readHashAnnotation('#9', 'All parts and derivatives except those bearing a label', 'Apocynaceae')).toEqual({ mapped: false });
  });
});

describe('taxa a listing excepts', () => {
  it.each([
    [
      'Excludes <i>Agapornis roseicollis, Melopsittacus undulatus, Nymphicus hollandicus, Psittacula krameri</i>. ',
      ['Agapornis roseicollis', 'Melopsittacus undulatus', 'Nymphicus hollandicus', 'Psittacula krameri'],
    ],
    ['Excludes <i>Caracara lutosa</i> and Cathartidae spp. ', ['Caracara lutosa', 'Cathartidae']],
    [
      'Except the species included in Appendix I and <i>Pereskia</i> spp., <i>Pereskiopsis</i> spp. and <i>Quiabentia</i> spp., which are excluded from the Appendices. Artificially propagated specimens of the following hybrids',
      ['Pereskia', 'Pereskiopsis', 'Quiabentia'],
    ],
    ['Except the species included in Appendix I. Specimens of the domesticated form are not subject to the provisions of the Convention.', []],
  ])('%s', (text, names) => {
    expect(exceptedTaxa([text], countries)).toEqual(names);
  });

  it('excepts only some populations when the text says so, and never the Appendix I species it names', () => {
    const tayassuidae =
      'Except the species included in Appendix&nbsp;I (<i>Catagonus wagneri</i>) and the populations of <i>Pecari tajacu</i> of Mexico and the United States of America, which are not included in the Appendices. ';
    expect(exceptedTaxa([tayassuidae], countries)).toEqual([{ taxon: 'Pecari tajacu', populations: { include: ['MX', 'US'] } }]);
  });
});
