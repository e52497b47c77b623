// Runs every operation against the API and checks the answers, the normalised cache,
// time-correct caching (one cache, Finland on two dates) and paging with fetchMore.
// Every check runs; the exit code is 1 if any failed. TREATYGRAPH_URL names the API.
import assert from "node:assert/strict";
import type {
  ApolloClient,
  NormalizedCacheObject,
  ObservableQuery,
  OperationVariables,
  StoreObject,
  TypedDocumentNode,
} from "@apollo/client/core/index.js";
import { relayStylePagination } from "@apollo/client/utilities/index.js";
import { apiUrl, makeClient } from "./client";
import {
  COUNTRY_WITH_SOURCES,
  FINLAND_AS_OF,
  FINLAND_AS_OF_EXPLICIT,
  HERO,
  NODE,
  PARTIES_EDGES,
  PARTIES_NODES,
  RECOMMENDATIONS_AS_OF,
  SEARCH,
  TIMELINE,
} from "./operations";
import type { PartiesEdgesQuery, PartiesEdgesQueryVariables, PartiesNodesQuery } from "./gql/graphql";
import { relayNodesPagination } from "./pagination";

type Client = ApolloClient<NormalizedCacheObject>;

const checks: Array<[string, () => Promise<void>]> = [];
function check(name: string, run: () => Promise<void>): void {
  checks.push([name, run]);
}

/** The cache key Apollo gave an object the API returned. */
function cacheKey(client: Client, object: StoreObject): string {
  const key = client.cache.identify(object);
  assert.ok(key, `not normalised: ${JSON.stringify(object)}`);
  return key;
}

/** The latest result a watched query delivered, kept up to date by the cache. */
async function watch<TData, TVars extends OperationVariables>(
  client: Client,
  query: TypedDocumentNode<TData, TVars>,
  variables: TVars,
): Promise<{ latest: () => TData; stop: () => void }> {
  let latest: TData | undefined;
  const observable = client.watchQuery({ query, variables });
  const subscription = await subscribed(observable, (data) => (latest = data));
  return {
    latest: () => {
      assert.ok(latest !== undefined);
      return latest;
    },
    stop: () => subscription.unsubscribe(),
  };
}

/** Subscribes to a watched query; resolves on its first result, rejects on an error. */
function subscribed<TData, TVars extends OperationVariables>(
  observable: ObservableQuery<TData, TVars>,
  onData: (data: TData) => void = () => {},
): Promise<{ unsubscribe: () => void }> {
  return new Promise((resolve, reject) => {
    // `next` may run before subscribe() returns (a cache hit), so resolve a handle.
    let subscription: { unsubscribe: () => void } | undefined;
    const handle = { unsubscribe: () => subscription?.unsubscribe() };
    subscription = observable.subscribe({
      next: (result) => {
        onData(result.data);
        resolve(handle);
      },
      error: reject,
    });
  });
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

// ---- answers and normalisation: one client, no pagination policies ----

const client = makeClient();

check("the hero query returns Estonia, Latvia, Lithuania and Poland with their recommendations", async () => {
  const { data } = await client.query({ query: HERO });
  assert.equal(data.countries.totalCount, 4);
  assert.deepEqual(
    data.countries.nodes.map((c) => c.iso3),
    ["EST", "LVA", "LTU", "POL"],
  );
  const dates = Object.fromEntries(data.countries.nodes.map((c) => [c.iso3, c.recommendations.map((r) => r.date).sort()]));
  assert.deepEqual(dates, {
    EST: ["2025-03-18"],
    LVA: ["2025-03-18"],
    LTU: ["2025-01-14", "2025-03-18"],
    POL: ["2025-03-07", "2025-03-18"],
  });
  const joint = data.countries.nodes[0]?.recommendations[0];
  assert.ok(joint?.authors.some((a) => a.name === "Dovilė Šakalienė"));
  for (const country of data.countries.nodes) {
    for (const rec of country.recommendations) assert.ok(rec.sources.length > 0, `${rec.key} has no source`);
  }
});

check("a country with sources: Lithuania left Ottawa on 2025-12-27, every event sourced", async () => {
  const { data } = await client.query({ query: COUNTRY_WITH_SOURCES, variables: { iso3: "LTU", treaty: "ottawa" } });
  const ltu = data.country;
  assert.ok(ltu);
  assert.equal(ltu.name, "Lithuania");
  assert.ok(ltu.sources.length > 0);
  assert.deepEqual(ltu.treatyStatus, { __typename: "TreatyStatus", status: "WITHDRAWN", partySince: ltu.treatyStatus?.partySince, partyUntil: "2025-12-27" });
  const effective = ltu.treatyEvents.find((e) => e.kind === "WITHDRAWAL_EFFECTIVE");
  assert.equal(effective?.date, "2025-12-27");
  for (const event of ltu.treatyEvents) assert.ok(event.sources.length > 0, `${event.key} has no source`);
  const dates = ltu.treatyEvents.map((e) => e.date ?? "");
  assert.deepEqual(dates, [...dates].sort());
});

check("search finds Dovilė Šakalienė from 'Sakaliene'", async () => {
  const { data } = await client.query({ query: SEARCH, variables: { text: "Sakaliene" } });
  const top = data.search[0]?.node;
  assert.ok(top?.__typename === "Person", JSON.stringify(data.search));
  assert.equal(top.name, "Dovilė Šakalienė");
  assert.equal(top.country?.iso3, "LTU");
});

check("the 2025 Ottawa timeline is in date order with the three Baltic withdrawals on 2025-12-27", async () => {
  const { data } = await client.query({
    query: TIMELINE,
    variables: { from: "2025-01-01", to: "2025-12-31", treaty: "ottawa" },
  });
  const events = data.timeline.nodes;
  assert.equal(data.timeline.totalCount, events.length);
  const dates = events.map((e) => e.date ?? "");
  assert.deepEqual(dates, [...dates].sort());
  const effective = events.filter((e) => e.kind === "WITHDRAWAL_EFFECTIVE" && e.date === "2025-12-27");
  assert.deepEqual(effective.map((e) => e.country.iso3).sort(), ["EST", "LTU", "LVA"]);
});

check("the cache holds each entity once, under its key, with the fields of every query that fetched it", async () => {
  const store = client.cache.extract();
  const hero = client.readQuery({ query: HERO });
  const timeline = client.readQuery({
    query: TIMELINE,
    variables: { from: "2025-01-01", to: "2025-12-31", treaty: "ottawa" },
  });
  const country = client.readQuery({ query: COUNTRY_WITH_SOURCES, variables: { iso3: "LTU", treaty: "ottawa" } });
  const search = client.readQuery({ query: SEARCH, variables: { text: "Sakaliene" } });
  assert.ok(hero && timeline && country?.country && search);
  // Lithuania from four queries: one entry.
  const fromHero = hero.countries.nodes.find((c) => c.iso3 === "LTU");
  const fromTimeline = timeline.timeline.nodes.find((e) => e.country.iso3 === "LTU")?.country;
  const person = search.search[0]?.node;
  assert.ok(fromHero && fromTimeline && person?.__typename === "Person" && person.country);
  const key = cacheKey(client, fromHero);
  assert.match(key, /^Country:/);
  assert.equal(cacheKey(client, fromTimeline), key);
  assert.equal(cacheKey(client, country.country), key);
  assert.equal(cacheKey(client, person.country), key);
  const entry = store[key];
  assert.ok(entry, `${key} not in the cache`);
  const fields = Object.keys(entry);
  assert.ok(fields.some((f) => f.startsWith("recommendations(")), `hero's field missing: ${fields}`);
  assert.ok(fields.some((f) => f.startsWith("treatyEvents(")), `country query's field missing: ${fields}`);
  // The author of the hero query's recommendation and the search hit: one entry.
  const author = hero.countries.nodes[0]?.recommendations[0]?.authors.find((a) => a.name === person.name);
  assert.ok(author);
  const personKey = cacheKey(client, author);
  assert.equal(cacheKey(client, person), personKey);
  assert.ok("country" in (store[personKey] ?? {}), "search's Person.country is on the hero's author");
  // Root lists hold references, not copies.
  const root = store["ROOT_QUERY"] ?? {};
  const countries = Object.entries(root).find(([f]) => f.startsWith("countries("))?.[1] as { nodes: Array<{ __ref: string }> };
  assert.ok(countries.nodes.every((n) => typeof n.__ref === "string"), JSON.stringify(countries));
  // No state is stored twice.
  const iso3s = Object.entries(store)
    .filter(([k]) => k.startsWith("Country:"))
    .map(([, v]) => (v as { iso3: string }).iso3);
  assert.equal(new Set(iso3s).size, iso3s.length, `a country stored twice: ${iso3s.sort()}`);
});

// ---- item 8: one cache, Finland on two dates ----

const FIN_2020 = { codes: ["EU"], status: "PARTY" };
const FIN_2026 = { codes: ["EU", "NATO"], status: "WITHDRAWN" };

interface FinlandView {
  country?: {
    memberships: Array<{ organization: { code: string } }>;
    treatyStatus?: { status: string } | null;
  } | null;
}
function finland(data: FinlandView | null | undefined): { codes: string[]; status: string | undefined } {
  assert.ok(data?.country);
  return {
    codes: data.country.memberships.map((m) => m.organization.code).sort(),
    status: data.country.treatyStatus?.status,
  };
}

/** Watches Finland as of 2020, then asks for 2026 in the same cache: both views must
 * stay right, watched and read back. Returns the cache keys of the two Finlands. */
async function finlandOnTwoDates(cache: Client, query: typeof FINLAND_AS_OF | typeof FINLAND_AS_OF_EXPLICIT): Promise<string[]> {
  const view2020 = await watch(cache, query, { asOf: "2020-01-01" });
  assert.deepEqual(finland(view2020.latest()), FIN_2020);
  const view2026 = await watch(cache, query, { asOf: "2026-06-01" });
  await tick();
  assert.deepEqual(finland(view2026.latest()), FIN_2026);
  assert.deepEqual(finland(view2020.latest()), FIN_2020, "the 2020 view changed when 2026 was fetched");
  const read2020 = cache.readQuery({ query, variables: { asOf: "2020-01-01" } });
  const read2026 = cache.readQuery({ query, variables: { asOf: "2026-06-01" } });
  assert.deepEqual(finland(read2020), FIN_2020);
  assert.deepEqual(finland(read2026), FIN_2026);
  view2020.stop();
  view2026.stop();
  assert.ok(read2020?.country && read2026?.country);
  return [cacheKey(cache, read2020.country), cacheKey(cache, read2026.country)];
}

check("one cache, no typePolicies: Finland as of 2020-01-01 and 2026-06-01 are two entries and both views stay right", async () => {
  const cache = makeClient();
  const keys = await finlandOnTwoDates(cache, FINLAND_AS_OF);
  assert.notEqual(keys[0], keys[1]);
  const store = cache.cache.extract();
  for (const key of keys) assert.ok(store[key], `${key} not in the cache`);
  console.log(`    Finland's cache entries: ${keys.join(", ")}`);
  // node(id:) answers as of the id's date, into the same entry.
  const id2020 = (store[keys[0] ?? ""] as { id: string }).id;
  const { data } = await cache.query({ query: NODE, variables: { id: id2020 }, fetchPolicy: "network-only" });
  assert.ok(data.node?.__typename === "Country");
  assert.equal(cacheKey(cache, data.node), keys[0]);
  assert.deepEqual(finland({ country: data.node }), FIN_2020);
  assert.deepEqual(finland(cache.readQuery({ query: FINLAND_AS_OF, variables: { asOf: "2026-06-01" } })), FIN_2026);
});

check("one cache, no typePolicies: the date repeated on each nested field keeps both views right too", async () => {
  await finlandOnTwoDates(makeClient(), FINLAND_AS_OF_EXPLICIT);
});

check("one cache: Lithuania's recommendations honour asOf (none on 2024-01-01, two on 2025-06-01)", async () => {
  const cache = makeClient();
  const dates = async (asOf: string): Promise<string[]> => {
    const { data } = await cache.query({ query: RECOMMENDATIONS_AS_OF, variables: { iso3: "LTU", asOf } });
    return (data.country?.recommendations ?? []).map((r) => r.date ?? "").sort();
  };
  assert.deepEqual(await dates("2024-01-01"), []);
  assert.deepEqual(await dates("2025-06-01"), ["2025-01-14", "2025-03-18"]);
  const again = cache.readQuery({ query: RECOMMENDATIONS_AS_OF, variables: { iso3: "LTU", asOf: "2024-01-01" } });
  assert.deepEqual(again?.country?.recommendations, []);
});

check("control: a cache keyed by iso3 (a typePolicies entry) with asOf only at the root mixes the dates (issue 16's bug)", async () => {
  const cache = makeClient({ Country: { keyFields: ["iso3"] } });
  const view2020 = await watch(cache, FINLAND_AS_OF, { asOf: "2020-01-01" });
  assert.deepEqual(finland(view2020.latest()), FIN_2020);
  await cache.query({ query: FINLAND_AS_OF, variables: { asOf: "2026-06-01" } });
  await tick();
  assert.deepEqual(finland(view2020.latest()), FIN_2026, "expected the 2020 view to flip to 2026's data");
  view2020.stop();
});

// ---- pagination with fetchMore ----

const PAGE = 50;
const AS_OF = "2020-01-01";

/** Every party on AS_OF in name order, in one request (the reference). */
async function allParties(): Promise<string[]> {
  const { data } = await makeClient().query({
    query: PARTIES_NODES,
    variables: { slug: "ottawa", asOf: AS_OF, first: 200 },
  });
  assert.ok(data.treaty);
  const iso3s = data.treaty.parties.nodes.map((n) => n.iso3);
  assert.equal(iso3s.length, data.treaty.parties.totalCount);
  assert.ok(iso3s.length > 2 * PAGE, "need at least three pages");
  return iso3s;
}

type Policy = ReturnType<typeof relayStylePagination> | ReturnType<typeof relayNodesPagination>;

function pagingClient(policy: Policy): Client {
  return makeClient({ Treaty: { fields: { parties: policy } } });
}

interface Page {
  iso3s: string[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
}

/** Pages through Ottawa's parties with fetchMore, forward or backward, selecting
 * edges or nodes; returns the list the watched query shows at the end and the cursors sent. */
async function pageThrough(
  client: Client,
  select: "edges" | "nodes",
  direction: "forward" | "backward",
  maxRequests = 10,
): Promise<{ iso3s: string[]; cursors: string[] }> {
  const base = { slug: "ottawa", asOf: AS_OF };
  const vars: PartiesEdgesQueryVariables = direction === "forward" ? { ...base, first: PAGE } : { ...base, last: PAGE };
  // Both documents take the same variables; the union is read by what was selected.
  const query: TypedDocumentNode<PartiesEdgesQuery | PartiesNodesQuery, PartiesEdgesQueryVariables> =
    select === "edges" ? PARTIES_EDGES : PARTIES_NODES;
  const read = (): Page => {
    const data = client.readQuery({ query, variables: vars });
    assert.ok(data?.treaty);
    const parties = data.treaty.parties;
    const iso3s = "edges" in parties ? parties.edges.map((e) => e.node.iso3) : parties.nodes.map((n) => n.iso3);
    return { iso3s, pageInfo: parties.pageInfo };
  };
  const observable = client.watchQuery({ query, variables: vars });
  const subscription = await subscribed(observable);
  const cursors: string[] = [];
  try {
    for (let requests = 1; requests < maxRequests; requests++) {
      const { pageInfo } = read();
      const more = direction === "forward" ? pageInfo.hasNextPage : pageInfo.hasPreviousPage;
      if (!more) break;
      const cursor = direction === "forward" ? pageInfo.endCursor : pageInfo.startCursor;
      assert.ok(cursor);
      cursors.push(cursor);
      const next: Partial<PartiesEdgesQueryVariables> = direction === "forward" ? { after: cursor } : { before: cursor };
      await observable.fetchMore({ variables: next });
    }
    return { iso3s: read().iso3s, cursors };
  } finally {
    subscription.unsubscribe();
  }
}

const pages = (n: number): number => Math.ceil(n / PAGE);

for (const direction of ["forward", "backward"] as const) {
  check(`relayStylePagination pages ${direction} through edges with fetchMore`, async () => {
    const expected = await allParties();
    const { iso3s, cursors } = await pageThrough(pagingClient(relayStylePagination(["asOf", "where", "sort"])), "edges", direction);
    assert.deepEqual(iso3s, expected);
    assert.equal(cursors.length, pages(expected.length) - 1);
    assert.equal(new Set(cursors).size, cursors.length, "a cursor was sent twice");
  });

  check(`relayStylePagination cannot page ${direction} through nodes: each page replaces the last`, async () => {
    const expected = await allParties();
    const { iso3s, cursors } = await pageThrough(pagingClient(relayStylePagination(["asOf", "where", "sort"])), "nodes", direction);
    console.log(`    after ${cursors.length} fetchMore calls the list holds ${iso3s.length} of ${expected.length} (${new Set(cursors).size} distinct cursors sent)`);
    assert.notDeepEqual(iso3s, expected, "relayStylePagination now pages nodes: relayNodesPagination can go");
  });

  for (const select of ["nodes", "edges"] as const) {
    check(`relayNodesPagination pages ${direction} through ${select} with fetchMore`, async () => {
      const expected = await allParties();
      const { iso3s, cursors } = await pageThrough(pagingClient(relayNodesPagination(["asOf", "where", "sort"])), select, direction);
      assert.deepEqual(iso3s, expected);
      assert.equal(cursors.length, pages(expected.length) - 1);
      assert.equal(new Set(cursors).size, cursors.length, "a cursor was sent twice");
    });
  }
}

async function main(): Promise<void> {
  console.log(`treatygraph TypeScript client against ${apiUrl()}`);
  let failed = 0;
  for (const [name, run] of checks) {
    const started = performance.now();
    try {
      await run();
      console.log(`ok - ${name} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${name}`);
      console.log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  }
  console.log(`client: ${checks.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
