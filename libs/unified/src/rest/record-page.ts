import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { enrichedRecordSchema } from '../enrichments/enriched-record.schema';
import { READ_MODES } from '../live/list-entities.query';

export class MappingWarningResponse {
  @ApiProperty() connectionId!: string;
  @ApiPropertyOptional() sourceId?: string;
  @ApiProperty() message!: string;
}

/** A page class per entity, so OpenAPI shows the record type of `data`. */
export function recordPageClass(record: Function) {
  class RecordPage {
    @ApiProperty({ type: 'array', items: enrichedRecordSchema(record) })
    data!: unknown[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `cursor` for the next page; null on the last page.',
    })
    cursor!: string | null;

    @ApiProperty({ type: String, nullable: true, description: 'URL of the next page; null on the last page.' })
    next!: string | null;

    @ApiProperty({ enum: READ_MODES })
    mode!: string;

    @ApiProperty({
      type: MappingWarningResponse,
      isArray: true,
      description: 'Source records that could not be mapped.',
    })
    warnings!: MappingWarningResponse[];
  }
  Object.defineProperty(RecordPage, 'name', { value: `${record.name}Page` });
  return RecordPage;
}
