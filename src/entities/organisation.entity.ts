import { Field, ID, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { OrganisationType } from '../domain/enums';
import { EnumColumn, KeyPrimaryColumn, ListColumn, NameColumn, TextColumn } from './columns';

@ObjectType({
  description: 'A police force, fire and rescue service, council, health body, probation service or voluntary body.',
})
@Entity('organisation')
export class Organisation {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Field()
  @NameColumn()
  name!: string;

  @Field(() => OrganisationType)
  @EnumColumn()
  type!: OrganisationType;

  @Field(() => [String], { description: 'The documents that name this organisation.' })
  @ListColumn()
  sourceDocuments!: string[];

  @Field(() => String, { nullable: true })
  @TextColumn(true)
  note!: string | null;
}
