import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsISO8601, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { withRecordMeta } from './canonical-record';
import { Money } from './money';

@InputType('InvoiceInput')
@ObjectType('InvoiceFields')
export class InvoiceFields {
  @ApiProperty({ example: 'INV-2026-0042' })
  @Field(() => String)
  @IsString()
  @Length(1, 100)
  number!: string;

  @ApiPropertyOptional()
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  orderSourceId?: string;

  @ApiPropertyOptional()
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  customerSourceId?: string;

  @ApiPropertyOptional({ format: 'date' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  issuedAt?: string;

  @ApiPropertyOptional({ format: 'date' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({ type: Money })
  @Field(() => Money, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => Money)
  amount?: Money;

  @ApiPropertyOptional()
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  paid?: boolean;
}

@ObjectType()
export class Invoice extends withRecordMeta(InvoiceFields) {}
