import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Area } from './area.entity';

/** An area may sit in several parents: a district in a county and in a police force area. */
@Entity('area_parent')
export class AreaParent {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  childCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  parentCode!: string;

  @ManyToOne(() => Area, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'child_code' })
  child?: Area;

  @ManyToOne(() => Area, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Area;
}
