import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The geography the store holds, by the hash of the files it was loaded from (data/geography/).
 * One row. A start whose files hash the same reads only this row and loads nothing; a changed
 * file brings every area and parent link in line inside one transaction and stores the new hash.
 */
@Entity('geography_version')
export class GeographyVersion {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ type: 'integer' })
  areas!: number;
}
