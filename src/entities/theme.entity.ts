import { Field, ObjectType } from 'type-graphql';
import { Entity, PrimaryColumn } from 'typeorm';
import { NameColumn, TextColumn } from './columns';

@ObjectType({ description: 'A shared vocabulary term that ties priorities of different partnerships together.' })
@Entity('theme')
export class Theme {
  @Field({ description: 'e.g. DOMESTIC_ABUSE.' })
  @PrimaryColumn({ type: 'varchar', length: 120 })
  code!: string;

  @Field()
  @NameColumn()
  name!: string;

  @Field()
  @TextColumn()
  description!: string;
}
