import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('MappingWarning')
export class MappingWarningType {
  @Field(() => String) connectionId!: string;
  @Field(() => String, { nullable: true }) sourceId?: string;
  @Field(() => String) message!: string;
}

/** `<Entity>Page` for GraphQL: records, the cursor of the next page, and mapping warnings. */
export function recordConnectionType(record: Function) {
  @ObjectType(`${record.name}List`)
  class RecordList {
    @Field(() => [record])
    nodes!: unknown[];

    @Field(() => String, { nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
    cursor!: string | null;

    @Field(() => String)
    mode!: string;

    @Field(() => [MappingWarningType])
    warnings!: MappingWarningType[];
  }
  return RecordList;
}
