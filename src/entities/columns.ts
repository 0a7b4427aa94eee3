import { Column, PrimaryColumn } from 'typeorm';

// Column shapes used across entities, chosen so that one set of migrations fits SQLite and
// PostgreSQL alike: varchar/text/integer/double precision/boolean exist on both, and ISO date
// strings (YYYY-MM-DD) sort and compare the same everywhere.

export const KEY_LENGTH = 120;

export const KeyColumn = (nullable = false): PropertyDecorator =>
  Column({ type: 'varchar', length: KEY_LENGTH, nullable });
export const NameColumn = (nullable = false): PropertyDecorator => Column({ type: 'varchar', length: 300, nullable });
export const EnumColumn = (nullable = false): PropertyDecorator => Column({ type: 'varchar', length: 40, nullable });
/** An enum column that existing rows fill with a default when it is added. */
export const EnumColumnWithDefault = (value: string): PropertyDecorator =>
  Column({ type: 'varchar', length: 40, default: value });
export const TextColumn = (nullable = false): PropertyDecorator => Column({ type: 'text', nullable });
export const IsoDateColumn = (nullable = false): PropertyDecorator => Column({ type: 'varchar', length: 10, nullable });
export const PeriodColumn = (): PropertyDecorator => Column({ type: 'varchar', length: 10 });
export const IntColumn = (nullable = false): PropertyDecorator => Column({ type: 'integer', nullable });
export const NumberColumn = (nullable = false): PropertyDecorator => Column({ type: 'double precision', nullable });
export const BoolColumn = (): PropertyDecorator => Column({ type: 'boolean' });
export const TimestampColumn = (nullable = false): PropertyDecorator => Column({ type: Date, nullable });
export const ListColumn = (): PropertyDecorator => Column({ type: 'simple-array' });
export const KeyPrimaryColumn = (): PropertyDecorator => PrimaryColumn({ type: 'varchar', length: KEY_LENGTH });
export const AreaCodeColumn = (): PropertyDecorator => Column({ type: 'varchar', length: 12 });
