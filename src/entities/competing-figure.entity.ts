import { Field, Float, ObjectType } from 'type-graphql';
import { Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BoolColumn, IntColumn, KeyColumn, NumberColumn, TextColumn, TimestampColumn } from './columns';
import { Observation } from './observation.entity';

/**
 * What another source last said of a figure whose shown value came from elsewhere: one row per
 * figure and source, kept so that a source re-delivering an unchanged value does not overwrite
 * a later change from another door, and so that a conflict between them can be shown.
 */
@ObjectType({
  description:
    "Another source's latest value for a figure whose shown value came from elsewhere. It differs from the shown value when the figure has a conflict.",
})
@Entity('competing_figure')
@Unique('uq_competing_figure_source', ['observationId', 'sourceKey'])
export class CompetingFigure {
  @PrimaryGeneratedColumn()
  id!: number;

  @IntColumn()
  observationId!: number;

  @ManyToOne(() => Observation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'observation_id' })
  observation?: Observation;

  @Field({ description: 'The source (see Observation.sourceKey).' })
  @KeyColumn()
  sourceKey!: string;

  @Field(() => Float, { nullable: true })
  @NumberColumn(true)
  value!: number | null;

  @Field(() => Float, { nullable: true })
  @NumberColumn(true)
  numerator!: number | null;

  @Field(() => Float, { nullable: true })
  @NumberColumn(true)
  denominator!: number | null;

  @NumberColumn(true)
  lowerCi!: number | null;

  @NumberColumn(true)
  upperCi!: number | null;

  @Field()
  @BoolColumn()
  suppressed!: boolean;

  @Field(() => String, { nullable: true })
  @TextColumn(true)
  note!: string | null;

  @Field()
  @KeyColumn()
  datasetId!: string;

  @IntColumn(true)
  ingestRunId!: number | null;

  @Field(() => String, { nullable: true, description: 'The source as published (a file name or URL).' })
  @TextColumn(true)
  sourceUrl!: string | null;

  @Field({ description: 'When this source last delivered it.' })
  @TimestampColumn()
  retrievedAt!: Date;
}
