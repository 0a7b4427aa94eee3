import { z } from 'zod';
import { partnershipSchema } from './reference.schema';

/** Where the JSON Schema of a plan file is kept, from the project root. */
export const PLAN_FILE_SCHEMA = 'docs/plan-file.schema.json';

/**
 * The JSON Schema of a plan file (data/reference/partnerships/<slug>.json), made from the same
 * zod schema the loader checks with, so an editor and the loader cannot disagree on the shape.
 * It describes the file as a person writes it (io: 'input'): a field the loader fills with null
 * may be left out. Draft-07, because it is the draft editors (VS Code's `$schema`) support best.
 * Checks that are code, not patterns (a real calendar date, consecutive financial years, codes
 * that must exist in the other files), are the loader's alone.
 */
export function planFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(partnershipSchema, { target: 'draft-07', io: 'input' });
}
