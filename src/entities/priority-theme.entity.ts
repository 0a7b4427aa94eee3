import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Priority } from './priority.entity';
import { Theme } from './theme.entity';

@Entity('priority_theme')
export class PriorityTheme {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  priorityId!: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 120 })
  themeCode!: string;

  @ManyToOne(() => Priority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'priority_id' })
  priority?: Priority;

  @ManyToOne(() => Theme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'theme_code' })
  theme?: Theme;
}
