import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Measure } from './measure.entity';
import { Theme } from './theme.entity';

@Entity('measure_theme')
export class MeasureTheme {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  measureCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 120 })
  themeCode!: string;

  @ManyToOne(() => Measure, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'measure_code' })
  measure?: Measure;

  @ManyToOne(() => Theme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'theme_code' })
  theme?: Theme;
}
