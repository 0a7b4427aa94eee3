import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row whose token changes whenever the plan graph does (partnerships, their districts,
 * plans, priorities, measure links, measures, actions). Triggers set it, in the writing
 * transaction, whoever writes: the reference loader, another hub sharing the store, or an
 * administrator's SQL. A hub keeps the plan graph in memory and reads only this token to know
 * it is current. A random token rather than a counter: a rolled-back load puts the old token
 * back, and a counter could then reach the same number again with other rows behind it.
 */
@Entity('reference_version')
export class ReferenceVersion {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  token!: string;
}
