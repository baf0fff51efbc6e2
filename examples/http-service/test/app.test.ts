import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OrgDb } from '@org/queries';
import { orgTest } from '@org/testing/vitest';
import { describe, expect } from 'vitest';
import { createApp } from '../src/createApp.ts';

// Each test gets the app over its own rolled-back database and a real HTTP server on a free port.
const test = orgTest.extend<{ api: (path: string, init?: RequestInit) => Promise<{ status: number; body: any }> }>({
  api: async ({ db }, use) => {
    const server: Server = createServer(createApp(db as unknown as OrgDb));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await use(async (path, init) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, init);
      return { status: res.status, body: await res.json() };
    });
    await new Promise((resolve) => server.close(resolve));
  },
});

const newLead = { name: 'Ada Lovelace', email: 'ada@example.test', phone: '5555551234', state: 'CA', debtAmount: '25000.00' };
const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('leads API', () => {
  test('creates, reads, pages, soft-deletes and restores a lead', async ({ api, factories }) => {
    await factories.leads.createList(5);
    const created = await api('/leads', post(newLead));
    expect(created.status).toBe(201);
    expect((await api(`/leads/${created.body.id}`)).body.email).toBe('ada@example.test');

    const first = await api('/leads?limit=4&sort=debtAmount:desc');
    expect(first.body.items).toHaveLength(4);
    const second = await api(`/leads?limit=4&sort=debtAmount:desc&after=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items).toHaveLength(2);

    expect((await api(`/leads/${created.body.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/leads/${created.body.id}`)).status).toBe(404);
    expect((await api(`/leads/${created.body.id}/restore`, { method: 'POST' })).status).toBe(200);
    expect((await api(`/leads/${created.body.id}`)).status).toBe(200);
  });

  test('bad input gets a typed 400 that names fields, not values', async ({ api }) => {
    const bad = await api('/leads', post({ ...newLead, state: 'CAL', email: 'secret-value-not-an-email' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect(bad.body.error.issues.map((i: { path: string[] }) => i.path.join('.')).sort()).toEqual(['email', 'state']);
    expect(JSON.stringify(bad.body)).not.toContain('secret-value');
    expect((await api('/leads?sort=email";drop table leads;--:asc')).body.error.code).toBe('VALIDATION');
    expect((await api('/leads?after=forged')).body.error.code).toBe('INVALID_CURSOR');
    expect((await api('/leads?limit=1000')).status).toBe(400);
    expect((await api('/leads', { method: 'POST', body: '{not json' })).status).toBe(400);
  });

  test('matches a lead to the best partner and reports stats and search', async ({ api, factories }) => {
    const partner = await factories.partners.create({ statesLicensed: ['CA'], minDebtAmount: '1000', maxDebtAmount: null, acceptanceRate: '80' });
    const lead = (await api('/leads', post(newLead))).body;
    expect((await api(`/leads/${lead.id}/partners`)).body.partners.map((p: { id: string }) => p.id)).toEqual([partner.id]);
    const match = await api(`/leads/${lead.id}/match`, post({}));
    expect(match.body.lead.partnerId).toBe(partner.id);
    expect((await api('/leads/stats')).body).toMatchObject({ totalLeads: 1, states: ['CA'] });
    expect((await api('/leads/search?q=lovelace')).body.hits).toHaveLength(1);
    expect((await api('/nope')).status).toBe(404);
  });
});
