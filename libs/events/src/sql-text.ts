import type { DataSource, EntityManager } from 'typeorm';

/** `?` placeholders as the connected database wants them (`$1`, `$2`, ... on PostgreSQL). */
export function sqlFor(db: DataSource | EntityManager, text: string): string {
  const type = 'connection' in db ? db.connection.options.type : db.options.type;
  if (type !== 'postgres') return text;
  let index = 0;
  return text.replace(/\?/g, () => `$${++index}`);
}

export function isPostgres(db: DataSource | EntityManager): boolean {
  return ('connection' in db ? db.connection.options.type : db.options.type) === 'postgres';
}
