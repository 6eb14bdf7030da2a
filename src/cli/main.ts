/**
 * The command-line tool for permit officers and scripts:
 *   check · import · export · keys · serve   (`cites-check help` for the flags)
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { loadDotEnv } from '../env-file.js';
import { createEngine } from '@cites-permit-check/engine';
import { IMPORT_KINDS } from '../importers/index.js';
import { loadDefaultDataset } from '../seed/index.js';
import { openStore as openConfiguredStore } from '../store/open.js';
import type { CitesStore } from '../store/types.js';
import { EXIT, runCheck } from './check.js';
import { runImportCommand } from './import.js';
import { runKeys } from './keys.js';
import { runSyncCommand } from './sync.js';
import { consoleOutput, type Output } from './output.js';

const HELP = `cites-check <command> [options]

  check   --taxon <name> --exporter <ISO2> --importer <ISO2> --purpose <code> --source <code>
          [--term <code>] [--quantity <n>] [--unit <code>] [--origin <ISO2>] [--date YYYY-MM-DD]
          or --file trades.csv|trades.json [--out results.csv|results.json]
          decide with: the local store (default, DATABASE_PATH), --snapshot snapshot.json,
          or --server http://host:3000 [--key <api key>]; --json for machine output
          exit: 0 decided (none denied), 10 some denied, 3 some items invalid, 2 usage
  import  <kind> <file> [--as-of YYYY-MM-DD] [--mode merge|replace]
          kinds: ${IMPORT_KINDS.join(', ')} (plain or .gz); exit 1 and every bad line when invalid
  sync    [--dry-run] [--file cites_eu_<lang>.ndjson.gz] [--as-of YYYY-MM-DD] [--json]
          bring the store up to date with Species+ (a bulk download, or the API with
          SPECIES_PLUS_TOKEN), printing what changes; --dry-run writes nothing
  export  [--out bundle.json]   the whole store as a cites-bundle/1 document
  keys    create --role <reader|customs|officer|admin> --name <name> | list | revoke <id>
  serve   start the API (same as npm start)`;

const TRADE_FLAGS = ['taxon', 'taxonId', 'exporter', 'importer', 'origin', 'purpose', 'source', 'term', 'quantity', 'unit', 'date'];

async function openStore(): Promise<CitesStore> {
  const config = loadConfig();
  const store = await openConfiguredStore(config);
  if (config.SEED === 'builtin' && (await store.isEmpty())) await loadDefaultDataset(store);
  return store;
}

export async function main(argv: string[], out: Output = consoleOutput()): Promise<number> {
  loadDotEnv();
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': {
        const stringOption = { type: 'string' } as const;
        const options: Record<string, { type: 'string' } | { type: 'boolean' }> = { json: { type: 'boolean' } };
        for (const f of [...TRADE_FLAGS, 'file', 'out', 'snapshot', 'server', 'key']) options[f] = stringOption;
        const { values } = parseArgs({ args: rest, options });
        const v = values as Record<string, string | boolean | undefined>;
        const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
        let store: CitesStore | null = null;
        try {
          return await runCheck(
            {
              file: str('file'),
              out: str('out'),
              json: v.json === true,
              snapshot: str('snapshot'),
              server: str('server'),
              key: str('key'),
              flags: Object.fromEntries(TRADE_FLAGS.map((k) => [k, str(k)])),
            },
            async () => {
              store = await openStore();
              return createEngine(await store.snapshot());
            },
            out,
          );
        } finally {
          await (store as CitesStore | null)?.close();
        }
      }
      case 'import':
        return await runImportCommand(rest, openStore, out);
      case 'sync':
        return await runSyncCommand(rest, loadConfig(), openStore, out);
      case 'export': {
        const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
        const store = await openStore();
        const text = JSON.stringify(await store.exportBundle());
        await store.close();
        if (values.out) writeFileSync(values.out, text);
        else out.line(text);
        return EXIT.ok;
      }
      case 'keys': {
        const store = await openStore();
        try {
          return await runKeys(rest, store, out.line);
        } finally {
          await store.close();
        }
      }
      case 'serve': {
        const { start, StartError } = await import('../server.js');
        try {
          await start(loadConfig());
        } catch (e) {
          if (!(e instanceof StartError)) throw e;
          out.error(e.message);
          return EXIT.usage;
        }
        return await new Promise<number>(() => undefined); // runs until a signal stops it
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.line(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        out.error(`unknown command "${command}"\n\n${HELP}`);
        return EXIT.usage;
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      out.error(`${(e as Error).message}\n\n${HELP}`);
      return EXIT.usage;
    }
    out.error(`error: ${(e as Error).message}`);
    return EXIT.failure;
  }
}
