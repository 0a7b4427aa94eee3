import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceDocumentRecord } from './reference.types';
import type { DocumentTexts } from './provenance-check';

/** Where the texts of the cited documents are kept, from the project root (data/documents/README.md). */
export const DOCUMENTS_DIR = 'data/documents';

/** The text of each document that has a file `<id>` in `dir`; a document without one is left out. */
export function readDocumentTexts(dir: string, documents: readonly SourceDocumentRecord[]): DocumentTexts {
  const texts = new Map<string, string>();
  for (const d of documents) {
    const file = join(dir, d.id);
    if (existsSync(file)) texts.set(d.id, readFileSync(file, 'utf8'));
  }
  return texts;
}
