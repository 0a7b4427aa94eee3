import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Imports run one way, jobs/ to src/: the lint rule refuses an import of jobs/ anywhere in src/
// except the process entry point (src/main.ts), and lets jobs/ import src/.

const ROOT = join(__dirname, '..', '..');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

function lint(path: string, code: string): { status: number | null; out: string } {
  const res = spawnSync(process.execPath, [ESLINT, '--stdin', '--stdin-filename', path], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  return { status: res.status, out: res.stdout + res.stderr };
}

const fromJobs = (depth: number): string =>
  `import { runJob } from '${'../'.repeat(depth)}jobs/run-job';\nexport const start = runJob;\n`;

test('an import of jobs/ from src/ fails the lint', () => {
  const service = lint('src/services/example.service.ts', fromJobs(2));
  expect(service.status).toBe(1);
  expect(service.out).toContain('src/ must not import from jobs/');
  expect(lint('src/ingest/connectors/example.connector.ts', fromJobs(3)).status).toBe(1);
});

test('the process entry point may import jobs/, and jobs/ may import src/', () => {
  expect(lint('src/main.ts', fromJobs(1)).status).toBe(0);
  expect(
    lint('jobs/example.ts', "import { runIngest } from '../src/ingest/ingest-runner';\nexport const run = runIngest;\n")
      .status,
  ).toBe(0);
});
