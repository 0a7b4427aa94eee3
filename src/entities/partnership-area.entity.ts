import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Area } from './area.entity';
import { Partnership } from './partnership.entity';

@Entity('partnership_area')
export class PartnershipArea {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  partnershipSlug!: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 12 })
  areaCode!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_slug' })
  partnership?: Partnership;

  @ManyToOne(() => Area, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_code' })
  area?: Area;
}
