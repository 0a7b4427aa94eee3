import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Router, type Response } from 'express';
import { PROJECT_ROOT } from '../config/project-root';

// The explorer: GraphiQL 4 with React 18, all served from this hub's own node_modules (no CDN,
// no internet), the contract operations preloaded as tabs, and the headers editor open for
// keys. The page talks to /graphql on the same origin.

/** A package's folder, found from its main entry (the files we serve are not in its exports). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (
    !existsSync(join(dir, 'package.json')) ||
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name
  ) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = up;
  }
  return dir;
}

const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

export interface ExampleOperation {
  name: string;
  query: string;
  variables: string;
}

/** The contract operations checked in under schema/operations, with their variables. */
export function exampleOperations(dir = join(PROJECT_ROOT, 'schema', 'operations')): ExampleOperation[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.graphql$/, '');
      const vars = join(dir, 'variables', `${name}.json`);
      return {
        name,
        query: readFileSync(join(dir, f), 'utf8'),
        variables: existsSync(vars) ? readFileSync(vars, 'utf8').trim() : '',
      };
    });
}

/** JSON safe inside a <script> element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

function page(examples: ExampleOperation[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Explorer - Community Safety Data Hub</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/explorer/assets/graphiql.css">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer" role="main" aria-label="GraphQL explorer">Loading the explorer...</div>
<script src="/explorer/assets/react.js"></script>
<script src="/explorer/assets/react-dom.js"></script>
<script src="/explorer/assets/graphiql.js"></script>
<script>
  const examples = ${scriptJson(examples)};
  async function fetcher(params, options) {
    const headers = Object.assign({ 'content-type': 'application/json' }, (options && options.headers) || {});
    const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
    return res.json();
  }
  const tabs = examples.map((e) => ({ query: e.query, variables: e.variables || undefined }));
  ReactDOM.createRoot(document.getElementById('explorer')).render(
    // GraphiQL takes the open tab's query and variables from these props, the others from defaultTabs.
    React.createElement(GraphiQL, {
      fetcher, defaultTabs: tabs, query: tabs[0] && tabs[0].query, variables: tabs[0] && tabs[0].variables,
      isHeadersEditorEnabled: true, defaultEditorToolsVisibility: 'variables',
    }),
  );
</script>
</body>
</html>
`;
}

export function explorerRouter(): Router {
  const router = Router();
  const html = page(exampleOperations());
  const files = new Map(
    Object.entries(ASSETS).map(([name, a]) => [name, { path: join(packageDir(a.pkg), a.file), type: a.type }]),
  );
  router.get('/', (_req, res: Response) => {
    res.type('html').send(html);
  });
  router.get('/assets/:name', (req, res: Response) => {
    const asset = files.get(req.params.name);
    if (!asset) {
      res.status(404).json({ errors: [{ message: 'No such asset.', extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    res.type(asset.type).setHeader('cache-control', 'public, max-age=86400');
    res.sendFile(asset.path);
  });
  return router;
}
