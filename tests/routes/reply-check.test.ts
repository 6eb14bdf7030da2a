/**
 * The reply check the test suite runs on every app (CHECK_REPLIES): a reply that drifts from
 * the schema its route documents must fail loudly, whether it goes through the serialiser
 * (objects) or is sent as JSON text (trade checks, stored decisions).
 */
import Fastify from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkTextReplies, replySerializer } from '../../src/http/reply-check.js';
import { testApp, type TestApp } from '../helpers/app.js';

const Party = z.object({ code: z.string().length(2), name: z.string() });

async function appWith(checked: boolean) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(replySerializer(checked));
  if (checked) checkTextReplies(app);
  const schema = { response: { 200: Party } };
  app.get('/object/good', { schema }, async () => ({ code: 'NA', name: 'Namibia' }));
  app.get('/object/bad', { schema }, async () => ({ code: 'Namibia', name: 'Namibia' }));
  app.get('/text/bad', { schema }, async (_req, reply) => reply.type('application/json').send('{"code":"NA"}'));
  await app.ready();
  return app;
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('replies are checked against their documented schemas', () => {
  it('passes a conforming reply and fails one that is not what the schema says, naming the field', async () => {
    const app = await appWith(true);
    expect((await app.inject('/object/good')).json()).toEqual({ code: 'NA', name: 'Namibia' });
    const bad = await app.inject('/object/bad');
    expect(bad.statusCode).toBe(500);
    const text = await app.inject('/text/bad');
    expect(text.statusCode).toBe(500);
    await app.close();
  });

  it('is off unless configured: production replies are not parsed again', async () => {
    const app = await appWith(false);
    expect((await app.inject('/object/bad')).statusCode).toBe(200);
    await app.close();
  });

  it('is on in every test app: a real trade check and a stored decision pass it', async () => {
    t = await testApp();
    const check = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { taxon: 'Loxodonta africana', exporter: 'BW', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO' },
    });
    expect(check.statusCode).toBe(200);
    const stored = await t.app.inject(`/v1/decisions/${check.json().decisionId}`);
    expect(stored.statusCode).toBe(200);
  });
});
