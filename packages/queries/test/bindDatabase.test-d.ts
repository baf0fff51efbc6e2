import { expectTypeOf } from 'vitest';
import { DatabaseBindingEndedError, bindDatabase, resolveDatabase, type DataLayerErrorCode, type OrgDatabase, type OrgDb } from '../src/index.ts';

declare const database: OrgDatabase;
declare const tx: OrgDb;

// bindDatabase returns what its callback returns; resolveDatabase keeps the db's own type (typed
// relational queries and all).
expectTypeOf(bindDatabase(database.db, tx, async () => 42)).toEqualTypeOf<Promise<number>>();
expectTypeOf(bindDatabase(database.db, tx, () => 'sync')).toEqualTypeOf<Promise<string>>();
expectTypeOf(resolveDatabase(database.db)).toEqualTypeOf<OrgDb>();
expectTypeOf(resolveDatabase(database.db).query.projects.findFirst).toBeFunction();

// The typed error's code is part of the exhaustive union.
expectTypeOf(new DatabaseBindingEndedError().code).toEqualTypeOf<DataLayerErrorCode>();
expectTypeOf<'BINDING_ENDED'>().toExtend<DataLayerErrorCode>();

// @ts-expect-error the callback is required
void bindDatabase(database.db, tx);
// @ts-expect-error a primitive is no database
void bindDatabase(database.db, 'tx', async () => {});
