import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, PrimaryColumn } from 'typeorm';
import { NameColumn, TextColumn } from './columns';

@ObjectType({ description: 'A source of figures: a publisher and format the hub ingests.' })
@Entity('dataset')
export class Dataset {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 120 })
  id!: string;

  @Field()
  @NameColumn()
  name!: string;

  @Field()
  @NameColumn()
  publisher!: string;

  @Field()
  @TextColumn()
  description!: string;

  @Field(() => String, { nullable: true })
  @TextColumn(true)
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'Cron schedule of the ingest job, if scheduled.' })
  @NameColumn(true)
  schedule!: string | null;
}
