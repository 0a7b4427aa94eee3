import { Field, Int, ObjectType } from 'type-graphql';
import { Entity, Index, PrimaryColumn } from 'typeorm';
import { AreaType } from '../domain/enums';
import { EnumColumn, IntColumn, NameColumn, TextColumn } from './columns';

@ObjectType({ description: 'A geographic area keyed by its GSS code.' })
@Entity('area')
export class Area {
  @Field({ description: 'GSS code, e.g. E07000088.' })
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: string;

  @Field()
  @NameColumn()
  name!: string;

  @Field(() => AreaType)
  @Index()
  @EnumColumn()
  type!: AreaType;

  @Field(() => String, { nullable: true })
  @TextColumn(true)
  note!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The year of the ONS code set the code and boundary come from: 2011 for LSOAs and MSOAs, 2019 for districts, counties and regions, 2017 for community safety partnerships and police force areas, 2019 or 2021 for fire and rescue authorities. Null for an area no lookup gave (one a source revealed).',
  })
  @IntColumn(true)
  vintage!: number | null;
}
