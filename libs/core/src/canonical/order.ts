import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { withRecordMeta } from './canonical-record';
import { Money } from './money';

export const ORDER_STATUSES = ['open', 'confirmed', 'shipped', 'invoiced', 'cancelled'] as const;

@InputType('OrderLineInput')
@ObjectType()
export class OrderLine {
  @ApiProperty()
  @Field(() => Int)
  @IsInt()
  @Min(0)
  lineNo!: number;

  @ApiPropertyOptional({ description: "The product's id in the same legacy system." })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  productSourceId?: string;

  @ApiProperty({ example: '3', description: 'Decimal string.' })
  @Field(() => String)
  @Matches(/^\d{1,12}(\.\d{1,6})?$/, { message: 'quantity must be a non-negative decimal string' })
  quantity!: string;

  @ApiPropertyOptional({ type: Money })
  @Field(() => Money, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => Money)
  unitPrice?: Money;
}

@InputType('OrderInput')
@ObjectType('OrderFields')
export class OrderFields {
  @ApiProperty({ example: 'SO-10042' })
  @Field(() => String)
  @IsString()
  @Length(1, 100)
  number!: string;

  @ApiPropertyOptional({ description: "The customer's id in the same legacy system." })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  customerSourceId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  orderedAt?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: (typeof ORDER_STATUSES)[number];

  @ApiPropertyOptional({ type: Money })
  @Field(() => Money, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => Money)
  total?: Money;

  @ApiPropertyOptional({ type: OrderLine, isArray: true })
  @Field(() => [OrderLine], { nullable: true })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OrderLine)
  lines?: OrderLine[];
}

@ObjectType()
export class Order extends withRecordMeta(OrderFields) {}
