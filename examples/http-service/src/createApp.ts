import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createOrgRepositories,
  findMatchingPartners,
  getLeadStats,
  matchLeadToPartner,
  searchLeads,
  ValidationError,
  type OrgDb,
  type SortKey,
} from '@org/queries';
import { errorResponse } from './httpStatus.ts';

type Handler = (params: Record<string, string>, query: URLSearchParams, body: unknown) => Promise<[number, unknown]>;

const LEAD_SORTS = ['createdAt', 'debtAmount', 'name', 'state', 'status'] as const;

function parseSort(value: string | null): SortKey<(typeof LEAD_SORTS)[number]>[] | undefined {
  if (!value) return undefined;
  // `debtAmount:desc,createdAt:asc` — names and directions are checked against the repository's allow-list.
  return value.split(',').map((part) => {
    const [field, direction = 'asc'] = part.split(':');
    return [field, direction] as unknown as SortKey<(typeof LEAD_SORTS)[number]>;
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new ValidationError('request body larger than 1 MB');
    chunks.push(chunk as Buffer);
  }
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ValidationError('request body is not JSON');
  }
}

/**
 * The service's request handler over a database: leads with keyset paging, search, soft delete,
 * partner matching, and stats. Everything goes through @org/queries' public API.
 */
export function createApp(db: OrgDb) {
  const repos = createOrgRepositories(db);
  const routes: [string, RegExp, Handler][] = [
    ['GET', /^\/health$/, async () => [200, { ok: true }]],
    [
      'GET',
      /^\/leads$/,
      async (_, q) => {
        const where = { ...(q.get('state') ? { state: q.get('state')! } : {}), ...(q.get('status') ? { status: q.get('status') as never } : {}) };
        const page = await repos.leads.paginate({
          where,
          sort: parseSort(q.get('sort')),
          limit: q.get('limit') ? Number(q.get('limit')) : 20,
          ...(q.get('after') ? { after: q.get('after')! } : {}),
          ...(q.get('before') ? { before: q.get('before')! } : {}),
        });
        return [200, page];
      },
    ],
    ['GET', /^\/leads\/search$/, async (_, q) => [200, { hits: await searchLeads(db, q.get('q') ?? '', { limit: 20 }) }]],
    ['GET', /^\/leads\/stats$/, async (_, q) => [200, await getLeadStats(db, new Date(q.get('since') ?? Date.now() - 30 * 86_400_000))]],
    ['POST', /^\/leads$/, async (_, __, body) => [201, await repos.leads.create(body as never)]],
    ['GET', /^\/leads\/(?<id>[0-9a-f-]{36})$/, async ({ id }) => [200, await repos.leads.getById(id!)]],
    ['DELETE', /^\/leads\/(?<id>[0-9a-f-]{36})$/, async ({ id }) => [200, await repos.leads.softDelete(id!)]],
    ['POST', /^\/leads\/(?<id>[0-9a-f-]{36})\/restore$/, async ({ id }) => [200, await repos.leads.restore(id!)]],
    ['GET', /^\/leads\/(?<id>[0-9a-f-]{36})\/partners$/, async ({ id }) => [200, { partners: await findMatchingPartners(db, id!) }]],
    [
      'POST',
      /^\/leads\/(?<id>[0-9a-f-]{36})\/match$/,
      async ({ id }) => {
        const match = await matchLeadToPartner(db, id!);
        return match ? [200, match] : [404, { error: { code: 'NO_MATCH', message: 'no partner fits this lead' } }];
      },
    ],
  ];

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let status = 404;
    let payload: unknown = { error: { code: 'NOT_FOUND', message: 'no such route' } };
    try {
      for (const [method, pattern, handler] of routes) {
        const match = req.method === method ? pattern.exec(url.pathname) : null;
        if (match) {
          const body = method === 'POST' ? await readJson(req) : undefined;
          [status, payload] = await handler(match.groups ?? {}, url.searchParams, body);
          break;
        }
      }
    } catch (error) {
      ({ status, body: payload } = errorResponse(error) as { status: number; body: unknown });
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  };
}
