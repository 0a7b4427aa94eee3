import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IntColumn, KeyColumn, KeyPrimaryColumn, NameColumn, TextColumn } from './columns';
import { Plan } from './plan.entity';

@ObjectType({ description: "A priority of a plan, with the plan's reason for it." })
@Entity('priority')
export class Priority {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Field({ description: "The plan's own code, e.g. 1, A." })
  @NameColumn()
  code!: string;

  @Field()
  @NameColumn()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Why it is a priority, as the plan puts it.' })
  @TextColumn(true)
  rationale!: string | null;

  @IntColumn()
  position!: number;
}
