import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsISO8601, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { withRecordMeta } from './canonical-record';
import { Money } from './money';

export const CUSTOMER_STATUSES = ['active', 'inactive', 'blocked'] as const;

@InputType('CustomerInput')
@ObjectType('CustomerFields')
export class CustomerFields {
  @ApiProperty({ example: 'Acme Trading GmbH' })
  @Field(() => String)
  @IsString()
  @Length(1, 300)
  name!: string;

  @ApiPropertyOptional({ format: 'email' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional()
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  phone?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_STATUSES })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(CUSTOMER_STATUSES)
  status?: (typeof CUSTOMER_STATUSES)[number];

  @ApiPropertyOptional({ type: Money })
  @Field(() => Money, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => Money)
  creditLimit?: Money;

  @ApiPropertyOptional({ format: 'date-time' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedAt?: string;
}

@ObjectType()
export class Customer extends withRecordMeta(CustomerFields) {}
