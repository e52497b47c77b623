// An Apollo Client for node: HttpLink over node 20's global fetch, one InMemoryCache.
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client/core/index.js";
import type { NormalizedCacheObject, TypePolicies } from "@apollo/client/core/index.js";

/** The API's URL: TREATYGRAPH_URL, else a local `make run`. */
export function apiUrl(): string {
  return process.env["TREATYGRAPH_URL"] ?? "http://127.0.0.1:8000/graphql";
}

/** A client whose cache knows only `typePolicies` (none by default: normalised by `id`). */
export function makeClient(
  typePolicies: TypePolicies = {},
  uri: string = apiUrl(),
): ApolloClient<NormalizedCacheObject> {
  return new ApolloClient({
    link: new HttpLink({ uri, fetch }),
    cache: new InMemoryCache({ typePolicies }),
    // Every answer comes from the cache after the first fetch, so a mixed cache shows.
    defaultOptions: { query: { fetchPolicy: "cache-first", errorPolicy: "none" } },
  });
}
