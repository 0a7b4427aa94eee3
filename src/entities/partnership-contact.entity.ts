import { Field, ObjectType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ContactKind } from '../domain/enums';
import { EnumColumn, IntColumn, KeyColumn, KeyPrimaryColumn, NameColumn } from './columns';
import { Partnership } from './partnership.entity';
import { SourceDocument } from './source-document.entity';

@ObjectType({ description: 'A website, email address or telephone number of a partnership, as its documents give it.' })
@Entity('partnership_contact')
export class PartnershipContact {
  @KeyPrimaryColumn()
  id!: string;

  @Index()
  @KeyColumn()
  partnershipSlug!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_slug' })
  partnership?: Partnership;

  @Field(() => ContactKind)
  @EnumColumn()
  kind!: ContactKind;

  @Field()
  @NameColumn()
  value!: string;

  @IntColumn()
  position!: number;

  @Field()
  @KeyColumn()
  sourceDocument!: string;

  @ManyToOne(() => SourceDocument)
  @JoinColumn({ name: 'source_document' })
  document?: SourceDocument;
}
