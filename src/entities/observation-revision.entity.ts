import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RevisionReason } from '../domain/enums';
import {
  BoolColumn,
  EnumColumnWithDefault,
  IntColumn,
  KEY_LENGTH,
  KeyColumn,
  NumberColumn,
  TextColumn,
  TimestampColumn,
} from './columns';
import { Observation } from './observation.entity';

/** An earlier value of an observation, kept when a later load changed it. */
@ObjectType({ description: 'An earlier value of a figure, kept when a later load changed it.' })
@Entity('observation_revision')
export class ObservationRevision {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @IntColumn()
  observationId!: number;

  @ManyToOne(() => Observation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'observation_id' })
  observation?: Observation;

  @Field(() => Float, { nullable: true })
  @NumberColumn(true)
  value!: number | null;

  @Field(() => Float, { nullable: true })
  @NumberColumn(true)
  numerator!: number | null;

  @Field(() => Float, { nullable: true })
  @NumberColumn(true)
  denominator!: number | null;

  @Field(() => Float, { nullable: true })
  @NumberColumn(true)
  lowerCi!: number | null;

  @Field(() => Float, { nullable: true })
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

  @KeyColumn(true)
  sourceDocument!: string | null;

  @TextColumn(true)
  sourceUrl!: string | null;

  @Field({ description: 'When the superseded value had been retrieved.' })
  @TimestampColumn()
  retrievedAt!: Date;

  @Field({ description: 'When a later load replaced it.' })
  @TimestampColumn()
  supersededAt!: Date;

  @Field({ description: 'The source of this value (see Observation.sourceKey).' })
  @Column({ type: 'varchar', length: KEY_LENGTH, default: '' })
  sourceKey!: string;

  @Field(() => RevisionReason)
  @EnumColumnWithDefault(RevisionReason.REVISED)
  reason!: RevisionReason;
}
