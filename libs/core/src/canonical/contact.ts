import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length } from 'class-validator';
import { withRecordMeta } from './canonical-record';

@InputType('ContactInput')
@ObjectType('ContactFields')
export class ContactFields {
  @ApiPropertyOptional()
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  firstName?: string;

  @ApiProperty()
  @Field(() => String)
  @IsString()
  @Length(1, 100)
  lastName!: string;

  @ApiPropertyOptional({ format: 'email' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional()
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  phone?: string;

  @ApiPropertyOptional({ description: "The customer's id in the same legacy system." })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  customerSourceId?: string;
}

@ObjectType()
export class Contact extends withRecordMeta(ContactFields) {}
