import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ActionStatus } from '../domain/enums';
import { EnumColumn, IntColumn, IsoDateColumn, KeyColumn, KeyPrimaryColumn, NameColumn, TextColumn } from './columns';
import { Organisation } from './organisation.entity';
import { Plan } from './plan.entity';
import { Priority } from './priority.entity';

@ObjectType({ description: 'An action of a plan, with its lead and deadline.' })
@Entity('plan_action')
export class Action {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Index()
  @KeyColumn()
  priorityId!: string;

  @ManyToOne(() => Priority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'priority_id' })
  priority?: Priority;

  @Field(() => String, { nullable: true })
  @NameColumn(true)
  theme!: string | null;

  @Field(() => String, { nullable: true })
  @NameColumn(true)
  subTheme!: string | null;

  @Field()
  @TextColumn()
  text!: string;

  @Field(() => String, { nullable: true, description: 'The lead as the plan names it (often a role).' })
  @NameColumn(true)
  lead!: string | null;

  @KeyColumn(true)
  leadOrganisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_organisation_id' })
  leadOrganisation?: Organisation;

  @Field(() => String, { nullable: true, description: 'The deadline as written, e.g. "December 2020".' })
  @NameColumn(true)
  deadline!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "ISO date the action is due: the last day of the deadline's month.",
  })
  @IsoDateColumn(true)
  dueDate!: string | null;

  @Field(() => ActionStatus)
  @EnumColumn()
  status!: ActionStatus;

  @IntColumn()
  position!: number;

  @Field()
  @KeyColumn()
  sourceDocument!: string;
}
