import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BUILTIN_PROJECTS, ProjectDefinition } from './builtin-projects';

/** A catalog definition file that cannot be used, with what is wrong and where. */
export class CatalogDefinitionError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`catalog definition ${source} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogDefinitionError';
  }
}

const ProjectEntrySchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, _ and - only')
      .transform((code) => code.toUpperCase()),
    name: z.string().trim().min(1).max(200),
    aliases: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  })
  .strict();

const DefinitionSchema = z
  .object({ projects: z.array(ProjectEntrySchema).max(10_000) })
  .strict()
  .superRefine((definition, ctx) => {
    const seen = new Map<string, number>();
    definition.projects.forEach((project, i) => {
      const first = seen.get(project.code);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['projects', i, 'code'],
          message: `${project.code} is already defined by projects[${first}]`,
        });
      }
      seen.set(project.code, i);
    });
  });

/**
 * Reads a catalog definition (YAML, or JSON, which YAML reads too):
 * `projects: [{ code, name, aliases? }]`. Throws CatalogDefinitionError
 * naming every problem with its place in the file.
 */
export function parseCatalogDefinition(text: string, source: string): ProjectDefinition[] {
  let document: unknown;
  try {
    document = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new CatalogDefinitionError(source, [`not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (document === null || document === undefined)
    throw new CatalogDefinitionError(source, ['the file is empty; expected a mapping with a "projects" list']);
  const result = DefinitionSchema.safeParse(document);
  if (!result.success) {
    throw new CatalogDefinitionError(
      source,
      result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  return result.data.projects.map((p) => ({ code: p.code, name: p.name, aliases: dedupe(p.aliases) }));
}

export function readCatalogDefinition(file: string): ProjectDefinition[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CatalogDefinitionError(file, [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`]);
  }
  return parseCatalogDefinition(text, file);
}

/**
 * The projects the catalog knows: the built-in brands, with the definition
 * file's entries on top (a file entry for a built-in code renames it and adds
 * its aliases to the built-in ones).
 */
export function mergeDefinitions(
  fromFile: readonly ProjectDefinition[],
): (ProjectDefinition & { source: 'builtin' | 'file' })[] {
  const merged = new Map<string, ProjectDefinition & { source: 'builtin' | 'file' }>();
  for (const p of BUILTIN_PROJECTS) merged.set(p.code, { ...p, aliases: [...p.aliases], source: 'builtin' });
  for (const p of fromFile) {
    const builtin = merged.get(p.code);
    merged.set(p.code, {
      code: p.code,
      name: p.name,
      aliases: dedupe([...(builtin?.aliases ?? []), ...p.aliases]),
      source: 'file',
    });
  }
  return [...merged.values()];
}

function dedupe(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
