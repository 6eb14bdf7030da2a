import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { SqliteStore } from '../src/store/sqlite/store.ts';
import { TRADE_MIX } from './mix.ts';
import { copyFileSync } from 'node:fs';
copyFileSync('bench/.cache/checklist-2017.db', '/tmp/hb/b.db');
const store = SqliteStore.open('/tmp/hb/b.db');
const app = await buildApp({ config: loadConfig({ RATE_LIMIT_PER_MINUTE: '100000000', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '100000000' }), store });
await app.ready();
const payload = JSON.stringify({ items: Array.from({ length: 10000 }, (_, i) => TRADE_MIX[i % TRADE_MIX.length]) });
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  const res = await app.inject({ method: 'POST', url: '/v1/trade-checks/batch', payload, headers: { 'content-type': 'application/json' } });
  console.log(res.statusCode, Math.round(performance.now() - t0), 'ms', res.body.length);
}
await app.close();
