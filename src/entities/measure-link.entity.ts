import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { LinkBasis, Polarity } from '../domain/enums';
import { EnumColumn, IntColumn, KeyColumn, KeyPrimaryColumn, NameColumn, NumberColumn, TextColumn } from './columns';
import { Measure } from './measure.entity';
import { Objective } from './objective.entity';
import { Partnership } from './partnership.entity';
import { Priority } from './priority.entity';

@ObjectType({ description: "A measure evidencing a priority (or one of its objectives) of one partnership's plan." })
@Entity('measure_link')
export class MeasureLink {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  measureCode!: string;

  @ManyToOne(() => Measure, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'measure_code' })
  measure?: Measure;

  @Index()
  @KeyColumn()
  partnershipSlug!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_slug' })
  partnership?: Partnership;

  @Index()
  @KeyColumn()
  priorityId!: string;

  @ManyToOne(() => Priority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'priority_id' })
  priority?: Priority;

  @Index()
  @KeyColumn(true)
  objectiveId!: string | null;

  @ManyToOne(() => Objective, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'objective_id' })
  objective?: Objective;

  @Field(() => String, { nullable: true, description: 'The plan\'s own label, e.g. "a)".' })
  @NameColumn(true)
  label!: string | null;

  @Field(() => LinkBasis)
  @EnumColumn()
  basis!: LinkBasis;

  @Field(() => String, { nullable: true })
  @TextColumn(true)
  note!: string | null;

  @Field(() => Polarity, {
    nullable: true,
    description: "The plan's own polarity for this measure, when it differs from the measure's.",
  })
  @EnumColumn(true)
  polarity!: Polarity | null;

  @Field(() => Float, { nullable: true })
  @NumberColumn(true)
  target!: number | null;

  @IntColumn()
  position!: number;
}
