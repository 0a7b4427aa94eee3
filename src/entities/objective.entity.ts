import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IntColumn, KeyColumn, KeyPrimaryColumn, NameColumn, TextColumn } from './columns';
import { Priority } from './priority.entity';

@ObjectType({ description: 'An objective under a priority.' })
@Entity('objective')
export class Objective {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  priorityId!: string;

  @ManyToOne(() => Priority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'priority_id' })
  priority?: Priority;

  @Field({ description: "The plan's own code, e.g. A, 1a." })
  @NameColumn()
  code!: string;

  @Field()
  @TextColumn()
  text!: string;

  @IntColumn()
  position!: number;
}
