import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PlanSection } from './plan-section.entity';
import { Theme } from './theme.entity';

@Entity('section_theme')
export class SectionTheme {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  sectionId!: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 120 })
  themeCode!: string;

  @ManyToOne(() => PlanSection, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: PlanSection;

  @ManyToOne(() => Theme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'theme_code' })
  theme?: Theme;
}
