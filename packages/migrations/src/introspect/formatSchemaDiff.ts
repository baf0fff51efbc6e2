import type { SchemaDifference } from './SchemaDifference.ts';

/**
 * Differences as the CLI prints them, one line each (plus one per changed property):
 * `+` the migrations make it and the database lacks it, `-` the database has it and the migrations do
 * not make it, `~` both have it, differently.
 *
 * @example
 * console.log(formatSchemaDiff(result.differences));
 * // + column public.users.email_verified
 * // - table public.search_jobs (holds data; kept; pass --allow-drop to drop)
 */
export function formatSchemaDiff(differences: readonly SchemaDifference[], options: { keptNote?: boolean } = {}): string {
  return differences
    .map((d) => {
      const where = d.table && d.object !== 'table' && d.object !== 'row security' ? `${d.table}.${d.name}` : d.name;
      if (d.change === 'missing') return `+ ${d.object} ${where} (the migrations make it; the database lacks it)`;
      if (d.change === 'renamed') return `~ ${d.object} ${d.table}.${d.liveName} is named ${d.name} by the migrations`;
      if (d.change === 'extra') {
        const data = d.holdsData === undefined ? '' : d.holdsData ? 'holds data; ' : 'empty; ';
        const keep = options.keptNote && (d.object === 'table' || d.object === 'column') ? 'kept; pass --allow-drop to drop' : 'not made by the migrations';
        return `- ${d.object} ${where} (${data}${keep})`;
      }
      const fields = (d.fields ?? []).map((f) => `    ${f.field}: expected ${clip(f.expected)}, database has ${clip(f.live)}`);
      return [`~ ${d.object} ${where}`, ...fields].join('\n');
    })
    .join('\n');
}

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 160 ? `${one.slice(0, 157)}...` : one;
}
