import { z } from 'zod';

// zod reports each problem as an issue with a path of keys and indexes. The hub reports it as
// one line saying where it is and what was expected, e.g.
//   partnerships/gosport.json.plans[0].priorities[2].code: expected a non-empty string, found number
// so that whoever edits a file by hand can go straight to the field. The leaf schemas below
// say what they expected in their own words; objects and arrays get theirs from checkWith.

/** The kind of a value, for a message that must not repeat the value itself. */
export function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

const QUOTE_AT_MOST = 40;

/**
 * What was found, repeating no more of the user's value than is needed to spot it: a string is
 * quoted (cut short when long, since a typo in a code is found by seeing it, a paragraph is not),
 * anything else is named by its kind.
 */
export function found(value: unknown): string {
  if (typeof value !== 'string') return kindOf(value);
  const cut = value.length > QUOTE_AT_MOST ? `${value.slice(0, QUOTE_AT_MOST)}…` : value;
  return JSON.stringify(cut);
}

/** `.plans[0].code` for ['plans', 0, 'code']: indexes in brackets, keys after a dot. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

const KINDS: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  number: 'a number',
  boolean: 'true or false',
  string: 'a string',
};

// Used for every issue whose schema has no message of its own (objects and arrays, mostly).
const containerMessages: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type'
    ? `expected ${KINDS[issue.expected] ?? issue.expected}, found ${kindOf(issue.input)}`
    : undefined;

/**
 * `/plans/0/title` for ['plans', 0, 'title']: a JSON Pointer (RFC 6901), the form JSON tools and
 * editors name a place in a file by.
 */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** How a problem line names its place: `where.plans[0].title`, or `where: /plans/0/title` for a file. */
export type PathStyle = 'dotted' | 'pointer';

function placeText(where: string, path: readonly PropertyKey[], style: PathStyle): string {
  if (style === 'dotted') return `${where}${pathText(path)}`;
  return path.length === 0 ? where : `${where}: ${jsonPointer(path)}`;
}

/** One line per problem: where (a file name, say), the path inside, and the message. */
export function issueLines(issues: readonly z.core.$ZodIssue[], where: string, style: PathStyle = 'dotted'): string[] {
  return issues.flatMap((issue) =>
    // zod gives the unknown keys of one object as one issue; each is its own mistake (usually a
    // typo), so each gets its own line at its own path.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${placeText(where, [...issue.path, key], style)}: unknown field`)
      : [`${placeText(where, issue.path, style)}: ${issue.message}`],
  );
}

export type Checked<T> = { ok: true; data: T } | { ok: false; problems: string[] };

/** Checks `value` against `schema`, collecting every problem (not just the first) as lines naming `where`. */
export function checkWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
  style: PathStyle = 'dotted',
): Checked<z.output<S>> {
  const result = schema.safeParse(value, { error: containerMessages });
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, problems: issueLines(result.error.issues, where, style) };
}

// The leaves. Their messages are part of the problem lines above, so they live here.

type Issue = { input?: unknown };

/** A string with something in it: a blank name is as good as a missing one. */
export const text = z
  .string({ error: (iss: Issue) => `expected a non-empty string, found ${kindOf(iss.input)}` })
  .regex(/\S/, { error: 'expected a non-empty string, found string' });

export const number = z.number({ error: (iss: Issue) => `expected a number, found ${kindOf(iss.input)}` });

export const bool = z.boolean({ error: (iss: Issue) => `expected true or false, found ${kindOf(iss.input)}` });

/** A string of a given form; the message quotes (a short piece of) what was found, to spot the typo. */
export function coded(pattern: RegExp, what: string): z.ZodString {
  const error = (iss: Issue): string => `expected ${what}, found ${found(iss.input)}`;
  return z.string({ error }).regex(pattern, { error });
}

/**
 * A string of a given form that must also pass a test the pattern cannot express (a real date,
 * a financial year whose years follow). The pattern still goes into a JSON Schema for editors;
 * a value that fails it is not tested further, so one bad value is one problem.
 */
export function checked(pattern: RegExp, test: (value: string) => boolean, what: string): z.ZodString {
  const error = (iss: Issue): string => `expected ${what}, found ${found(iss.input)}`;
  return z.string({ error }).regex(pattern, { error, abort: true }).refine(test, { error });
}

/** One of an enum's values: a TypeScript string enum, or a list of strings. */
export function oneOf<E extends Readonly<Record<string, string>>>(values: E): z.ZodEnum<E>;
export function oneOf(values: readonly string[]): z.ZodEnum<Record<string, string>>;
export function oneOf(values: Readonly<Record<string, string>> | readonly string[]): z.ZodEnum<Record<string, string>> {
  const list = Object.values(values);
  const error = (iss: Issue): string => `expected one of ${list.join(', ')}, found ${found(iss.input)}`;
  return z.enum(Object.fromEntries(list.map((v) => [v, v])), { error });
}

/** May be null or left out; left out reads as null. */
export function nullable<T extends string | number>(schema: z.ZodType<T>) {
  return schema.nullable().default(null);
}
