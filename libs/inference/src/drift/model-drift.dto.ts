import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const DRIFT_STATUSES = ['disabled', 'collecting', 'insufficient', 'monitoring'] as const;
export type DriftStatus = (typeof DRIFT_STATUSES)[number];

export class DriftBinResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'Upper edge of the bin (inclusive); null for the last.' })
  upper!: number | null;
  @ApiProperty({ description: 'Share of the reference records in this bin.' }) reference!: number;
  @ApiProperty({ description: 'Share of the current window in this bin.' }) current!: number;
}

export class DriftFeatureResponse {
  @ApiProperty({ example: 'log_amount', description: 'A tensor column, or the enrichment field for the output.' })
  name!: string;
  @ApiProperty({ enum: ['input', 'output'] }) kind!: 'input' | 'output';
  @ApiProperty({ type: Number, nullable: true, description: 'Population stability index; null until enough records.' })
  psi!: number | null;
  @ApiProperty({ description: 'Over the threshold.' }) drifted!: boolean;
  @ApiProperty({ type: DriftBinResponse, isArray: true }) bins!: DriftBinResponse[];
}

export class DriftReferenceResponse {
  @ApiProperty({
    enum: ['first', 'pinned'],
    description: '`first`: the first scored records; `pinned` through the API.',
  })
  source!: string;
  @ApiProperty({ description: 'Records the reference is made of.' }) size!: number;
  @ApiProperty({ description: 'Records collected so far (equals size once ready).' }) collected!: number;
  @ApiProperty({ type: String, nullable: true }) readyAt!: string | null;
}

export class DriftWindowResponse {
  @ApiProperty() minutes!: number;
  @ApiProperty({ description: 'Scored records in the current window.' }) records!: number;
  @ApiProperty({ description: 'Records needed before the index is computed.' }) minSamples!: number;
}

export class ModelDriftResponse {
  @ApiProperty({ example: 'order-anomaly' }) model!: string;
  @ApiProperty({ example: '1' }) version!: string;
  @ApiProperty({ enum: DRIFT_STATUSES }) status!: DriftStatus;
  @ApiProperty({ example: 0.2 }) threshold!: number;
  @ApiProperty({ description: 'Whether any feature is over the threshold.' }) alerting!: boolean;
  @ApiPropertyOptional({ type: DriftReferenceResponse }) reference?: DriftReferenceResponse;
  @ApiPropertyOptional({ type: DriftWindowResponse }) window?: DriftWindowResponse;
  @ApiProperty({ type: DriftFeatureResponse, isArray: true }) features!: DriftFeatureResponse[];
  @ApiProperty() evaluatedAt!: string;
}

export class PinDriftReferenceDto {
  @ApiProperty({
    enum: ['current', 'restart'],
    description:
      '`current`: the current window becomes the reference (same bins); `restart`: the next scored records form a new one.',
  })
  @IsIn(['current', 'restart'])
  from!: 'current' | 'restart';
}
