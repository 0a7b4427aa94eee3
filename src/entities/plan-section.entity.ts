import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IntColumn, KeyColumn, KeyPrimaryColumn, ListColumn, NameColumn, TextColumn } from './columns';
import { Plan } from './plan.entity';
import { SourceDocument } from './source-document.entity';

@ObjectType({
  description:
    "Part of a plan that is context, not a priority (a section such as road safety, or what the plan says of its area), in the plan's own words.",
})
@Entity('plan_section')
export class PlanSection {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Field({ description: 'The heading the plan puts the text under.' })
  @NameColumn()
  heading!: string;

  @Field({ description: "The plan's words, paragraphs separated by a blank line." })
  @TextColumn()
  text!: string;

  @Field(() => [String], { description: 'Places the text names, as it names them.' })
  @ListColumn()
  places!: string[];

  @IntColumn()
  position!: number;

  @Field()
  @KeyColumn()
  sourceDocument!: string;

  @ManyToOne(() => SourceDocument)
  @JoinColumn({ name: 'source_document' })
  document?: SourceDocument;
}
