import { Field, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { KeyPrimaryColumn, ListColumn, NameColumn, TextColumn } from './columns';

@ObjectType({ description: 'A community safety partnership covering a set of districts.' })
@Entity('partnership')
export class Partnership {
  @Field({ description: 'e.g. gosport, safer-north-hampshire.' })
  @KeyPrimaryColumn()
  slug!: string;

  @Field()
  @NameColumn()
  name!: string;

  @Field()
  @TextColumn()
  description!: string;

  @Field(() => [String], { description: "The documents this partnership's reference data comes from." })
  @ListColumn()
  sourceDocuments!: string[];
}
