// Guide section "Common Query Patterns → 2. Campaign & Job Operations" and "Transaction Patterns".
// `userId` here is the @org user's uuid, resolved once from the Clerk id (identity.ts); past that the
// guide's code runs unchanged except where a comment says otherwise.
import type { OrgDb } from '@org/queries';
import { campaigns, scrapingJobs, type NewCampaign, type NewScrapingJob } from '@org/schema';
import { eq } from 'drizzle-orm';

/**
 * Create Campaign with Job, in one transaction (the guide's code, unchanged).
 *
 * @example
 * const { campaign, job } = await createCampaignWithJob(db, userId);
 */
export async function createCampaignWithJob(db: OrgDb, userId: string) {
  return db.transaction(async (tx) => {
    // Create campaign
    const [campaign] = await tx
      .insert(campaigns)
      .values({
        userId,
        name: 'TikTok Keyword Search',
        searchType: 'keyword',
        status: 'active',
      })
      .returning();

    // Create scraping job
    const [job] = await tx
      .insert(scrapingJobs)
      .values({
        userId,
        campaignId: campaign!.id,
        platform: 'TikTok',
        keywords: ['fitness', 'workout'],
        status: 'pending',
        targetResults: 1000,
      })
      .returning();

    return { campaign: campaign!, job: job! };
  });
}

/**
 * Atomic Operations ("Transaction Patterns → 2"): any failure rolls both inserts back.
 *
 * @example
 * const { campaign, job } = await createCampaignAndJob(db, campaignData, jobData);
 */
export async function createCampaignAndJob(db: OrgDb, campaignData: NewCampaign, jobData: Omit<NewScrapingJob, 'campaignId'>) {
  return db.transaction(async (tx) => {
    // All operations succeed or all fail
    const campaign = await tx.insert(campaigns).values(campaignData).returning();
    // guide: values(jobData) — the job is linked to the campaign just made (the guide leaves it implicit)
    const job = await tx
      .insert(scrapingJobs)
      .values({ ...jobData, campaignId: campaign[0]!.id })
      .returning();

    // If any operation fails, entire transaction is rolled back
    return { campaign: campaign[0]!, job: job[0]! };
  });
}

/**
 * A similar-creator search started outside any campaign: campaign_id is nullable (#13 decision).
 *
 * @example
 * const job = await createStandaloneJob(db, userId, '@originalcreator');
 */
export async function createStandaloneJob(db: OrgDb, userId: string, targetUsername: string) {
  const [job] = await db.insert(scrapingJobs).values({ userId, platform: 'Instagram', targetUsername }).returning();
  return job!;
}

/**
 * Get Job with Results and its campaign (`campaign` is null for a job without one).
 *
 * @example
 * const job = await getJobWithResults(db, jobId);
 */
export function getJobWithResults(db: OrgDb, jobId: string) {
  return db.query.scrapingJobs.findFirst({
    where: eq(scrapingJobs.id, jobId),
    with: {
      results: true, // Include related results
      campaign: true, // Include parent campaign
    },
  });
}

/**
 * User Data Isolation ("Security → 1"): always scope by the authenticated user.
 *
 * @example
 * const mine = await getUserCampaigns(db, authenticatedUserId);
 */
export function getUserCampaigns(db: OrgDb, authenticatedUserId: string) {
  return db.query.campaigns.findMany({
    where: eq(campaigns.userId, authenticatedUserId), // Always include user filter
  });
}

/**
 * SQL Injection Prevention ("Security → 1"): a parameterised read, unchanged.
 *
 * @example
 * const [campaign] = await getCampaign(db, campaignId);
 */
export function getCampaign(db: OrgDb, campaignId: string) {
  return db.select().from(campaigns).where(eq(campaigns.id, campaignId));
}
