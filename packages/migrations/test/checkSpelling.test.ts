// Check constraints that mean the same compare equal however PostgreSQL spells them, and ones that do
// not (other values, another order, another column, NOT IN) still differ. The engine deparses each
// spelling itself: what it prints for `x in (...)`, for that text run again, and for the canonical text
// the bridge writes, on both engines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { canonicalArrays } from '../src/introspect/canonicalArrays.ts';
import { normalizeConstraintDefinition, normalizeExpression, normalizeIndexDefinition } from '../src/introspect/normalizeSql.ts';
import { compareSchemas, introspectDatabase } from '../src/index.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const literal = (v: string) => `'${v.replaceAll("'", "''")}'`;
// Values with every character that could confuse a scanner: quotes, commas, brackets, casts.
const value = fc.string({ unit: fc.constantFrom('a', 'B', ' ', "'", '"', ',', '[', ']', '(', ')', ':', 'é', '\\'), maxLength: 6 });
const values = fc.uniqueArray(value, { minLength: 2, maxLength: 4 });

describe('canonicalArrays', () => {
  it.each([
    // [as PostgreSQL printed it first, as it prints that text run again]
    [
      "CHECK (((x)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))",
      "CHECK (((x)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])))",
    ],
    [
      "CHECK (((x)::text <> ALL ((ARRAY['a'::character varying, NULL::character varying])::text[])))",
      "CHECK (((x)::text <> ALL (ARRAY[('a'::character varying)::text, (NULL::character varying)::text])))",
    ],
    [
      "CHECK (((x)::text = ANY ((ARRAY['it''s, [x]'::character varying, 'b'::character varying])::text[])))",
      "CHECK (((x)::text = ANY (ARRAY[('it''s, [x]'::character varying)::text, ('b'::character varying)::text])))",
    ],
    // written as = any(array[...]) on a varchar column: the same check
    ["CHECK (((x)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))", "CHECK (((x)::text = ANY (ARRAY['a'::text, 'b'::text])))"],
  ])('treats %s and its re-deparse as one', (first, again) => {
    expect(canonicalArrays(first)).toBe(canonicalArrays(again));
    expect(canonicalArrays(canonicalArrays(first))).toBe(canonicalArrays(first));
  });

  it.each([
    [
      'other values',
      "((x)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
      "((x)::text = ANY (ARRAY[('a'::character varying)::text, ('c'::character varying)::text]))",
    ],
    [
      'another order',
      "((x)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
      "((x)::text = ANY (ARRAY[('b'::character varying)::text, ('a'::character varying)::text]))",
    ],
    ['another column', "((x)::text = ANY ((ARRAY['a'::character varying])::text[]))", "((y)::text = ANY (ARRAY[('a'::character varying)::text]))"],
    ['ALL instead of ANY', "((x)::text = ANY ((ARRAY['a'::character varying])::text[]))", "((x)::text <> ALL (ARRAY[('a'::character varying)::text]))"],
    ['a lossy cast (varchar(1))', "((x)::text = ANY ((ARRAY['ab'::character varying(1)])::text[]))", "((x)::text = ANY (ARRAY['ab'::text]))"],
    ['another element type', '(n = ANY ((ARRAY[1.5, 2.5])::integer[]))', '(n = ANY (ARRAY[1.5, 2.5]))'],
    ['a value holding the other spelling', "(x = 'ARRAY[(''a''::character varying)::text]')", "(x = 'ARRAY[''a''::text]')"],
  ])('keeps apart %s', (_what, a, b) => {
    expect(canonicalArrays(a)).not.toBe(canonicalArrays(b));
  });

  it('leaves text without array casts as it is (what PostgreSQL prints for other checks)', () => {
    for (const text of [
      'CHECK ((n >= 0))',
      "CHECK (((x)::text = 'a'::text))",
      "CHECK ((n = ANY ('{1,2}'::integer[])))",
      'CHECK ((c = ANY (ARRAY[1, 2])))',
      'CHECK ((a[1] > 0))',
    ]) {
      expect(canonicalArrays(text)).toBe(text);
    }
  });

  it('is applied to constraints, indexes, defaults and policy expressions', () => {
    const first = "(ARRAY['a'::character varying])::text[]";
    expect(normalizeConstraintDefinition(`CHECK ((x)::text = ANY (${first})) NOT VALID`)).toBe("CHECK ((x)::text = ANY (ARRAY['a'::text]))");
    expect(normalizeIndexDefinition(`CREATE INDEX i ON public.t USING btree (x) WHERE ((x)::text = ANY (${first}))`)).toBe(
      "CREATE INDEX ON public.t USING btree (x) WHERE ((x)::text = ANY (ARRAY['a'::text]))",
    );
    expect(normalizeExpression(`((x)::text = ANY (${first}))`)).toBe("(x)::text = ANY (ARRAY['a'::text])");
  });

  it('property: both spellings of any value list are one, and two different lists never are', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        const first = (vs: string[]) => `CHECK (((x)::text = ANY ((ARRAY[${vs.map((v) => `${literal(v)}::character varying`).join(', ')}])::text[])))`;
        const again = (vs: string[]) => `CHECK (((x)::text = ANY (ARRAY[${vs.map((v) => `(${literal(v)}::character varying)::text`).join(', ')}])))`;
        expect(canonicalArrays(first(a))).toBe(canonicalArrays(again(a)));
        const same = a.length === b.length && a.every((v, i) => v === b[i]);
        expect(canonicalArrays(first(a)) === canonicalArrays(again(b))).toBe(same);
      }),
      { numRuns: 300 },
    );
  });
});

describe.each(engines)('check spellings compared on %s', (engine) => {
  const scratch = scratchSuite(engine);
  const deparsed = async (name: string) =>
    (await scratch().rows<{ d: string }>(`select pg_get_constraintdef(oid) as d from pg_constraint where conname = $1`, [name]))[0]!.d;

  it('property: x in (...), its deparse run again, its canonical text and = any(array[...]) compare equal; another order, column, list or NOT IN differ', async () => {
    await fc.assert(
      fc.asyncProperty(values, value, async (vs, more) => {
        await scratch().rows('drop table if exists a, b');
        for (const t of ['a', 'b']) await scratch().rows(`create table ${t} (x varchar(40), y varchar(40))`);
        const list = vs.map(literal).join(', ');
        await scratch().rows(`alter table a add constraint c1 check (x in (${list}))`);
        await scratch().rows(`alter table a add constraint c2 ${await deparsed('c1')}`);
        await scratch().rows(`alter table a add constraint c3 ${normalizeConstraintDefinition(await deparsed('c1'))}`);
        await scratch().rows(`alter table a add constraint c4 check (x = any (array[${list}]))`);
        const model = await introspectDatabase(scratch().client);
        const c = model.tables['public.a']!.constraints;
        expect(new Set([c.c1, c.c2, c.c3, c.c4].map((k) => k!.definition)).size).toBe(1);

        // Another order, another column, another list, NOT IN: each is a difference.
        const expected = { ...model, tables: { 'public.a': model.tables['public.a']! } };
        const variants = [
          `x in (${[...vs].reverse().map(literal).join(', ')})`,
          `y in (${list})`,
          `x in (${[...vs, more].map(literal).join(', ')})`,
          `x not in (${list})`,
        ];
        for (const check of variants) {
          await scratch().rows('alter table b drop constraint if exists c1');
          await scratch().rows(`alter table b add constraint c1 check (${check})`);
          const other = (await introspectDatabase(scratch().client)).tables['public.b']!;
          const live = { ...model, tables: { 'public.a': { ...other, name: 'a', constraints: { c1: other.constraints.c1! } } } };
          const onlyC1 = { ...expected, tables: { 'public.a': { ...expected.tables['public.a']!, constraints: { c1: c.c1! } } } };
          const differs = compareSchemas(onlyC1, live).some((d) => d.object === 'constraint' && d.name === 'c1');
          expect(differs, check).toBe(true);
        }
      }),
      { numRuns: engine === 'postgres' ? 10 : 15 },
    );
  }, 120_000);
});
