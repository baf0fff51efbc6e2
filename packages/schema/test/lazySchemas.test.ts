// The @org schema sets are built on first read (import cost); they must still look and behave like the
// eagerly built objects of createTableSchemas.
import { describe, expect, it } from 'vitest';
import { createTableSchemas, leads, leadSchemas, orgSchemas } from '../src/index.ts';
import { lazyProperties } from '../src/validation/lazyProperties.ts';

describe('lazyProperties', () => {
  it('builds a property on its first read only, once, and never the ones not read', () => {
    const built: string[] = [];
    const builder = (name: string) => () => {
      built.push(name);
      return { name };
    };
    const lazy = lazyProperties({ a: builder('a'), b: builder('b') });
    expect(built).toEqual([]);
    const first = lazy.a;
    expect(lazy.a).toBe(first);
    expect(built).toEqual(['a']);
  });

  it('has the keys, order and spread of a plain object, and takes writes like one', () => {
    const lazy = lazyProperties({ insert: () => 1, update: () => 2, select: () => 3 });
    expect(Object.keys(lazy)).toEqual(['insert', 'update', 'select']);
    lazy.update = 20;
    expect({ ...lazy }).toEqual({ insert: 1, update: 20, select: 3 });
    expect(Object.getOwnPropertyDescriptor(lazy, 'insert')).toEqual({ value: 1, writable: true, enumerable: true, configurable: true });
  });
});

describe('the @org schema sets', () => {
  it('hold every schema createTableSchemas makes, each the same object on every read', () => {
    for (const set of Object.values(orgSchemas)) {
      expect(Object.keys(set)).toEqual(['insert', 'update', 'select']);
      expect(set.insert).toBe(set.insert);
    }
    const eager = createTableSchemas(leads, { email: ['email'] });
    const input = { name: 'Ada', email: 'not an email', phone: '5555551234', state: 'CA', debtAmount: '123456789012.00' };
    expect(leadSchemas.insert.safeParse(input).error?.issues).toEqual(eager.insert.safeParse(input).error?.issues);
    expect(leadSchemas.update.safeParse({ debtAmount: '1.234' }).error?.issues).toEqual(eager.update.safeParse({ debtAmount: '1.234' }).error?.issues);
  });
});
