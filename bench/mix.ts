/**
 * The request mix every benchmark uses: what customs meet, over the real Checklist —
 * Appendix I, II and III, not listed, synonyms, common names, split listings, odd spacing.
 */
export const TRADE_MIX = [
  { taxon: 'Panthera tigris', exporter: 'IN', importer: 'DE', purpose: 'S', source: 'W', term: 'SPE' },
  { taxon: 'Amazona aestiva', exporter: 'AR', importer: 'DE', purpose: 'T', source: 'W', term: 'LIV', quantity: 10 },
  { taxon: 'Odobenus rosmarus', exporter: 'US', importer: 'DE', purpose: 'T', source: 'W', term: 'IVC' },
  { taxon: 'Melopsittacus undulatus', exporter: 'AU', importer: 'DE', purpose: 'T', source: 'C', term: 'LIV', quantity: 50 },
  { taxon: 'Loxodonta cyclotis', exporter: 'CM', importer: 'CN', purpose: 'T', source: 'W', term: 'IVC' },
  { taxon: 'Loxodonta africana', exporter: 'BW', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', quantity: 1 },
  { taxon: 'Loxodonta africana', exporter: 'KE', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', quantity: 1 },
  { taxon: 'african elephant', exporter: 'ZW', importer: 'US', purpose: 'T', source: 'W', term: 'SKI' },
  { taxon: 'Python reticulatus', exporter: 'MY', importer: 'IT', purpose: 'T', source: 'W', term: 'SKI', quantity: 200 },
  { taxon: 'Crocodylus niloticus', exporter: 'ZA', importer: 'FR', purpose: 'T', source: 'R', term: 'LPS', quantity: 30 },
  { taxon: 'Phalaenopsis amabilis', exporter: 'TW', importer: 'NL', purpose: 'T', source: 'A', term: 'LIV', quantity: 500 },
  { taxon: 'Acipenser baerii', exporter: 'CN', importer: 'FR', purpose: 'T', source: 'C', term: 'CAV', quantity: 12, unit: 'KIL' },
  { taxon: 'Psittacus erithacus', exporter: 'CM', importer: 'AE', purpose: 'T', source: 'W', term: 'LIV' },
  { taxon: 'Hippocampus kuda', exporter: 'TH', importer: 'HK', purpose: 'T', source: 'W', term: 'BOD', quantity: 1000 },
  { taxon: 'Swietenia macrophylla', exporter: 'PE', importer: 'US', purpose: 'T', source: 'W', term: 'SAW', quantity: 40, unit: 'CUM' },
  { taxon: '  Ara   MACAO ', exporter: 'ZA', importer: 'DE', purpose: 'T', source: 'D', term: 'LIV', quantity: 2 },
] as const;
