// A CommonJS consumer: the same packages through `require`.
import migrations = require('@org/migrations');
import queries = require('@org/queries');
import orgSchema = require('@org/schema');

async function main(): Promise<void> {
  const database = queries.createDatabase();
  await migrations.migrate(database.client, { folder: migrations.orgMigrationsFolder() });
  const repo = queries.createRepository(database.db, orgSchema.partners, { schemas: orgSchema.partnerSchemas });
  const partner: orgSchema.Partner = await repo.create({ name: 'ABC Debt Relief', type: 'settlement', minDebtAmount: '10000' });
  const found = await repo.getById(partner.id);
  await database.close();
  console.log(JSON.stringify({ cjs: true, partner: found.name }));
}

void main();
