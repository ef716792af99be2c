import { GRAMMARS } from '../transport/sql-driver';
import { selectFrom, whereClause } from './select-builder';
import { SqlStatement } from './sql-statement';

describe('select builder', () => {
  it('quotes validated identifiers per dialect and binds every value', () => {
    const { statement, column } = selectFrom(GRAMMARS.postgres, {
      table: 'legacy.CUSTMAST',
      key: 'CUST_NO',
      columns: ['CUST_NO', 'CUST_NM'],
    });
    whereClause(statement, column, {
      equal: { STAT_CD: "A' OR 1=1", DEL_FLG: null },
      atLeast: { column: 'UPD_DT', value: '20240101' },
      after: { column: 'CUST_NO', value: 'C1' },
      orderBy: 'CUST_NO',
    });
    expect(statement.text).toBe(
      'SELECT "CUST_NO", "CUST_NM" FROM "legacy"."CUSTMAST" WHERE "STAT_CD" = $1 AND "DEL_FLG" IS NULL AND "UPD_DT" >= $2 AND "CUST_NO" > $3 ORDER BY "CUST_NO"',
    );
    expect(statement.params).toEqual(["A' OR 1=1", '20240101', 'C1']);
  });

  it('wraps queries as a subquery and compares SQLite keys trimmed', () => {
    const { statement, column } = selectFrom(GRAMMARS.sqlite, { query: 'SELECT * FROM ORDHDR', key: 'ORD_NO' });
    whereClause(statement, column, { key: { column: 'ORD_NO', value: 'O1' } });
    expect(statement.text).toBe('SELECT * FROM (SELECT * FROM ORDHDR) q WHERE RTRIM(q."ORD_NO") = ?');
  });

  it('refuses identifiers that could carry SQL', () => {
    const statement = new SqlStatement(GRAMMARS.mysql);
    expect(statement.id('CUST_NO')).toBe('`CUST_NO`');
    expect(() => statement.id('CUST_NO`; DROP TABLE x; --')).toThrow(/not a valid SQL identifier/);
    expect(() => statement.id('a.b', false)).toThrow(/not a valid SQL identifier/);
    expect(() => selectFrom(GRAMMARS.mysql, { query: 'SELECT * FROM t WHERE a = :a' })).toThrow(/no named parameters/);
  });
});
