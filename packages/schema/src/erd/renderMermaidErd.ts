import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';

/**
 * Renders a Mermaid `erDiagram` of drizzle tables: every column with its SQL type and PK/FK/UK
 * markers, and one relationship line per foreign key (cardinality from the key's nullability and
 * uniqueness). Output is deterministic, so a committed diagram can be checked for staleness.
 *
 * @example
 * const markdown = renderMermaidErd(Object.values(orgTables));
 */
export function renderMermaidErd(tables: readonly Table[]): string {
  const sorted = [...tables].sort((a, b) => getTableName(a).localeCompare(getTableName(b)));
  const lines = ['erDiagram'];
  for (const table of sorted) lines.push(...relationshipLines(table as PgTable));
  for (const table of sorted) lines.push(...entityLines(table as PgTable));
  return `${lines.join('\n')}\n`;
}

function relationshipLines(table: PgTable): string[] {
  const config = getTableConfig(table);
  return config.foreignKeys
    .map((fk) => {
      const ref = fk.reference();
      const [column] = ref.columns;
      const target = getTableName(ref.foreignTable);
      if (!column) return '';
      const unique = column.isUnique || isUniqueByIndex(table, column);
      const parent = column.notNull ? '||' : '|o';
      const child = unique ? 'o|' : 'o{';
      return `  ${target} ${parent}--${child} ${config.name} : "${column.name}"`;
    })
    .filter(Boolean)
    .sort();
}

function entityLines(table: PgTable): string[] {
  const config = getTableConfig(table);
  const foreign = new Set(config.foreignKeys.flatMap((fk) => fk.reference().columns.map((c) => c.name)));
  const lines = [`  ${config.name} {`];
  for (const column of Object.values(getTableColumns(table)) as PgColumn[]) {
    const keys = [column.primary ? 'PK' : '', foreign.has(column.name) ? 'FK' : '', column.isUnique || isUniqueByIndex(table, column) ? 'UK' : ''].filter(
      Boolean,
    );
    const type = column.getSQLType().replace(/\s+/g, '_').replace(/,/g, '-');
    lines.push(`    ${type} ${column.name}${keys.length ? ` ${keys.join(',')}` : ''}`);
  }
  lines.push('  }');
  return lines;
}

function isUniqueByIndex(table: PgTable, column: PgColumn): boolean {
  const config = getTableConfig(table);
  const byIndex = config.indexes.some(
    (index) =>
      index.config.unique &&
      !index.config.where &&
      index.config.columns.length === 1 &&
      (index.config.columns[0] as PgColumn | undefined)?.name === column.name,
  );
  const byConstraint = config.uniqueConstraints.some((u) => u.columns.length === 1 && u.columns[0]?.name === column.name);
  return byIndex || byConstraint;
}
