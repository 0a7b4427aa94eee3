import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IntColumn, KeyColumn, KeyPrimaryColumn, NameColumn, TextColumn } from './columns';
import { Plan } from './plan.entity';
import { SourceDocument } from './source-document.entity';

@ObjectType({ description: 'Another strategy, plan or profile a plan names, with the dates it gives it.' })
@Entity('plan_strategy')
export class Strategy {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Field({ description: 'The strategy as the plan names it.' })
  @NameColumn()
  name!: string;

  @Field({ description: 'The sentence of the plan that names it.' })
  @TextColumn()
  statement!: string;

  @KeyColumn(true)
  parentId!: string | null;

  @ManyToOne(() => Strategy, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Strategy;

  @IntColumn()
  position!: number;

  @Field()
  @KeyColumn()
  sourceDocument!: string;

  @ManyToOne(() => SourceDocument)
  @JoinColumn({ name: 'source_document' })
  document?: SourceDocument;
}
