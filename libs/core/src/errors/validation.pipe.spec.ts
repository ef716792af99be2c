import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max } from 'class-validator';
import { createValidationPipe } from './validation.pipe';

class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  q?: string;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const query = { type: 'query' as const, metatype: PageQuery };

  it('answers a repeated query with an equal but separate instance', async () => {
    const first = (await pipe.transform({ limit: '20', q: 'x' }, query)) as PageQuery;
    const second = (await pipe.transform({ limit: '20', q: 'x' }, query)) as PageQuery;
    expect(first).toBeInstanceOf(PageQuery);
    expect(second).toBeInstanceOf(PageQuery);
    expect(second).toEqual({ limit: 20, q: 'x' });
    expect(second).not.toBe(first);
    second.limit = 99;
    expect(await pipe.transform({ limit: '20', q: 'x' }, query)).toEqual({ limit: 20, q: 'x' });
  });

  it('refuses an invalid or unknown query every time it comes', async () => {
    for (let i = 0; i < 2; i += 1) {
      await expect(pipe.transform({ limit: '500' }, query)).rejects.toMatchObject({ status: 400 });
      await expect(pipe.transform({ limt: '5' }, query)).rejects.toMatchObject({
        errors: [expect.objectContaining({ field: 'limt' })],
      });
    }
  });

  it('remembers GraphQL field arguments too, and passes custom parameters through untouched', async () => {
    const args = { type: 3 as unknown as 'query', metatype: PageQuery };
    expect(await pipe.transform({ limit: '7' }, args)).toEqual({ limit: 7 });
    expect(await pipe.transform({ limit: '7' }, args)).toBeInstanceOf(PageQuery);
    const principal = { id: 'a', scopes: new Set(['x']) };
    expect(await pipe.transform(principal, { type: 'custom', metatype: Object })).toBe(principal);
  });

  it('validates bodies without remembering them', async () => {
    const body = { type: 'body' as const, metatype: PageQuery };
    await expect(pipe.transform({ limit: 5 }, body)).resolves.toEqual({ limit: 5 });
    await expect(pipe.transform({ limit: 500 }, body)).rejects.toMatchObject({ status: 400 });
  });
});
