import { Field, ObjectType } from 'type-graphql';
import { Entity, Index, PrimaryColumn } from 'typeorm';
import { AreaType } from '../domain/enums';
import { EnumColumn, NameColumn, TextColumn } from './columns';

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
}
