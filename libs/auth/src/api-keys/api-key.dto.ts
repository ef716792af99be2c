import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ALL_SCOPES, Scope } from '@trestle/core';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'What the key is for, e.g. "nightly export job".', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ALL_SCOPES, isArray: true, description: 'Scopes the key grants.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ALL_SCOPES, { each: true })
  scopes!: Scope[];

  @ApiPropertyOptional({ description: "Tenant of the key; defaults to the caller's own tenant." })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  tenantId?: string;
}

export class ApiKeyResponse {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ALL_SCOPES, isArray: true }) scopes!: string[];
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The key itself. Shown once; only its hash is stored.' })
  key!: string;
}
