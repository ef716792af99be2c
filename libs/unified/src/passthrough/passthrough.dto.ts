import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, Matches } from 'class-validator';

export class PassthroughRequest {
  @ApiProperty({
    description: "Name of a raw operation declared in the connection's definition.",
    example: 'GetStockLevel',
  })
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, { message: 'operation must be an operation name' })
  operation!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Arguments of the operation.' })
  @IsOptional()
  @IsObject()
  args?: Record<string, unknown>;
}

export class PassthroughResponse {
  @ApiProperty() operation!: string;
  @ApiProperty({ description: 'The raw result as the legacy system returned it.' }) result!: unknown;
}
