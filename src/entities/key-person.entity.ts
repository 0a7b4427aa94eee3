import { Field, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IntColumn, KeyColumn, KeyPrimaryColumn, NameColumn } from './columns';
import { Organisation } from './organisation.entity';
import { Plan } from './plan.entity';
import { Priority } from './priority.entity';

@ObjectType({ description: 'A person a plan names: key to delivering a priority, or to the plan as a whole.' })
@Entity('key_person')
export class KeyPerson {
  @KeyPrimaryColumn()
  id!: string;

  // A person named for a priority has its priority (and plan); one named for the plan as a whole
  // (a signatory, a police commander) has only the plan. Rows loaded before plan people were
  // held have no plan id; the next reference load fills it.
  @Index()
  @KeyColumn(true)
  planId!: string | null;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Index()
  @KeyColumn(true)
  priorityId!: string | null;

  @ManyToOne(() => Priority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'priority_id' })
  priority?: Priority;

  @Field()
  @NameColumn()
  name!: string;

  @Field(() => String, { nullable: true })
  @NameColumn(true)
  role!: string | null;

  @KeyColumn(true)
  organisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @IntColumn()
  position!: number;
}
