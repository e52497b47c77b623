// Apollo field policies for treatygraph's Relay connections.
import { relayStylePagination } from "@apollo/client/utilities/index.js";
import type { FieldPolicy, Reference } from "@apollo/client/core/index.js";

type KeyArgs = FieldPolicy<unknown>["keyArgs"];

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/** What the cache stores for a connection: relayStylePagination's edges and pageInfo,
 * plus `nodes` and `totalCount` when selected. */
interface StoredConnection {
  edges: unknown[];
  pageInfo: PageInfo;
  nodes?: Reference[];
  totalCount?: number;
  [extra: string]: unknown;
}

/**
 * relayStylePagination, made to page `nodes` too.
 *
 * Apollo's relayStylePagination splices pages by the cursors of `edges`. A query that
 * selects only `nodes { ... } pageInfo { ... }` has no edges, so each page's `nodes`
 * replaces the last one as an unknown extra field (getExtras), and pageInfo is taken
 * whole from the newest page: after fetchMore the list holds page 2 only, and its
 * startCursor/hasPreviousPage are page 2's. This policy delegates `edges` to
 * relayStylePagination and places `nodes` by the cursor asked for: `after` equal to
 * the stored endCursor appends, `before` equal to the stored startCursor prepends,
 * anything else (a first page, a refetch, a jump) replaces. The stored pageInfo keeps
 * the outer ends: startCursor/hasPreviousPage of the first page, endCursor/hasNextPage
 * of the last. `keyArgs` are the arguments that make a different list (asOf, where,
 * sort, ...), never first/after/last/before.
 */
export function relayNodesPagination(keyArgs: KeyArgs = false): FieldPolicy<StoredConnection> {
  const relay = relayStylePagination(keyArgs) as unknown as FieldPolicy<StoredConnection>;
  const relayRead = relay.read;
  const relayMerge = relay.merge;
  if (typeof relayRead !== "function" || typeof relayMerge !== "function") {
    throw new Error("relayStylePagination no longer gives read and merge functions");
  }
  return {
    keyArgs,
    read(existing, options) {
      const read = relayRead(existing, options);
      if (!read || !existing?.nodes) return read;
      // Like relayStylePagination with edges: drop nodes whose entity was evicted.
      return { ...read, nodes: existing.nodes.filter((node) => options.canRead(node)) };
    },
    merge(existing, incoming, options) {
      const merged = relayMerge(existing, incoming, options) as StoredConnection;
      if (!incoming.nodes) return merged;
      const { args } = options;
      const page = incoming.pageInfo as PageInfo | undefined;
      const stored = existing?.nodes && existing.pageInfo;
      if (stored && page && args?.["after"] && args["after"] === stored.endCursor) {
        return {
          ...merged,
          nodes: [...(existing.nodes ?? []), ...incoming.nodes],
          pageInfo: { ...stored, hasNextPage: page.hasNextPage, endCursor: page.endCursor ?? null },
        };
      }
      if (stored && page && args?.["before"] && args["before"] === stored.startCursor) {
        return {
          ...merged,
          nodes: [...incoming.nodes, ...(existing.nodes ?? [])],
          pageInfo: {
            ...stored,
            hasPreviousPage: page.hasPreviousPage,
            startCursor: page.startCursor ?? null,
          },
        };
      }
      // A page that does not continue the stored list replaces it, pageInfo and all.
      return { ...merged, nodes: incoming.nodes, ...(page ? { pageInfo: page } : {}) };
    },
  };
}
