import { SqliteStore } from '../src/store/sqlite/store.ts';
import { createEngine } from '../src/engine/index.ts';
const store = SqliteStore.open('/tmp/idx.db');
const times: number[] = []; const snaps: number[] = [];
for (let i = 0; i < 5; i++) { let t0 = performance.now(); const snap = store.snapshot(); snaps.push(performance.now() - t0); t0 = performance.now(); createEngine(snap); times.push(performance.now() - t0); }
console.log('snapshot', snaps.map(Math.round), 'createEngine', times.map(Math.round));
