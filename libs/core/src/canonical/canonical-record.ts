import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { SourceRef } from './source-ref';

/** What every canonical record carries besides its fields. */
export interface CanonicalRecordMeta {
  /** Stable hub id: the same legacy record always gets the same id. */
  id: string;
  source: SourceRef;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/** Adds `id` and `source` to an entity's fields class; the result is decorated @ObjectType by each entity. */
export function withRecordMeta<TFields extends Constructor>(Fields: TFields) {
  @ObjectType({ isAbstract: true })
  abstract class RecordWithMeta extends Fields implements CanonicalRecordMeta {
    @ApiProperty({ description: 'Stable hub id of the record.', example: 'cus_YWNtZS1lcnA6QzAwMDQy' })
    @Field(() => String)
    id!: string;

    @ApiProperty({ type: SourceRef })
    @Field(() => SourceRef)
    source!: SourceRef;
  }
  return RecordWithMeta;
}
