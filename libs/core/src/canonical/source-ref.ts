import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

/** Where a canonical record came from. */
@ObjectType()
export class SourceRef {
  @ApiProperty({ format: 'uuid' })
  @Field(() => String)
  connectionId!: string;

  @ApiProperty({ description: "The record's identifier in the legacy system." })
  @Field(() => String)
  sourceId!: string;

  @ApiProperty({ format: 'date-time' })
  @Field(() => String)
  fetchedAt!: string;
}
