import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO4217CurrencyCode, Matches } from 'class-validator';

/** A decimal amount as a string (never a float) with its ISO 4217 currency. */
@InputType('MoneyInput')
@ObjectType()
export class Money {
  @ApiProperty({ example: '1250.00', pattern: '^-?\\d+(\\.\\d+)?$', description: 'Decimal string; never a float.' })
  @Field(() => String)
  @Matches(/^-?\d{1,18}(\.\d{1,6})?$/, { message: 'amount must be a decimal string like 1250.00' })
  amount!: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 currency code.' })
  @Field(() => String)
  @IsISO4217CurrencyCode()
  currency!: string;
}
