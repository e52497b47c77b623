// The side panel: one state's treaty events, parliamentary votes and statements,
// each with its sources.

import { h, sourceList } from "./dom.js";
import { humanize, statusInfo } from "./vocab.js";

function section(title, items, render) {
  return h("section", {},
    h("h3", {}, `${title} (${items.length})`),
    items.length ? h("ol", { class: "facts" }, items.map(render)) : h("p", { class: "none" }, "None recorded."));
}

const when = (item) => item.date ?? item.dateText ?? "undated";

export function renderDetails(panel, { country, status, treaty, asOf }) {
  const events = section("Treaty events", country.treatyEvents, (event) =>
    h("li", { class: event.treaty.slug === treaty.slug ? "current-treaty" : null },
      h("span", { class: "date" }, when(event)), " ",
      h("strong", {}, event.treaty.shortName ?? event.treaty.slug), " ",
      humanize(event.kind),
      event.derived ? h("em", {}, " (date derived by rule)") : null,
      event.note ? h("p", { class: "note" }, event.note) : null,
      sourceList(event.sources)));
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
      sourceList(vote.sources)));
  const statements = section("Statements and decisions", country.statements, (statement) =>
    h("li", {},
      h("span", { class: "date" }, when(statement)), " ",
      h("strong", {}, statement.title), " ",
      h("span", { class: "tag" }, humanize(statement.kind)),
      statement.summary ? h("p", { class: "note" }, statement.summary) : null,
      sourceList(statement.sources)));

  panel.replaceChildren(
    h("header", {},
      h("h2", {}, country.name),
      country.officialName && country.officialName !== country.name
        ? h("p", { class: "official" }, country.officialName) : null,
      statusLine({ status, treaty, asOf })),
    events, votes, statements);
}

function statusLine({ status, treaty, asOf }) {
  const info = statusInfo(status?.status);
  return h("p", { class: "status-line" },
    h("span", { class: "swatch", style: `background: ${info.color}` }),
    h("strong", {}, `${treaty.shortName ?? treaty.name}: ${info.label}`),
    ` on ${asOf}`,
    status?.suspensionNotified ? " (suspension notified)" : "");
}

/** The date or treaty moved: only the status line changes. */
export function updateDetailsStatus(panel, state) {
  panel.querySelector(".status-line")?.replaceWith(statusLine(state));
}
