// The client's operations. graphql-codegen reads every graphql(`...`) call here and
// types it from ../../schema.graphql (src/gql/ is generated: `npm run codegen`).
// Each object type selects its key field so the cache can normalise it.
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
        iso3
        name
        recommendations(where: { action: { eq: WITHDRAW }, treaty: { slug: { eq: "ottawa" } } }) {
          key
          date
          authors { key name }
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
      iso3
      name
      sources { id url publisher }
      treatyStatus(treaty: $treaty) { status partySince partyUntil }
      treatyEvents(where: { treaty: { slug: { eq: $treaty } } }, sort: [{ date: ASC }]) {
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
      slug
      parties(asOf: $asOf, sort: [{ name: ASC }], first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges { cursor node { iso3 name } }
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
      slug
      parties(asOf: $asOf, sort: [{ name: ASC }], first: $first, after: $after, last: $last, before: $before) {
        totalCount
        nodes { iso3 name }
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
        ... on Person { key name country { iso3 name } }
        ... on Country { iso3 name }
        ... on Treaty { slug name }
        ... on Statement { key title date }
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
        key
        date
        kind
        country { iso3 name }
        treaty { slug }
      }
    }
  }
`);

/** Finland on a date, the date given once at the root (the natural way to ask). */
export const FINLAND_AS_OF = graphql(`
  query FinlandAsOf($asOf: Date!) {
    country(iso3: "FIN", asOf: $asOf) {
      iso3
      name
      memberships { key organization { code } }
      treatyStatus(treaty: "ottawa") { status partyUntil }
    }
  }
`);

/** Finland on a date, the date repeated on every time-dependent field: the cache
 * stores each such field under its arguments, e.g. memberships({"asOf":"2020-01-01"}). */
export const FINLAND_AS_OF_EXPLICIT = graphql(`
  query FinlandAsOfExplicit($asOf: Date!) {
    country(iso3: "FIN", asOf: $asOf) {
      iso3
      name
      memberships(asOf: $asOf) { key organization { code } }
      treatyStatus(treaty: "ottawa", asOf: $asOf) { status partyUntil }
    }
  }
`);
