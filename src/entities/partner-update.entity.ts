import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BoolColumn, IntColumn, KeyColumn, KeyPrimaryColumn, NameColumn, TextColumn } from './columns';
import { MeetingReport } from './meeting-report.entity';
import { Organisation } from './organisation.entity';

@ObjectType({ description: 'What one partner reported to a meeting.' })
@Entity('partner_update')
export class PartnerUpdate {
  @Field(() => ID)
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  meetingId!: string;

  @ManyToOne(() => MeetingReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingReport;

  @Index()
  @KeyColumn()
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field({ description: 'The heading of the update as printed in the minutes.' })
  @NameColumn()
  heading!: string;

  @Field(() => String, { nullable: true })
  @NameColumn(true)
  speaker!: string | null;

  @Field({ description: 'False when the minutes record that nobody attended for this partner.' })
  @BoolColumn()
  attended!: boolean;

  @Field()
  @TextColumn()
  summary!: string;

  @IntColumn()
  position!: number;
}
