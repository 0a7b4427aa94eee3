import { Field, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IntColumn, KeyColumn, KeyPrimaryColumn, NameColumn } from './columns';
import { Priority } from './priority.entity';

@ObjectType({ description: 'A person a plan names as key to delivering a priority.' })
@Entity('key_person')
export class KeyPerson {
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  priorityId!: string;

  @ManyToOne(() => Priority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'priority_id' })
  priority?: Priority;

  @Field()
  @NameColumn()
  name!: string;

  @Field(() => String, { nullable: true })
  @NameColumn(true)
  role!: string | null;

  @IntColumn()
  position!: number;
}
