import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The README's layout table is how a newcomer finds their way: every folder of src/, jobs/,
// test/ and docs/ must be in it, either as its own row or named inside the row of a folder
// above it (`src/ingest/` ... `connectors/police-api/`).

const ROOT = join(__dirname, '..', '..');

function layoutSection(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Layout');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0) throw new Error('README.md has no Layout section');
  return readme.slice(start, end < 0 ? undefined : end);
}

function foldersUnder(top: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      out.push(relative(ROOT, path));
      walk(path);
    }
  };
  if (existsSync(join(ROOT, top))) {
    out.push(top);
    walk(join(ROOT, top));
  }
  return out;
}

/** Folders git tracks files in (generated folders such as data/samples are not the layout's). */
function trackedFolders(): Set<string> {
  const files = execFileSync('git', ['ls-files', 'src', 'jobs', 'test', 'docs'], { cwd: ROOT, encoding: 'utf8' });
  const dirs = new Set<string>();
  for (const file of files.split('\n').filter(Boolean)) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i += 1) dirs.add(parts.slice(0, i).join('/'));
  }
  return dirs;
}

test('the README layout table names every folder of src/, jobs/, test/ and docs/', () => {
  const table = layoutSection();
  const tracked = trackedFolders();
  const folders = ['src', 'jobs', 'test', 'docs'].flatMap(foldersUnder).filter((d) => tracked.has(d));
  expect(folders).toContain('src/ingest/connectors/police-api');
  const missing = folders.filter((dir) => {
    if (table.includes(`\`${dir}/`)) return false;
    const parts = dir.split('/');
    // Named inside an ancestor's row: the ancestor has a row, and the rest of the path appears.
    for (let i = 1; i < parts.length; i += 1) {
      const ancestor = parts.slice(0, i).join('/');
      const rest = parts.slice(i).join('/');
      if (table.includes(`\`${ancestor}/`) && table.includes(`\`${rest}/\``)) return false;
    }
    return true;
  });
  expect(missing).toEqual([]);
});
