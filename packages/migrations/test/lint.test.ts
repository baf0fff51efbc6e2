import { describe, expect, it } from 'vitest';
import { lintMigrations, type MigrationFile } from '../src/index.ts';

const file = (name: string, sql: string, transactional = true): MigrationFile => ({ name, sql, checksum: '', transactional });
/** Lints `sql` as the only unapplied file; the table `items` exists (an applied file created it). */
const lint = (sql: string) => lintMigrations([file('0001_x', sql)]).map((f) => [f.line, f.rule]);

describe('org-migrate lint', () => {
  it.each([
    ['drop-table', 'drop table items;'],
    ['drop-table', 'drop table if exists public.items cascade;'],
    ['drop-column', 'alter table items drop column code;'],
    ['drop-column', 'alter table "items" drop code;'],
    ['rewrite-type', 'alter table items alter column price type bigint;'],
    ['rewrite-type', 'alter table items alter column code set data type varchar(20);'],
    ['rewrite-type', 'alter table items alter column code type text using upper(code);'],
    ['set-not-null', 'alter table items alter column code set not null;'],
    ['volatile-default', 'alter table items add column token uuid default gen_random_uuid();'],
    ['volatile-default', 'ALTER TABLE items ADD COLUMN seen_at timestamptz NOT NULL DEFAULT clock_timestamp();'],
    ['index-not-concurrent', 'create index items_code_idx on items (code);'],
    ['index-not-concurrent', 'CREATE UNIQUE INDEX "items_code_key" ON "public"."items" USING btree ("code");'],
    ['constraint-not-valid', 'alter table items add constraint items_price_check check (price >= 0);'],
    ['constraint-not-valid', 'alter table items add constraint items_parent_fk foreign key (price) references items (id);'],
    ['rename', 'alter table items rename column code to sku;'],
    ['rename', 'alter table items rename to products;'],
    ['transaction-control', 'create table a (id int);\ncommit;'],
  ])('flags %s: %s', (rule, sql) => {
    const findings = lintMigrations([file('0001_x', sql)]);
    expect(findings.map((f) => f.rule)).toEqual([rule]);
    expect(findings[0]!.reason.length).toBeGreaterThan(20);
    expect(findings[0]!.instead.length).toBeGreaterThan(20);
  });

  it.each([
    ['a constant default', 'alter table items add column active boolean not null default true;'],
    ['a stable default (now() is evaluated once)', 'alter table items add column seen_at timestamptz default now();'],
    ['a column type change that keeps storage', 'alter table items alter column code type varchar;'],
    ['a concurrent index', 'create index concurrently items_code_idx on items (code);'],
    ['constraints added NOT VALID', 'alter table items add constraint items_price_check check (price >= 0) not valid;'],
    ['validating a constraint', 'alter table items validate constraint items_price_check;'],
    ['dropping a constraint or a default', 'alter table items drop constraint items_price_check, alter column code drop default;'],
    ['dropping NOT NULL', 'alter table items alter column code drop not null;'],
    ['renaming a constraint', 'alter table items rename constraint a to b;'],
    [
      'a drop inside a string, comment or function body',
      `-- drop table items;\nselect 'drop table items';\ncreate function f() returns void language sql as $$ drop table items $$;`,
    ],
    [
      'anything on a table this batch creates',
      'create table fresh (id int, code text);\n--> statement-breakpoint\ncreate index fresh_code_idx on fresh (code);\nalter table fresh alter column code set not null, add constraint fresh_fk foreign key (id) references items (id);\nalter table "fresh" rename column code to sku;\ndrop table fresh;',
    ],
    [
      'a new table with its foreign keys (drizzle-kit style)',
      'CREATE TABLE "orders" ("id" int, "item_id" int);\n--> statement-breakpoint\nALTER TABLE "orders" ADD CONSTRAINT "orders_item_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;',
    ],
  ])('does not flag %s', (_what, sql) => {
    expect(lint(sql)).toEqual([]);
  });

  it('a table created by an earlier unapplied file counts as new too', () => {
    const findings = lintMigrations([file('0001_create', 'create table fresh (id int);'), file('0002_index', 'create index fresh_id_idx on fresh (id);')]);
    expect(findings).toEqual([]);
  });

  it('names the line of each flagged statement', () => {
    expect(lint('alter table items add column note text;\n\nalter table items drop column code;\ncreate index i on items (price);')).toEqual([
      [3, 'drop-column'],
      [4, 'index-not-concurrent'],
    ]);
  });

  it('a per-statement opt-out comment silences only that rule on that statement', () => {
    const sql = [
      '-- org-migrate:allow drop-column (the column was never read)',
      'alter table items drop column code;',
      'alter table items drop column price;',
      '-- org-migrate:allow rename, set-not-null',
      'alter table items alter column code set not null, drop column price;',
    ].join('\n');
    expect(lint(sql)).toEqual([
      [3, 'drop-column'],
      [5, 'drop-column'],
    ]);
  });

  it('flags several rules of one ALTER TABLE once each', () => {
    expect(lint('alter table items drop column code, alter column price set not null, alter column price type bigint;').map(([, r]) => r)).toEqual([
      'drop-column',
      'set-not-null',
      'rewrite-type',
    ]);
  });
});
