/**
 * The real CITES files the importer tests read (never copied into the repository): they
 * live in ../shared/data beside the checkout. Without them a suite is skipped with a
 * message saying so, except in CI (CI=true), where missing data is a failure.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export const DATA = {
  index: 'checklist_index_2017/Index_of_CITES_Species_2017-04-21.csv.gz',
  parties: 'parties/CITES_Parties_chronological_2017-10-19.csv',
  reservations: 'sapi_current/reservations.csv',
  quotas: 'sapi_current/quotas.csv',
  suspensions: 'sapi_current/exemptions.csv',
} as const;

export const dataFile = (name: keyof typeof DATA): string => SHARED_DATA + DATA[name];

/** `describe`, when the shared data files it reads are there (see the module comment). */
export function describeWithData(title: string, needs: readonly (keyof typeof DATA)[], body: () => void): void {
  const missing = needs.filter((n) => !existsSync(dataFile(n))).map((n) => dataFile(n));
  if (missing.length === 0) {
    describe(title, body);
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it('has the shared CITES data files it needs', () => {
        throw new Error(`missing test data (required when CI=true): ${missing.join(', ')}`);
      });
    });
  } else {
    describe.skip(`${title} — SKIPPED: test data not found (${missing.join(', ')}); put the shared CITES files in ${SHARED_DATA}`, body);
  }
}
