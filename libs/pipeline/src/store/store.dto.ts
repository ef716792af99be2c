import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export const JOIN_MATCHES = ['email', 'sourceId'] as const;

/** The joins store reads know: entity, relation. */
export const JOINS = { order: ['customer'] } as const;

export class JoinKeyDto {
  @ApiProperty({
    enum: JOIN_MATCHES,
    description:
      '`email`: the related record with the same e-mail as the same-system one (e.g. the CRM account of an ERP customer); `sourceId`: the related record whose source id is the referenced id (an external id mapped as source id).',
  })
  @IsIn(JOIN_MATCHES)
  matchOn!: (typeof JOIN_MATCHES)[number];

  @ApiPropertyOptional({ description: 'Look the related record up in this connection only (e.g. the CRM).' })
  @IsOptional()
  @IsUUID('4')
  targetConnectionId?: string;
}

export class JoinKeyResponse {
  @ApiProperty() entity!: string;
  @ApiProperty() relation!: string;
  @ApiProperty({ enum: JOIN_MATCHES }) matchOn!: string;
  @ApiProperty({ type: String, nullable: true }) targetConnectionId!: string | null;
  @ApiProperty() updatedAt!: string;
}

export class LineageResponse {
  @ApiProperty() id!: string;
  @ApiProperty() entity!: string;
  @ApiProperty() connectionId!: string;
  @ApiProperty() sourceId!: string;
  @ApiProperty({ description: 'When the stored version was read from the source.' }) fetchedAt!: string;
  @ApiProperty({ description: 'Connector definition name and version that mapped it.' }) mappingVersion!: string;
  @ApiProperty({ description: 'SHA-256 of the source record as read.' }) rawHash!: string;
  @ApiProperty({ description: 'SHA-256 of the canonical fields.' }) contentHash!: string;
  @ApiProperty({ type: String, nullable: true }) syncRunId!: string | null;
  @ApiProperty({ description: 'Increments each time the content changes.' }) version!: number;
  @ApiProperty() storedAt!: string;
  @ApiProperty() updatedAt!: string;
}
