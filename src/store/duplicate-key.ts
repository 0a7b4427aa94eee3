// A statement refused because a row with the same primary or unique key exists: SQLite's
// SQLITE_CONSTRAINT_PRIMARYKEY or _UNIQUE, PostgreSQL's unique_violation (23505). TypeORM wraps
// the driver's error in QueryFailedError, with the driver's own as driverError.

const DUPLICATE = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE', '23505']);

export function isDuplicateKey(err: unknown): boolean {
  const codeOf = (e: unknown): unknown =>
    typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  const driverError =
    typeof err === 'object' && err !== null && 'driverError' in err
      ? (err as { driverError: unknown }).driverError
      : undefined;
  const code = codeOf(driverError) ?? codeOf(err);
  return typeof code === 'string' && DUPLICATE.has(code);
}
