import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LegacySeedOptions, type LegacySeedResult, seedLegacySql } from './legacy-sql.seeder';

export interface LegacySqliteOptions extends Omit<LegacySeedOptions, 'replace'> {
  /** The database file; by default a new file in a temporary folder, removed again on close(). */
  file?: string;
}

export interface LegacySqlite {
  file: string;
  /** Settings for the SQL adapter. */
  settings: { dialect: 'sqlite'; file: string };
  rows: LegacySeedResult;
  close(): Promise<void>;
}

/** The out-of-the-box legacy database: a SQLite file with CUSTMAST / ORDHDR / ORDLIN, reseeded on every start. */
export async function startLegacySqlite(options: LegacySqliteOptions = {}): Promise<LegacySqlite> {
  const folder = options.file ? undefined : mkdtempSync(join(tmpdir(), 'trestle-legacy-'));
  const file = options.file ?? join(folder!, 'legacy.sqlite');
  const rows = await seedLegacySql('sqlite', file, { ...options, replace: true });
  return {
    file,
    settings: { dialect: 'sqlite', file },
    rows,
    close: async () => {
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
