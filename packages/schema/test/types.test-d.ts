import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type leadSchemas,
  scrapingJobTransitions,
  type CollectedData,
  type CreatorResult,
  type Lead,
  type NewLead,
  type NewProject,
  type Project,
  type ScrapingJob,
  type ScrapingJobStatus,
  type SystemConfiguration,
  type User,
  type UserProfile,
} from '../src/index.ts';

describe('inferred row types', () => {
  it('maps PostgreSQL types to TypeScript', () => {
    expectTypeOf<Lead['id']>().toEqualTypeOf<string>();
    expectTypeOf<Lead['debtAmount']>().toEqualTypeOf<string>();
    expectTypeOf<Lead['monthlyPayment']>().toEqualTypeOf<string | null>();
    expectTypeOf<Lead['debtTypes']>().toEqualTypeOf<string[]>();
    expectTypeOf<Lead['ipAddress']>().toEqualTypeOf<string | null>();
    expectTypeOf<Lead['createdAt']>().toEqualTypeOf<Date>();
    expectTypeOf<Lead['deletedAt']>().toEqualTypeOf<Date | null>();
    expectTypeOf<User['metadata']>().toEqualTypeOf<{ preferences?: Record<string, unknown>; lastDevice?: string }>();
    expectTypeOf<SystemConfiguration['isHotReloadable']>().toEqualTypeOf<boolean>();
  });

  it('types enumerated statuses as unions', () => {
    expectTypeOf<Project['status']>().toEqualTypeOf<'draft' | 'active' | 'completed'>();
    expectTypeOf<UserProfile['trialStatus']>().toEqualTypeOf<'pending' | 'active' | 'expired' | 'cancelled' | 'converted'>();
    expectTypeOf<ScrapingJob['status']>().toEqualTypeOf<ScrapingJobStatus>();
    expectTypeOf<Lead['qualificationStatus']>().toEqualTypeOf<'pending' | 'qualified' | 'unqualified' | null>();
    expectTypeOf(scrapingJobTransitions.pending).toEqualTypeOf<readonly ScrapingJobStatus[]>();
  });

  it("types JSONB columns with the seeds' shapes", () => {
    expectTypeOf<Project['collectedData']>().toEqualTypeOf<CollectedData | null>();
    expectTypeOf<ScrapingJob['keywords']>().toEqualTypeOf<string[] | null>();
  });

  it('makes defaulted and nullable columns optional on insert, required ones required', () => {
    expectTypeOf<NewLead['name']>().toEqualTypeOf<string>();
    expectTypeOf<NewLead>().toHaveProperty('status');
    expectTypeOf<Pick<NewLead, 'id' | 'status' | 'createdAt'>>().toEqualTypeOf<{
      id?: string | undefined;
      status?: 'new' | 'contacted' | 'qualified' | 'converted' | 'archived' | undefined;
      createdAt?: Date | undefined;
    }>();
    // @ts-expect-error name, email, phone, state and debtAmount are required
    const missing: NewLead = { name: 'x' };
    // @ts-expect-error an unknown status is not a lead status
    const badStatus: NewLead['status'] = 'bogus';
    // @ts-expect-error generated search vector is not writable
    const generated: NewProject = { name: 'p', userId: 'u', searchVector: 'x' };
    void missing;
    void badStatus;
    void generated;
  });

  it('narrows creator results by platform', () => {
    const handle = (r: CreatorResult) => (r.platform === 'Instagram' ? r.username : r.creator.name);
    expectTypeOf(handle).returns.toEqualTypeOf<string>();
  });

  it('infers zod output types from the table', () => {
    type LeadInsert = z.infer<typeof leadSchemas.insert>;
    expectTypeOf<LeadInsert['debtAmount']>().toEqualTypeOf<string>();
    expectTypeOf<LeadInsert['state']>().toEqualTypeOf<string>();
    type LeadUpdate = z.infer<typeof leadSchemas.update>;
    expectTypeOf<LeadUpdate['name']>().toEqualTypeOf<string | undefined>();
  });
});
