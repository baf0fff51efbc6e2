import type { Lead, NewLead } from '@org/schema';
import { describe, expectTypeOf, it } from 'vitest';
import type { OrgFactories } from '../src/index.ts';

describe('factory types', () => {
  it('types create, build and overrides from the table', () => {
    expectTypeOf<ReturnType<OrgFactories['leads']['create']>>().toEqualTypeOf<Promise<Lead>>();
    expectTypeOf<ReturnType<OrgFactories['leads']['build']>>().toEqualTypeOf<NewLead>();
    expectTypeOf<Parameters<OrgFactories['leads']['create']>[0]>().toEqualTypeOf<Partial<NewLead> | undefined>();
  });

  it('types traits by name and rejects unknown ones', () => {
    type LeadTraits = NonNullable<Parameters<OrgFactories['leads']['create']>[1]>['traits'];
    expectTypeOf<LeadTraits>().toEqualTypeOf<readonly ('qualified' | 'unqualified' | 'archived' | 'deleted')[] | undefined>();
    const f = {} as OrgFactories;
    // @ts-expect-error 'expiredTrial' is a userProfiles trait, not a leads trait
    void (() => f.leads.create({}, { traits: ['expiredTrial'] }));
    // @ts-expect-error leads have no column named color
    void (() => f.leads.create({ color: 'red' }));
  });
});
