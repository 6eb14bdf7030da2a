/**
 * An upload over a real socket: a small file is imported every time (the request's own
 * 'close' event, which fires once its body is read, once passed for a hang-up and cancelled
 * small imports at random), and a client that hangs up while its file is being read gets
 * nothing imported.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { bearer, keyFor, testApp, type TestApp } from '../helpers/app.js';
import { dataFile, describeWithData } from '../importers/shared-data.js';

const PARTIES_CSV = 'Country,ISO,Region,Type,date_of_joining,entry_into_force\nKenya,KE,Africa,Ratification,13/12/1978,14/03/1979\n';

let t: TestApp;
afterEach(async () => t?.close());

const logged: { msg: string; status?: number }[] = [];
const logStream = new Writable({
  write(chunk, _enc, cb) {
    for (const line of String(chunk).trim().split('\n')) logged.push(JSON.parse(line));
    cb();
  },
});

async function listening(): Promise<{ url: string; key: string }> {
  t = await testApp({ data: 'seed', logger: { level: 'info', stream: logStream } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`, key: await keyFor(t, 'officer') };
}

describeWithData('imports over a real socket', ['index'], () => {
  it('imports a one-line CSV file every time it is sent (20 uploads, 20 answers 200)', async () => {
    const { url, key } = await listening();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${url}/v1/imports?kind=parties`, { method: 'POST', headers: { ...bearer(key), 'content-type': 'text/csv' }, body: PARTIES_CSV });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(20).fill(200));
  });

  it('imports nothing when the client hangs up after sending the whole Checklist Index', async () => {
    const { url, key } = await listening();
    const before = (await t.store.state()).version;
    const taxa = t.store.sqlite.prepare('SELECT count(*) FROM taxa').pluck().get();
    const file = readFileSync(dataFile('index'));
    await new Promise<void>((resolve) => {
      const req = request(`${url}/v1/imports?kind=index&asOf=2017-04-21`, {
        method: 'POST',
        headers: { ...bearer(key), 'content-type': 'application/gzip', 'content-length': file.length },
      });
      req.on('error', () => resolve());
      // The whole file is sent, then the connection is dropped while the server reads it.
      req.end(file, () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50),
      );
    });
    // The server notices, stops, and writes nothing: wait for its log line saying so.
    const until = Date.now() + 25_000;
    while (!logged.some((l) => l.msg.startsWith('import cancelled')) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(logged.map((l) => l.msg)).toContain('import cancelled: the client disconnected');
    expect((await t.store.state()).version).toBe(before);
    expect(t.store.sqlite.prepare('SELECT count(*) FROM taxa').pluck().get()).toBe(taxa);
  }, 30_000);
});
