// A few combinators that check parsed JSON against a shape and return it typed, collecting
// every problem with its path instead of stopping at the first.

export type Problems = string[];
export type Shape<T> = (value: unknown, path: string, problems: Problems) => T;

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

export const str: Shape<string> = (value, path, problems) => {
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.push(`${path}: expected a non-empty string, found ${describe(value)}`);
  return '';
};

export const num: Shape<number> = (value, path, problems) => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  problems.push(`${path}: expected a number, found ${describe(value)}`);
  return 0;
};

export const bool: Shape<boolean> = (value, path, problems) => {
  if (typeof value === 'boolean') return value;
  problems.push(`${path}: expected true or false, found ${describe(value)}`);
  return false;
};

export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return (value, path, problems) => (value === null || value === undefined ? null : shape(value, path, problems));
}

export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return (value, path, problems) => (value === undefined ? undefined : shape(value, path, problems));
}

export function oneOf<E extends string>(values: Record<string, E>): Shape<E> {
  const allowed = new Set<string>(Object.values(values));
  return (value, path, problems) => {
    if (typeof value === 'string' && allowed.has(value)) return value as E;
    problems.push(`${path}: expected one of ${[...allowed].join(', ')}, found ${JSON.stringify(value)}`);
    return [...allowed][0] as E;
  };
}

export function matching(pattern: RegExp, what: string): Shape<string> {
  return (value, path, problems) => {
    if (typeof value === 'string' && pattern.test(value)) return value;
    problems.push(`${path}: expected ${what}, found ${JSON.stringify(value)}`);
    return '';
  };
}

export function checked(test: (value: string) => boolean, what: string): Shape<string> {
  return (value, path, problems) => {
    if (typeof value === 'string' && test(value)) return value;
    problems.push(`${path}: expected ${what}, found ${JSON.stringify(value)}`);
    return '';
  };
}

export function arrayOf<T>(shape: Shape<T>): Shape<T[]> {
  return (value, path, problems) => {
    if (!Array.isArray(value)) {
      problems.push(`${path}: expected an array, found ${describe(value)}`);
      return [];
    }
    return value.map((item, i) => shape(item, `${path}[${i}]`, problems));
  };
}

type Fields<T> = { [K in keyof T]-?: Shape<T[K]> };

/** An object with exactly these fields: unknown fields are reported (they are usually typos). */
export function object<T>(fields: Fields<T>): Shape<T> {
  return (value, path, problems) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${path}: expected an object, found ${describe(value)}`);
      return {} as T;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(key in fields)) problems.push(`${path}.${key}: unknown field`);
    }
    const out: Partial<T> = {};
    for (const key of Object.keys(fields) as Array<keyof T>) {
      const parsed = fields[key](record[key as string], `${path}.${String(key)}`, problems);
      if (parsed !== undefined) out[key] = parsed;
    }
    return out as T;
  };
}
