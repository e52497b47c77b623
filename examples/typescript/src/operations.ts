// The client's operations. graphql-codegen reads every graphql(`...`) call here and
// types it from ../../schema.graphql (src/gql/ is generated: `npm run codegen`).
// Each object selects `id` (Relay's Node id; dated for time-dependent types, e.g.
// Finland as of 2020-01-01 is not the object Finland as of 2026-06-01), so Apollo's
// InMemoryCache normalises it with no typePolicies.
import { graphql } from "./gql";

/** The README's hero query: NATO states bordering Russia that recommended leaving Ottawa. */
export const HERO = graphql(`
  query NatoStatesBorderingRussiaThatRecommendedWithdrawal {
    countries(
      where: {
        memberships: { some: { organization: { code: { eq: "NATO" } } } }
        borders: { some: { iso3: { eq: "RUS" } } }
        recommendations: { some: { action: { eq: WITHDRAW }, treaty: { slug: { eq: "ottawa" } } } }
      }
      sort: [{ name: ASC }]
    ) {
      totalCount
      nodes {
        id
        iso3
        name
        recommendations(where: { action: { eq: WITHDRAW }, treaty: { slug: { eq: "ottawa" } } }) {
          id
          key
          date
          authors { id name }
          sources { id url }
        }
      }
    }
  }
`);

/** One state's history with a treaty, each fact with its sources. */
export const COUNTRY_WITH_SOURCES = graphql(`
  query CountryWithSources($iso3: String!, $treaty: String!) {
    country(iso3: $iso3) {
      id
      iso3
      name
      sources { id url publisher }
      treatyStatus(treaty: $treaty) { status partySince partyUntil }
      treatyEvents(where: { treaty: { slug: { eq: $treaty } } }, sort: [{ date: ASC }]) {
        id
        key
        kind
        date
        sources { id url publisher }
      }
    }
  }
`);

/** A treaty's parties on a date, one page, with cursors on the edges. */
export const PARTIES_EDGES = graphql(`
  query PartiesEdges(
    $slug: String!
    $asOf: Date!
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    treaty(slug: $slug) {
      id
      slug
      parties(asOf: $asOf, sort: [{ name: ASC }], first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges { cursor node { id iso3 name } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`);

/** The same page selected as `nodes` (as every README example does): no edge cursors. */
export const PARTIES_NODES = graphql(`
  query PartiesNodes(
    $slug: String!
    $asOf: Date!
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    treaty(slug: $slug) {
      id
      slug
      parties(asOf: $asOf, sort: [{ name: ASC }], first: $first, after: $after, last: $last, before: $before) {
        totalCount
        nodes { id iso3 name }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`);

/** Full-text search, each hit's node by type. */
export const SEARCH = graphql(`
  query Search($text: String!) {
    search(text: $text, first: 5) {
      score
      node {
        __typename
        ... on Person { id name country { id iso3 name } }
        ... on Country { id iso3 name }
        ... on Treaty { id slug name }
        ... on Statement { id title date }
        ... on Source { id url }
      }
    }
  }
`);

/** Treaty events between two dates, in date order. */
export const TIMELINE = graphql(`
  query Timeline($from: Date!, $to: Date!, $treaty: String) {
    timeline(from: $from, to: $to, treaty: $treaty, first: 200) {
      totalCount
      nodes {
        id
        key
        date
        kind
        country { id iso3 name }
        treaty { id slug }
      }
    }
  }
`);

/** Finland on a date, the date given once at the root (the natural way to ask). */
export const FINLAND_AS_OF = graphql(`
  query FinlandAsOf($asOf: Date!) {
    country(iso3: "FIN", asOf: $asOf) {
      id
      iso3
      name
      memberships { id organization { id code } }
      treatyStatus(treaty: "ottawa") { status partyUntil }
    }
  }
`);

/** Finland on a date, the date repeated on every time-dependent field (the design
 * without dated ids: the cache stores each such field under its arguments, e.g.
 * memberships({"asOf":"2020-01-01"})). */
export const FINLAND_AS_OF_EXPLICIT = graphql(`
  query FinlandAsOfExplicit($asOf: Date!) {
    country(iso3: "FIN", asOf: $asOf) {
      id
      iso3
      name
      memberships(asOf: $asOf) { id organization { id code } }
      treatyStatus(treaty: "ottawa", asOf: $asOf) { status partyUntil }
    }
  }
`);

/** Lithuania's recommendations as they stood on a date (they exist from their date on). */
export const RECOMMENDATIONS_AS_OF = graphql(`
  query RecommendationsAsOf($iso3: String!, $asOf: Date!) {
    country(iso3: $iso3, asOf: $asOf) {
      id
      iso3
      recommendations { id date action }
    }
  }
`);

/** Refetch by Node id: answers as of the id's date. */
export const NODE = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Country {
        iso3
        memberships { id organization { id code } }
        treatyStatus(treaty: "ottawa") { status partyUntil }
      }
    }
  }
`);
