import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { KeyColumn, NameColumn, TimestampColumn } from './columns';

import { Organisation } from './organisation.entity';

/** An organisation's API key. Only its SHA-256 hash is kept; the prefix finds it. */
@ObjectType({ description: 'An API key, as its holder may see it: never the key itself.' })
@Entity('api_key')
export class ApiKey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @KeyColumn()
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field({ description: 'The first characters of the key, to tell keys apart.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Field()
  @NameColumn()
  label!: string;

  @Field()
  @TimestampColumn()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @TimestampColumn(true)
  revokedAt!: Date | null;
}
