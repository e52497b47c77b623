// The side panel: one state's treaty events, parliamentary votes, statements and
// the recommendations addressed to it, each with its sources, and under each fact
// the competing claims sources make about it (the value kept and the others).

import { h, sourceList } from "./dom.js";
import { humanize, statusInfo } from "./vocab.js";

function section(title, items, render) {
  return h("section", {},
    h("h3", {}, `${title} (${items.length})`),
    items.length ? h("ol", { class: "facts" }, items.map(render)) : h("p", { class: "none" }, "None recorded."));
}

const when = (item) => item.date ?? item.dateText ?? "undated";

/** A fact's claims: what each source says, and whether the graph kept it. */
function claimList(claims) {
  if (!claims?.length) return null;
  return h("div", { class: "claims" },
    h("p", { class: "claims-title" }, claims.length === 1 ? "1 claim" : `${claims.length} competing claims`),
    h("ul", {}, claims.map((claim) =>
      h("li", { "data-status": claim.status },
        h("span", { class: "claim-field" }, claim.field ?? "the record"), ": ",
        h("q", {}, claim.value ?? "no value"), " ",
        h("span", { class: `claim-status ${claim.status.toLowerCase()}` }, humanize(claim.status)),
        claim.note ? h("p", { class: "note" }, claim.note) : null,
        sourceList(claim.sources)))));
}

export function renderDetails(panel, { country, status, treaty, asOf, query }) {
  const events = section("Treaty events", country.treatyEvents, (event) =>
    h("li", { class: event.treaty.slug === treaty.slug ? "current-treaty" : null },
      h("span", { class: "date" }, when(event)), " ",
      h("strong", {}, event.treaty.shortName ?? event.treaty.slug), " ",
      humanize(event.kind),
      event.derived ? h("em", {}, " (date derived by rule)") : null,
      event.note ? h("p", { class: "note" }, event.note) : null,
      sourceList(event.sources),
      claimList(event.claims)));
  const votes = section("Parliamentary votes", country.votes, (vote) =>
    h("li", {},
      h("span", { class: "date" }, when(vote)), " ",
      `${vote.chamber.name}: ${vote.action}`,
      vote.treaty ? ` (${vote.treaty.shortName ?? vote.treaty.slug})` : "",
      vote.stage ? `, ${vote.stage}` : "",
      vote.outcome ? `, ${humanize(vote.outcome)}` : "",
      vote.votesFor !== null ? ` ${vote.votesFor}–${vote.votesAgainst ?? "?"}` : "",
      vote.abstained ? `, ${vote.abstained} abstained` : "",
      vote.subject ? h("p", { class: "note" }, vote.subject) : null,
      sourceList(vote.sources),
      claimList(vote.claims)));
  const statements = section("Statements and decisions", country.statements, (statement) =>
    h("li", {},
      h("span", { class: "date" }, when(statement)), " ",
      h("strong", {}, statement.title), " ",
      h("span", { class: "tag" }, humanize(statement.kind)),
      statement.summary ? h("p", { class: "note" }, statement.summary) : null,
      sourceList(statement.sources),
      claimList(statement.claims)));
  const recommendations = section("Recommendations", country.recommendations, (rec) =>
    h("li", { class: rec.treaty.slug === treaty.slug ? "current-treaty" : null },
      h("span", { class: "date" }, when(rec)), " ",
      h("strong", {}, `${humanize(rec.action)} (${rec.treaty.shortName ?? rec.treaty.slug})`),
      rec.authors.length ? ` by ${rec.authors.map((a) => a.name).join(", ")}` : "",
      h("p", { class: "note" }, rec.statement.title),
      sourceList(rec.sources)));
  const about = country.claims.length
    ? h("section", {}, h("h3", {}, `Claims about ${country.name}`), claimList(country.claims))
    : null;

  panel.replaceChildren(
    h("header", {},
      h("h2", {}, country.name),
      country.officialName && country.officialName !== country.name
        ? h("p", { class: "official" }, country.officialName) : null,
      statusLine({ status, treaty, asOf }),
      h("p", { class: "panel-query" }, h("a", { href: query }, "This panel's query in GraphiQL"))),
    events, votes, statements, recommendations, about);
}

function statusLine({ status, treaty, asOf }) {
  const info = statusInfo(status?.status);
  return h("p", { class: "status-line" },
    h("span", { class: "swatch", style: `background: ${info.color}` }),
    h("strong", {}, `${treaty.shortName ?? treaty.name}: ${info.label}`),
    ` on ${asOf}`,
    status?.suspensionNotified ? " (suspension notified)" : "");
}

