import { Field, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Frequency } from '../domain/enums';
import { EnumColumn, IntColumn, IsoDateColumn, KeyColumn, KeyPrimaryColumn, NameColumn, PeriodColumn } from './columns';
import { Strategy } from './strategy.entity';

@ObjectType({ description: 'Something that happened to a strategy, and when, as precisely as the plan says.' })
@Entity('strategy_date')
export class StrategyDate {
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  strategyId!: string;

  @ManyToOne(() => Strategy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: Strategy;

  @Field({ description: 'What happened, in the statement\'s word, e.g. "approved".' })
  @NameColumn()
  event!: string;

  @Field({ description: 'When: a month 2020-01 or a year 2019, as precisely as the plan says.' })
  @PeriodColumn()
  period!: string;

  @Field(() => Frequency, { description: 'MONTH or YEAR: how precisely the plan dates it.' })
  @EnumColumn()
  frequency!: Frequency;

  @Field({ description: 'First day of the period, ISO date.' })
  @IsoDateColumn()
  periodStart!: string;

  @Field({ description: 'Last day of the period, ISO date.' })
  @IsoDateColumn()
  periodEnd!: string;

  @IntColumn()
  position!: number;
}
