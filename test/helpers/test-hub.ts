import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings, type Settings } from '../../src/config/settings';
import { startHub, type RunningHub } from '../../src/hub';
import { hubJobs } from '../../jobs/hub-jobs';
import { silentLogger } from '../../src/logging/logger';
import { createTestStore, type TestStore } from './test-store';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  body: {
    data?: T | null;
    errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
    extensions?: { sqlStatements?: number };
  };
}

export interface TestHub {
  url: string;
  hub: RunningHub;
  store: TestStore;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  post(body: string, contentType?: string): Promise<{ status: number; text: string }>;
  stop(): Promise<void>;
}

/** The contract operations: the one copy, which the explorer and the docs read too. */
export const CONTRACT_DIR = join(__dirname, '..', '..', 'schema', 'operations');

export function contractOperation(name: string): { query: string; variables: Record<string, unknown> } {
  const query = readFileSync(join(CONTRACT_DIR, `${name}.graphql`), 'utf8');
  let variables: Record<string, unknown> = {};
  try {
    variables = JSON.parse(readFileSync(join(CONTRACT_DIR, 'variables', `${name}.json`), 'utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    variables = {};
  }
  return { query, variables };
}

/** Starts a real hub over HTTP on 127.0.0.1 (a free port) on a fresh store. */
export async function startTestHub(overrides: Partial<Settings> = {}): Promise<TestHub> {
  const store = await createTestStore();
  const settings = loadSettings(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      queryStats: true,
      logLevel: 'error',
      ingestOnStart: false,
      scheduler: false,
      ...store.settings,
      ...overrides,
    },
  );
  const hub = await startHub(settings, silentLogger, hubJobs(settings, silentLogger));
  const post = async (body: string, contentType = 'application/json'): Promise<{ status: number; text: string }> => {
    const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: res.status, text: await res.text() };
  };
  return {
    url: hub.url,
    hub,
    store,
    post,
    gql: async <T>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> => {
      const res = await post(JSON.stringify({ query, variables }));
      return { status: res.status, body: JSON.parse(res.text) as GqlResponse<T>['body'] };
    },
    stop: async () => {
      await hub.stop();
      await store.drop();
    },
  };
}
