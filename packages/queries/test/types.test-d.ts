import type { Campaign, Conversation, Lead, NewLead, Partner, Project, ScrapingResult, User } from '@org/schema';
import { conversations, leads, messages, scrapingJobs, users } from '@org/schema';
import { eq } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type DatabaseTracer,
  createDatabase,
  createOrgRepositories,
  createRepository,
  getConfig,
  getLeadStats,
  type getProjectWithLatestConversation,
  isDataLayerError,
  transaction,
  UniqueViolationError,
  type ConfigValue,
  type DataLayerErrorCode,
  type Filter,
  type KeysetPage,
  type LeadStats,
  type OrgDb,
} from '../src/index.ts';

declare const db: OrgDb;
const repos = createOrgRepositories(db);

describe('repository types', () => {
  it('names cardinality in the return type', () => {
    expectTypeOf(repos.leads.findById).returns.toEqualTypeOf<Promise<Lead | undefined>>();
    expectTypeOf(repos.leads.getById).returns.toEqualTypeOf<Promise<Lead>>();
    expectTypeOf(repos.leads.findMany).returns.toEqualTypeOf<Promise<Lead[]>>();
    expectTypeOf(repos.leads.paginate).returns.toEqualTypeOf<Promise<KeysetPage<Lead>>>();
    expectTypeOf(repos.leads.create).parameter(0).toEqualTypeOf<NewLead>();
  });

  it('types filters by column and rejects unknown columns and wrong values', () => {
    expectTypeOf<{ state: { in: ['CA'] }; partnerId: null }>().toMatchTypeOf<Filter<typeof leads>>();
    // @ts-expect-error leads have no column named color
    void repos.leads.findMany({ where: { color: 'red' } });
    // @ts-expect-error status is a union of lead statuses
    void repos.leads.findMany({ where: { status: 'bogus' } });
    // @ts-expect-error debtAmount is a decimal string
    void repos.leads.findMany({ where: { debtAmount: { gte: 10 } } });
    // @ts-expect-error sort keys are column names
    void repos.leads.findMany({ orderBy: [['nope', 'asc']] });
    // @ts-expect-error the direction is asc or desc
    void repos.leads.findMany({ orderBy: [['createdAt', 'up']] });
  });

  it('infers relational reads, including nested with and column selection', () => {
    const read = repos.leads.findFirstWith({ where: eq(leads.id, 'x'), with: { partner: true, events: { columns: { eventType: true } } } });
    type Read = NonNullable<Awaited<typeof read>>;
    expectTypeOf<Read['partner']>().toEqualTypeOf<Partner | null>();
    expectTypeOf<Read['events']>().toEqualTypeOf<{ eventType: string }[]>();
    expectTypeOf<Read['email']>().toEqualTypeOf<string>();
    const user = repos.users.findFirstWith({ where: eq(users.id, 'x'), with: { projects: true } }, { withDeleted: true });
    expectTypeOf<NonNullable<Awaited<typeof user>>['projects']>().toEqualTypeOf<Project[]>();
    const byId = repos.users.findByIdWith('x', { with: { projects: { columns: { name: true } } } });
    expectTypeOf<NonNullable<Awaited<typeof byId>>['projects']>().toEqualTypeOf<{ name: string }[]>();
    // @ts-expect-error leads have no relation named owner
    void repos.leads.findManyWith({ with: { owner: true } });
  });

  it('types a one-relation to a soft-deletable table as nullable, at every depth', () => {
    // user_id is NOT NULL, so drizzle alone says User; a soft-deleted user reads as null.
    // campaign_id is nullable (#13), so drizzle already says Campaign | null.
    const job = repos.scrapingJobs.findFirstWith({ where: eq(scrapingJobs.id, 'x'), with: { user: true, campaign: true, results: true } });
    type Job = NonNullable<Awaited<typeof job>>;
    expectTypeOf<Job['user']>().toEqualTypeOf<User | null>();
    expectTypeOf<Job['campaign']>().toEqualTypeOf<Campaign | null>();
    expectTypeOf<Job['results']>().toEqualTypeOf<ScrapingResult[]>();
    // A one-relation to a table without deletedAt keeps drizzle's non-null type.
    const message = repos.messages.findFirstWith({ where: eq(messages.id, 'x'), with: { conversation: true } });
    expectTypeOf<NonNullable<Awaited<typeof message>>['conversation']>().toEqualTypeOf<Conversation>();
    // Nested: conversation → project (soft-deletable) → user (soft-deletable), with a column selection.
    const nested = repos.conversations.findManyWith({
      where: eq(conversations.id, 'x'),
      with: { project: { columns: { name: true }, with: { user: { columns: { email: true } } } } },
    });
    type Nested = Awaited<typeof nested>[number];
    expectTypeOf<Nested['project']>().toEqualTypeOf<{ name: string; user: { email: string } | null } | null>();
    // Through a many relation, and on the prepared read by id.
    const byId = repos.users.findByIdWith('x', { with: { projects: { with: { user: true } } } });
    expectTypeOf<NonNullable<Awaited<typeof byId>>['projects'][number]['user']>().toEqualTypeOf<User | null>();
  });

  it('does not compile a field read through a soft-deletable one-relation without a null check', async () => {
    const job = await repos.scrapingJobs.findFirstWith({ where: eq(scrapingJobs.id, 'x'), with: { campaign: true } });
    if (!job) return;
    // @ts-expect-error the campaign may be soft-deleted, so it is possibly null
    void job.campaign.name;
    expectTypeOf(job.campaign?.name).toEqualTypeOf<string | undefined>();
    if (job.campaign) expectTypeOf(job.campaign.name).toEqualTypeOf<string>();
    const byId = await repos.conversations.findByIdWith('x', { with: { project: { with: { user: true } } } });
    // @ts-expect-error the project may be soft-deleted
    void byId?.project.user;
    // @ts-expect-error the project's user may be soft-deleted
    void byId?.project?.user.email;
  });

  it('works on a consumer table with only the table known', () => {
    const repo = createRepository(db, users, { sortable: ['email'] });
    expectTypeOf(repo.findOneBy).toBeFunction();
    expectTypeOf<Awaited<ReturnType<typeof repo.findOneBy<'email'>>>>().toEqualTypeOf<User | undefined>();
  });
});

describe('domain and error types', () => {
  it('pins domain results', () => {
    expectTypeOf(getLeadStats).returns.toEqualTypeOf<Promise<LeadStats>>();
    type WithConversation = NonNullable<Awaited<ReturnType<typeof getProjectWithLatestConversation>>>;
    expectTypeOf<WithConversation['conversations'][number]['messages'][number]['role']>().toEqualTypeOf<'system' | 'user' | 'assistant'>();
    expectTypeOf(getConfig).returns.resolves.toMatchTypeOf<ConfigValue>();
  });

  it("transactions return the callback's type; errors narrow by class and code", () => {
    expectTypeOf(transaction(db, async () => 42)).toEqualTypeOf<Promise<number>>();
    const e: unknown = null;
    if (isDataLayerError(e, UniqueViolationError)) {
      expectTypeOf(e.constraint).toEqualTypeOf<string | undefined>();
      expectTypeOf(e.code).toEqualTypeOf<DataLayerErrorCode>();
    }
  });
});

describe('filter operators follow the column type', () => {
  it('offers like on text, containment on JSON, and/or lists, and refuses the rest', () => {
    const text: Filter<typeof leads> = { name: { ilike: '%a%' }, and: [{ state: 'CA' }, { state: { ne: 'TX' } }] };
    const json: Filter<typeof users> = { metadata: { contains: { lastDevice: 'ios' } } };
    // @ts-expect-error like is a text operator; createdAt is a timestamp
    const onTimestamp: Filter<typeof leads> = { createdAt: { like: '2026%' } };
    // @ts-expect-error a JSON column is filtered with contains/isNull, never compared as a literal
    const jsonLiteral: Filter<typeof users> = { metadata: { lastDevice: 'ios' } };
    expectTypeOf(text).toEqualTypeOf<Filter<typeof leads>>();
    void [json, onTimestamp, jsonLiteral];
  });
});

describe("createDatabase with a consumer's schema", () => {
  it('types db.query from the given schema, and @org tables are not there', () => {
    const notes = pgTable('notes', { id: uuid('id').primaryKey().defaultRandom(), body: text('body').notNull() });
    const database = createDatabase({ schema: { notes }, pglite: true });
    expectTypeOf<Awaited<ReturnType<typeof database.db.query.notes.findFirst>>>().toEqualTypeOf<{ id: string; body: string } | undefined>();
    // @ts-expect-error only the given schema's tables are queryable
    void database.db.query.users;
    const org = createDatabase({ url: 'postgres://localhost/app' });
    expectTypeOf<Awaited<ReturnType<typeof org.db.query.users.findFirst>>>().toEqualTypeOf<User | undefined>();
    // Compiles under exactOptionalPropertyTypes: an unset variable is refused at run time, not silently embedded.
    void createDatabase({ url: process.env.DATABASE_URL });
  });
});

describe('tracing', () => {
  it("takes any tracer with startSpan/startActiveSpan (OpenTelemetry's Tracer has both)", () => {
    const tracer: DatabaseTracer = {
      startSpan: () => ({ setAttribute: () => undefined, setStatus: () => undefined, end: () => undefined }),
      startActiveSpan: (_name, _options, fn) => fn({ setAttribute: () => undefined, setStatus: () => undefined, end: () => undefined }),
    };
    void createDatabase({ pglite: true, tracer });
    // @ts-expect-error a tracer needs both methods
    void createDatabase({ pglite: true, tracer: { startSpan: tracer.startSpan } });
  });
});
