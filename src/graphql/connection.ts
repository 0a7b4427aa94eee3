import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { ErrorCode } from '../errors/error-code';
import { HubError } from '../errors/hub-error';

// Relay-style connections for lists that grow without bound. Cursors are opaque to clients;
// inside they are offsets, which is enough for lists ordered by a stable key.

@ObjectType({ description: 'Where a page sits in a connection.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'How many items to return (at most MAX_PAGE_SIZE; default 20).' })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor (pageInfo.endCursor of the previous page).',
  })
  after?: string | null;
}

export interface ConnectionShape<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: PageInfo;
  totalCount: number;
}

export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node!: T;

    @Field()
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Items in the whole list, not just this page.' })
    totalCount!: number;
  }
  return ConnectionType;
}

export const DEFAULT_PAGE_SIZE = 20;

export interface PageWindow {
  offset: number;
  limit: number;
}

const encodeCursor = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m)
    throw new HubError(ErrorCode.BAD_USER_INPUT, 'The "after" cursor is not one this hub issued.', {
      argument: 'after',
    });
  return Number(m[1]) + 1;
}

/** Checks paging arguments against the page size limit and turns them into an offset window. */
export function pageWindow(args: PageArgs, maxPageSize: number): PageWindow {
  const first = args.first ?? Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
  if (first < 0 || first > maxPageSize) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `"first" must be between 0 and ${maxPageSize}.`, {
      argument: 'first',
      maxPageSize,
    });
  }
  return { offset: args.after ? decodeCursor(args.after) : 0, limit: first };
}

export function toConnection<T>(nodes: T[], totalCount: number, window: PageWindow): ConnectionShape<T> {
  const edges = nodes.map((node, i) => ({ node, cursor: encodeCursor(window.offset + i) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: window.offset + nodes.length < totalCount,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
