/** Issue 4, kind `parties`: the CITES chronological list of Parties, through POST /v1/imports. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, keyFor, testApp, type TestApp } from '../helpers/app.js';
import { dataFile, describeWithData } from './shared-data.js';

describeWithData('the CITES list of Parties (2017-10-19)', ['parties'], () => {
  let t: TestApp;
  let officer: string;
  const file = () => readFileSync(dataFile('parties'));
  const post = (payload: Buffer | string) =>
    t.app.inject({ method: 'POST', url: '/v1/imports?kind=parties', headers: { ...bearer(officer), 'content-type': 'text/csv' }, payload });

  beforeAll(async () => {
    t = await testApp({ data: 'empty' });
    officer = await keyFor(t, 'officer');
  });
  afterAll(() => t?.close());

  it('imports 182 States and the European Union with their dates of entry into force', async () => {
    const res = await post(file());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summary.created).toEqual({ parties: 183 });
    const parties = (await t.app.inject('/v1/parties')).json();
    const list = Array.isArray(parties) ? parties : parties.items;
    const byCode = new Map(list.map((p: { code: string }) => [p.code, p]));
    expect(byCode.get('US')).toMatchObject({ entryIntoForce: '1975-07-01' });
    expect(byCode.get('EU')).toMatchObject({ entryIntoForce: '2015-07-08' });
    // A successor State is bound from independence, before its notification of succession.
    expect(byCode.get('BZ')).toMatchObject({ entryIntoForce: '1981-09-21' });
    expect(byCode.get('TO')).toMatchObject({ entryIntoForce: '2016-10-20' });
  });

  it('importing it again changes nothing', async () => {
    expect((await post(file())).json().summary.changed).toBe(false);
  });

  it('rejects a list with a bad date or code, naming each line, and keeps the Parties as they were', async () => {
    const lines = file().toString('utf8').split(/\r?\n/);
    lines[2] = lines[2]!.replace('9/5/1974', '31/4/1974');
    lines[3] = lines[3]!.replace(',CH,', ',XY,');
    const res = await post(lines.join('\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { detail: string }) => e.detail)).toEqual([
      'line 3, column date_of_joining: "31/4/1974" is not a date written D/M/YYYY',
      'line 4, column ISO: "XY" is not an ISO 3166 country code (or EU)',
    ]);
    expect(await t.store.parties()).toHaveLength(183);
  });
});
