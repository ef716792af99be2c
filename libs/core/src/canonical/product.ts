import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { withRecordMeta } from './canonical-record';
import { Money } from './money';

@InputType('ProductInput')
@ObjectType('ProductFields')
export class ProductFields {
  @ApiProperty({ example: 'WID-100' })
  @Field(() => String)
  @IsString()
  @Length(1, 100)
  sku!: string;

  @ApiProperty()
  @Field(() => String)
  @IsString()
  @Length(1, 300)
  name!: string;

  @ApiPropertyOptional({ type: Money })
  @Field(() => Money, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => Money)
  price?: Money;

  @ApiPropertyOptional({ example: 'EA', description: 'Unit of measure.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  unit?: string;

  @ApiPropertyOptional()
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@ObjectType()
export class Product extends withRecordMeta(ProductFields) {}
