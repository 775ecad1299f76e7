import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProjectDefinition } from './builtin-projects';

export type ProjectSource = 'builtin' | 'file' | 'editor' | 'parser';

export interface ProjectRow {
  id: string;
  code: string;
  name: string;
  aliases: string[];
  source: ProjectSource;
}

const COLUMNS = `id, code, name, aliases, source`;

/** SQL of `catalog.projects`. */
@Injectable()
export class ProjectRepository {
  async list(m: EntityManager): Promise<ProjectRow[]> {
    return m.query(`SELECT ${COLUMNS} FROM catalog.projects ORDER BY code`);
  }

  /**
   * Writes the built-in and file-defined projects. An editor's project is
   * never overwritten; unchanged rows are not touched. Returns the rows it inserted.
   */
  async upsertDefinitions(
    m: EntityManager,
    definitions: (ProjectDefinition & { source: 'builtin' | 'file' })[],
  ): Promise<ProjectRow[]> {
    const rows: (ProjectRow & { inserted: boolean })[] = await m.query(
      `INSERT INTO catalog.projects AS p (code, name, aliases, source)
       SELECT d.code, d.name, ARRAY(SELECT jsonb_array_elements_text(d.aliases)), d.source
         FROM jsonb_to_recordset($1::jsonb) AS d(code text, name text, aliases jsonb, source text)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, aliases = EXCLUDED.aliases, source = EXCLUDED.source,
         updated_at = now()
       WHERE p.source <> 'editor'
         AND (p.name, p.aliases, p.source) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.aliases, EXCLUDED.source)
       RETURNING ${COLUMNS}, (xmax = 0) AS inserted`,
      [JSON.stringify(definitions)],
    );
    return rows
      .filter((r) => r.inserted)
      .map(({ id, code, name, aliases, source }) => ({ id, code, name, aliases, source }));
  }

  /** A project row created the first time a file needs it (from its definition, or named by its code). */
  async insertIfMissing(
    m: EntityManager,
    p: { code: string; name: string; aliases: readonly string[]; source: ProjectSource },
  ): Promise<{ row: ProjectRow; inserted: boolean }> {
    const inserted: ProjectRow[] = await m.query(
      `INSERT INTO catalog.projects (code, name, aliases, source) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
      [p.code, p.name, p.aliases, p.source],
    );
    if (inserted[0]) return { row: inserted[0], inserted: true };
    const [row]: ProjectRow[] = await m.query(`SELECT ${COLUMNS} FROM catalog.projects WHERE code = $1`, [p.code]);
    if (!row) throw new Error(`project ${p.code} vanished`);
    return { row, inserted: false };
  }

  /** `create_project`: a new project, or an existing one renamed; either way the editor's from now on. */
  async upsertByEditor(m: EntityManager, code: string, name: string): Promise<{ row: ProjectRow; inserted: boolean }> {
    const [row]: (ProjectRow & { inserted: boolean })[] = await m.query(
      `INSERT INTO catalog.projects AS p (code, name, aliases, source) VALUES ($1, $2, $3, 'editor')
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, source = 'editor', updated_at = now()
       RETURNING ${COLUMNS}, (xmax = 0) AS inserted`,
      [code, name, [code.toLowerCase()]],
    );
    const { inserted, ...project } = row;
    return { row: project, inserted };
  }
}
