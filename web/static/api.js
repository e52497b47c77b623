// The page's only data access: POST /graphql, like any other client of the API.

export class ApiError extends Error {
  constructor(message, code) {
    super(code ? `${message} (${code})` : message);
    this.code = code;
  }
}

export async function gql(query, variables = {}) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The API answered ${response.status} without JSON`);
  }
  if (body.errors?.length) {
    const [first] = body.errors;
    throw new ApiError(first.message, first.extensions?.code);
  }
  return body.data;
}

const SOURCE = "sources { url title publisher }";
const CLAIMS = `claims { key field value status note ${SOURCE} }`;

export const START_QUERY = `query Start {
  dataset { asOfDefault version }
  treaties(sort: [{ slug: ASC }]) {
    nodes { slug name shortName openedForSignatureOn entryIntoForceOn }
  }
}`;

// One request per date or treaty change: every state's status and the events
// around the date.
export const MAP_QUERY = `query MapStatus($treaty: String!, $asOf: Date!, $from: Date!, $to: Date!, $after: String) {
  countries(first: 200, after: $after, asOf: $asOf) {
    pageInfo { hasNextPage endCursor }
    nodes {
      iso3 name
      treatyStatus(treaty: $treaty, asOf: $asOf) { status suspensionNotified }
    }
  }
  timeline(from: $from, to: $to, treaty: $treaty, first: 200) {
    totalCount
    nodes { key kind date country { iso3 name } ${SOURCE} }
  }
}`;

const MORE_COUNTRIES_QUERY = `query MoreStatus($treaty: String!, $asOf: Date!, $after: String) {
  countries(first: 200, after: $after, asOf: $asOf) {
    pageInfo { hasNextPage endCursor }
    nodes {
      iso3 name
      treatyStatus(treaty: $treaty, asOf: $asOf) { status suspensionNotified }
    }
  }
}`;

export const COUNTRY_QUERY = `query CountryDetails($iso3: String!, $asOf: Date) {
  country(iso3: $iso3, asOf: $asOf) {
    iso3 name officialName
    treatyEvents(sort: [{ date: ASC }]) {
      key kind date derived note treaty { slug shortName } ${SOURCE} ${CLAIMS}
    }
    votes(sort: [{ date: ASC }]) {
      key date dateText action stage subject outcome
      votesFor votesAgainst abstained
      chamber { name } treaty { slug shortName } ${SOURCE} ${CLAIMS}
    }
    statements(sort: [{ date: ASC }]) {
      key date dateText kind title summary ${SOURCE} ${CLAIMS}
    }
    recommendations {
      key action date treaty { slug shortName } statement { title }
      authors { name } ${SOURCE}
    }
    ${CLAIMS}
  }
}`;

/** GET /export.csv for one connection of this operation's answer. */
export function exportUrl(query, variables, path) {
  const params = new URLSearchParams({ query, variables: JSON.stringify(variables), path });
  return `/export.csv?${params}`;
}

/** POST /export.csv: the file's name and bytes, or an ApiError with its code.
 * A POST, not the link's GET, so it works where GETs need a preflight header. */
export async function exportCsv(query, variables, path) {
  const response = await fetch("/export.csv", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query, variables, path }),
  });
  if (!response.ok) {
    let first;
    try {
      [first] = (await response.json()).errors;
    } catch {
      throw new ApiError(`The export answered ${response.status}`);
    }
    throw new ApiError(first.message, first.extensions?.code);
  }
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${path}.csv`;
  return { name, blob: await response.blob() };
}

/** GraphiQL opened on this operation. Its page reads `q` and `variables` with
 * decodeURIComponent, which leaves a "+" as it is: hence no URLSearchParams. */
export function graphiqlUrl(query, variables) {
  const json = JSON.stringify(variables, null, 2);
  return `/graphql?q=${encodeURIComponent(query)}&variables=${encodeURIComponent(json)}`;
}

/** Statuses of every state (following pages only if there are over 200) and the
 * timeline window, for one treaty on one date. */
export async function loadMap(treaty, asOf, from, to) {
  const data = await gql(MAP_QUERY, { treaty, asOf, from, to });
  const states = [...data.countries.nodes];
  let page = data.countries.pageInfo;
  while (page.hasNextPage) {
    const more = await gql(MORE_COUNTRIES_QUERY, { treaty, asOf, after: page.endCursor });
    states.push(...more.countries.nodes);
    page = more.countries.pageInfo;
  }
  return { states, timeline: data.timeline };
}
