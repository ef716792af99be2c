import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { ResilienceSettings } from '../resilience/resilience-settings';

const NAME = /^[a-z0-9][a-z0-9-]{0,99}$/;

export class CreateConnectionDto {
  @ApiProperty({ description: 'Unique per tenant: lowercase letters, digits and dashes.', example: 'acme-erp' })
  @Matches(NAME, { message: 'name must be lowercase letters, digits and dashes (max 100)' })
  name!: string;

  @ApiProperty({
    description: 'The connector definition (JSON object, see docs/adapters.md); its `adapter` picks the adapter kind.',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  definition!: Record<string, unknown>;

  @ApiPropertyOptional({
    description: "Adapter settings, validated against the kind's settings schema.",
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Secrets (passwords, client secrets). Encrypted at rest and never returned.',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, string>;

  @ApiPropertyOptional({ type: ResilienceSettings })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResilienceSettings)
  resilience?: ResilienceSettings;
}

/** Any of the creation fields but the name; settings and credentials are replaced as a whole. */
export class UpdateConnectionDto extends PartialType(OmitType(CreateConnectionDto, ['name'] as const)) {}

export class DefinitionSummary {
  @ApiProperty() name!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ type: String, isArray: true }) entities!: string[];
  @ApiProperty({ type: String, isArray: true }) passthrough!: string[];
}

export class ConnectionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() adapter!: string;
  @ApiProperty({ type: DefinitionSummary }) definition!: DefinitionSummary;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings!: Record<string, unknown>;
  @ApiProperty({
    type: String,
    isArray: true,
    description: 'Names of the stored secrets; their values are never returned.',
  })
  credentialsSet!: string[];
  @ApiProperty({ type: ResilienceSettings }) resilience!: ResilienceSettings;
  @ApiProperty({ enum: ['closed', 'open', 'half-open', 'isolated'] }) breaker!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() version!: number;
}

export class ConnectionTestError {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class ConnectionTestResponse {
  @ApiProperty() ok!: boolean;
  @ApiProperty() latencyMs!: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
  @ApiPropertyOptional({ type: ConnectionTestError }) error?: ConnectionTestError;
}

export class AdapterKindResponse {
  @ApiProperty() kind!: string;
  @ApiPropertyOptional() displayName?: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) settingsSchema!: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) credentialsSchema?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) operationSchema?: Record<string, unknown>;
}
