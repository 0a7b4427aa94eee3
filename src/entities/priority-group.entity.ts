import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GovernanceGroup } from './governance-group.entity';
import { Priority } from './priority.entity';

/** The strategic planning groups a plan names for a priority. */
@Entity('priority_group')
export class PriorityGroup {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  priorityId!: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 120 })
  groupId!: string;

  @ManyToOne(() => Priority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'priority_id' })
  priority?: Priority;

  @ManyToOne(() => GovernanceGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: GovernanceGroup;
}
