import { campaigns, conversations, messages, scrapingJobs } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { eq, getTableColumns } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { createOrgRepositories } from '../src/index.ts';

// Every shape a `columns` config can take on a one-relation: each column absent, true, false or undefined.
const campaignColumns = Object.keys(getTableColumns(campaigns));
const columnsConfig = fc.record(Object.fromEntries(campaignColumns.map((key) => [key, fc.constantFrom(true, false, undefined)])), {
  requiredKeys: [],
}) as fc.Arbitrary<Record<string, boolean | undefined>>;

describe('soft delete of one-relations under any columns config', () => {
  test('a soft-deleted related row is null and a live one is exactly what drizzle selects, for every columns config', async ({ db, factories }) => {
    const repos = createOrgRepositories(db);
    const user = await factories.users.create();
    const [live, dead] = await factories.campaigns.createList(2, { userId: user.id });
    const liveJob = await factories.scrapingJobs.create({ userId: user.id, campaignId: live!.id });
    const deadJob = await factories.scrapingJobs.create({ userId: user.id, campaignId: dead!.id });
    await repos.campaigns.softDelete(dead!.id);

    await fc.assert(
      fc.asyncProperty(columnsConfig, async (columns) => {
        const config = { with: { campaign: { columns } } };
        // The oracle: drizzle's own read with the same config and no scope. drizzle refuses a relation
        // with no columns selected ("No fields selected"); scoped, deletedAt is selected, so it reads as {}.
        let unscoped: unknown = {};
        try {
          unscoped = (await db.query.scrapingJobs.findFirst({ ...config, where: eq(scrapingJobs.id, liveJob.id) }))!.campaign;
        } catch (error) {
          if (!/No fields selected/.test(String(error))) throw error;
        }
        // Configs with undefined entries are outside drizzle's types (exactOptionalPropertyTypes) but legal at run time.
        const campaignOf = (row: unknown) => (row as { campaign?: unknown } | undefined)?.campaign;
        const reads = async (id: string) => [
          campaignOf(await repos.scrapingJobs.findFirstWith({ ...config, where: eq(scrapingJobs.id, id) } as never)),
          campaignOf((await repos.scrapingJobs.findManyWith({ ...config, where: eq(scrapingJobs.id, id) } as never))[0]),
          campaignOf(await repos.scrapingJobs.findByIdWith(id, config as never)),
        ];
        expect(await reads(deadJob.id)).toEqual([null, null, null]);
        expect(await reads(liveJob.id)).toEqual([unscoped, unscoped, unscoped]);
      }),
      {
        numRuns: 40,
        examples: [
          [{ deletedAt: false }],
          [{}],
          [{ name: undefined }],
          [{ name: true, deletedAt: false }],
          [{ deletedAt: false, name: false }],
          [{ deletedAt: true }],
        ],
      },
    );
  });

  test('nested one-relations are pruned with deletedAt excluded at every level, and the column stays hidden', async ({ db, factories }) => {
    const repos = createOrgRepositories(db);
    const owner = await factories.users.create();
    const project = await factories.projects.create({ userId: owner.id });
    const conversation = await factories.conversations.create({ projectId: project.id });
    const message = await factories.messages.create({ conversationId: conversation.id });
    const config = {
      with: { conversation: { with: { project: { columns: { deletedAt: false }, with: { user: { columns: { deletedAt: false } } } } } } },
    } as const;
    const read = () => repos.messages.findFirstWith({ ...config, where: eq(messages.id, message.id) });

    const before = await read();
    expect(before?.conversation.project).not.toBeNull();
    expect(before?.conversation.project).not.toHaveProperty('deletedAt');
    expect(before?.conversation.project?.user).toMatchObject({ id: owner.id });
    expect(before?.conversation.project?.user).not.toHaveProperty('deletedAt');

    await repos.users.softDelete(owner.id);
    expect((await read())?.conversation.project?.user).toBeNull();
    await repos.projects.softDelete(project.id);
    expect((await read())?.conversation.project).toBeNull();
    expect((await repos.messages.findByIdWith(message.id, config))?.conversation.project).toBeNull();
    const viaConversation = await repos.conversations.findManyWith({ where: eq(conversations.id, conversation.id), with: { project: { columns: {} } } });
    expect(viaConversation.map((c) => c.project)).toEqual([null]);
  });
});
