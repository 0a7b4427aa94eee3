import { Field, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Frequency, MeasureAccess, Polarity, Unit } from '../domain/enums';
import { EnumColumn, EnumColumnWithDefault, KeyColumn, NameColumn, TextColumn } from './columns';
import { Dataset } from './dataset.entity';
import { SourceDocument } from './source-document.entity';

@ObjectType({ description: 'A quantity the hub tracks, coded source.name (e.g. police.anti-social-behaviour).' })
@Entity('measure')
export class Measure {
  @Field()
  @PrimaryColumn({ type: 'varchar', length: 120 })
  code!: string;

  @Field()
  @NameColumn()
  name!: string;

  @Field()
  @TextColumn()
  definition!: string;

  @Field(() => Unit)
  @EnumColumn()
  unit!: Unit;

  @Field(() => Polarity)
  @EnumColumn()
  polarity!: Polarity;

  @Field(() => Frequency)
  @EnumColumn()
  frequency!: Frequency;

  @Field({ description: 'The source part of the code: police, fingertips, fire, ons, partner or quoted.' })
  @Index()
  @EnumColumn()
  source!: string;

  @Index()
  @KeyColumn(true)
  datasetId!: string | null;

  @ManyToOne(() => Dataset, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: Dataset;

  @Field(() => String, {
    nullable: true,
    description: 'The organisation whose figures these are: only its API keys may submit them.',
  })
  @KeyColumn(true)
  ownerOrganisationId!: string | null;

  @Field(() => MeasureAccess, {
    description:
      'Who may see its figures: PUBLIC, SUPPRESSED (small counts hidden from non-members) or RESTRICTED (members only).',
  })
  @EnumColumnWithDefault(MeasureAccess.PUBLIC)
  access!: MeasureAccess;

  @Field(() => String, {
    nullable: true,
    description: 'The document that defines this measure, for measures a plan introduces.',
  })
  @KeyColumn(true)
  sourceDocument!: string | null;

  @ManyToOne(() => SourceDocument, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'source_document' })
  document?: SourceDocument;
}
