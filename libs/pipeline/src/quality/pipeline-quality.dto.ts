import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CANONICAL_ENTITY_NAMES } from '@trestle/core';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class QualityQuery {
  @ApiPropertyOptional({ description: 'Only this connection.' })
  @IsOptional()
  @IsUUID('4')
  connectionId?: string;

  @ApiPropertyOptional({ enum: CANONICAL_ENTITY_NAMES, description: 'Only this canonical entity.' })
  @IsOptional()
  @IsIn(CANONICAL_ENTITY_NAMES)
  entity?: string;
}

export class QualityFiguresResponse {
  @ApiProperty({ format: 'uuid' }) connectionId!: string;
  @ApiProperty({ enum: CANONICAL_ENTITY_NAMES }) entity!: string;
  @ApiProperty({ description: 'Source records read by sync runs and normalized (each sync page counted once).' })
  recordsRead!: number;
  @ApiProperty({ description: 'Records stored new or changed.' }) written!: number;
  @ApiProperty({ description: 'Records whose canonical content equalled the stored copy (nothing written).' })
  unchanged!: number;
  @ApiProperty({ description: 'Records that failed mapping or validation and went to dead letters.' })
  rejected!: number;
  @ApiProperty({ description: 'rejected / recordsRead (0 when nothing was read).', example: 0.012 })
  rejectedRate!: number;
  @ApiProperty({
    description:
      'Records delivered again for a sourceId an earlier record of the same sync page had delivered; the last one is kept.',
  })
  duplicates!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description:
      'Rejected records per required canonical field (dotted path) they lacked; `sourceId` when no id could be read.',
    example: { name: 3, 'creditLimit.amount': 1 },
  })
  missingRequired!: Record<string, number>;
  @ApiProperty({ type: String, nullable: true, description: 'The last sync run that added to these figures.' })
  lastRunId!: string | null;
  @ApiProperty() updatedAt!: string;
}

export class QualityListResponse {
  @ApiProperty({ type: QualityFiguresResponse, isArray: true }) data!: QualityFiguresResponse[];
}
