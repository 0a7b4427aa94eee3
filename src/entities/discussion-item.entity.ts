import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IntColumn, KeyColumn, KeyPrimaryColumn, NameColumn, TextColumn } from './columns';
import { MeetingReport } from './meeting-report.entity';

@ObjectType({ description: "A question, answer or point the minutes record in a meeting's discussion." })
@Entity('discussion_item')
export class DiscussionItem {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  meetingId!: string;

  @ManyToOne(() => MeetingReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingReport;

  @Field(() => String, { nullable: true, description: 'Who raised it, as the minutes say (e.g. "Councillors").' })
  @NameColumn(true)
  raisedBy!: string | null;

  @Field({ description: 'The item in the words of the minutes.' })
  @TextColumn()
  text!: string;

  @IntColumn()
  position!: number;
}
