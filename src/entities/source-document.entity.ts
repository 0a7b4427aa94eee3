import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, PrimaryColumn } from 'typeorm';
import { DocumentKind } from '../domain/enums';
import { EnumColumn, NameColumn, TextColumn } from './columns';

@ObjectType({ description: 'A partnership document that reference data and quoted figures were transcribed from.' })
@Entity('source_document')
export class SourceDocument {
  @Field(() => ID, { description: 'The document file name, e.g. 000_d7f80165f4096f4d.txt.' })
  @PrimaryColumn({ type: 'varchar', length: 120 })
  id!: string;

  @Field()
  @NameColumn()
  title!: string;

  @Field()
  @NameColumn()
  publisher!: string;

  @Field(() => DocumentKind)
  @EnumColumn()
  kind!: DocumentKind;

  @Field(() => String, { nullable: true, description: 'Year or date of publication as the document gives it.' })
  @NameColumn(true)
  published!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Where the document was published, as far as the document itself says (a website it names); null when it does not say.',
  })
  @NameColumn(true)
  location!: string | null;

  @Field()
  @TextColumn()
  summary!: string;
}
