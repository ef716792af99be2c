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

  it('validates bodies without remembering them', async () => {
    const body = { type: 'body' as const, metatype: PageQuery };
    await expect(pipe.transform({ limit: 5 }, body)).resolves.toEqual({ limit: 5 });
    await expect(pipe.transform({ limit: 500 }, body)).rejects.toMatchObject({ status: 400 });
  });
});
