// The explorer: wires the controls, the map, the timeline and the side panel to
// the GraphQL API. The view lives in the URL (?treaty=ottawa&asOf=2025-12-27&state=LTU):
// each change the user makes is a history entry, so Back and Forward move through
// views and a link reopens one. The old hash form (#treaty=…&date=…&country=…) is
// still read.

import { COUNTRY_QUERY, MAP_QUERY, START_QUERY, exportCsv, exportUrl, gql, graphiqlUrl, loadMap } from "./api.js";
import { h } from "./dom.js";
import { renderDetails } from "./details.js";
import { REGIONS, WorldMap } from "./map.js";
import { renderTimeline, windowAround } from "./timeline.js";
import { NO_RECORD, STATUSES } from "./vocab.js";

const DAY = 86_400_000;
// Slider steps closer together than this make one history entry, not one per day.
const COALESCE_MS = 1500;
const $ = (id) => document.getElementById(id);
const ui = {
  treaty: $("treaty"),
  slider: $("date-slider"),
  date: $("date-input"),
  legend: $("legend"),
  message: $("message"),
  map: $("map"),
  timeline: $("timeline"),
  details: $("details"),
  csv: $("download-csv"),
  timelineCsv: $("download-timeline-csv"),
  graphiql: $("open-graphiql"),
};

const state = {
  treaties: new Map(),
  treaty: null,
  asOf: null,
  defaultAsOf: null,
  maxDate: null,
  selected: null,
  statuses: new Map(),
  request: 0,
  // The side panel's last request: an older answer (another date's) is dropped.
  panelRequest: 0,
  notice: null,
  variables: null,
  lastPush: { at: 0, from: null },
};

const toDays = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const fromDays = (days) => new Date(days * DAY).toISOString().slice(0, 10);

/** Why `text` is no calendar date (null when it is one): 2025-02-30 parses in
 * some engines as 2 March, so the day is checked against its month. */
export function dateProblem(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? "");
  if (!match) return `"${text}" is not a date: write it as YYYY-MM-DD (e.g. 2025-12-27).`;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12) return `${text} is not a date: there is no month ${month}.`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) {
    const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleString("en", { month: "long", timeZone: "UTC" });
    return `${text} is not a date: ${name} ${year} has ${days} days.`;
  }
  return null;
}
const isDate = (text) => dateProblem(text) === null;

const map = new WorldMap(ui.map, { onSelect: (iso3) => selectCountry(iso3) });

function say(text, kind = "info") {
  ui.message.textContent = text;
  ui.message.dataset.kind = kind;
}

function viewSearch() {
  const params = new URLSearchParams({ treaty: state.treaty.slug, asOf: state.asOf });
  if (state.selected) params.set("state", state.selected);
  return `?${params}`;
}

/** Record the view in the URL: a new history entry ("push") or the current one. */
function record(mode = "push", from = null) {
  const search = viewSearch();
  if (search === location.search && !location.hash) return;
  const now = Date.now();
  const coalesce = from === "slider" && state.lastPush.from === "slider" && now - state.lastPush.at < COALESCE_MS;
  const view = { treaty: state.treaty.slug, asOf: state.asOf, state: state.selected };
  if (mode === "push" && !coalesce) {
    history.pushState(view, "", search);
    state.lastPush = { at: now, from };
  } else {
    history.replaceState(view, "", search);
    if (coalesce) state.lastPush.at = now;
  }
}

function readUrl() {
  const query = new URLSearchParams(location.search);
  const legacy = new URLSearchParams(location.hash.slice(1));
  return {
    treaty: query.get("treaty") ?? legacy.get("treaty"),
    asOf: query.get("asOf") ?? legacy.get("date"),
    state: query.get("state") ?? legacy.get("country"),
  };
}

function buildLegend() {
  ui.legend.replaceChildren(
    ...[...STATUSES, NO_RECORD].map((status) =>
      h("li", { "data-status": status.value, title: status.help ?? "" },
        h("span", { class: "swatch", style: `background: ${status.color}` }),
        h("span", { class: "label" }, status.label),
        h("span", { class: "count" }))),
  );
}

function updateLegend() {
  const counts = new Map();
  for (const entry of state.statuses.values()) {
    const status = entry.status ?? NO_RECORD.value;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  for (const item of ui.legend.children) {
    const count = counts.get(item.dataset.status);
    item.querySelector(".count").textContent = count === undefined ? "" : String(count);
  }
}

function setSliderRange() {
  const treaty = state.treaty;
  const first = treaty.openedForSignatureOn ?? treaty.entryIntoForceOn ?? "1997-01-01";
  ui.slider.min = String(toDays(first) - 90);
  ui.slider.max = String(Math.max(toDays(state.maxDate), toDays(state.asOf)));
  ui.date.min = fromDays(Number(ui.slider.min));
}

/** The links that take the view away: the exact operation and variables behind it. */
function updateViewLinks(variables) {
  state.variables = variables;
  ui.csv.href = exportUrl(MAP_QUERY, variables, "countries");
  ui.timelineCsv.href = exportUrl(MAP_QUERY, variables, "timeline");
  ui.graphiql.href = graphiqlUrl(MAP_QUERY, variables);
}

/** Ask the API for the chosen treaty and date; stale answers are dropped. */
async function refresh() {
  const request = ++state.request;
  const { slug } = state.treaty;
  const asOf = state.asOf;
  const span = windowAround(asOf);
  updateViewLinks({ treaty: slug, asOf, from: span.from, to: span.to });
  ui.map.setAttribute("aria-busy", "true");
  if (!state.notice) say(`Loading ${state.treaty.shortName ?? slug} on ${asOf}…`);
  try {
    const { states, timeline } = await loadMap(slug, asOf, span.from, span.to);
    if (request !== state.request) return;
    state.statuses = new Map(
      states.map((c) => [c.iso3, { name: c.name, status: c.treatyStatus?.status, suspensionNotified: c.treatyStatus?.suspensionNotified }]),
    );
    map.update(state.statuses, { asOf, treatyName: state.treaty.shortName ?? state.treaty.name });
    updateLegend();
    renderTimeline(ui.timeline, { timeline, ...span, asOf, onPick: pickEvent });
    // The panel follows the date too (its recommendations are those made by then).
    if (state.selected) selectCountry(state.selected, { history: "none" });
    const done = `${state.treaty.name}: status of ${states.length} states on ${asOf}.`;
    if (state.notice) say(`${state.notice} ${done}`, "error");
    else say(done);
  } catch (error) {
    if (request === state.request) say(`Could not load: ${error.message}`, "error");
  } finally {
    if (request === state.request) ui.map.removeAttribute("aria-busy");
  }
}

function setDate(iso, { from, history: mode = "push" } = {}) {
  const problem = dateProblem(iso);
  if (problem) {
    say(problem, "error");
    return;
  }
  state.notice = null;
  state.asOf = iso;
  if (from !== "input") ui.date.value = iso;
  if (from !== "slider") ui.slider.value = String(toDays(iso));
  if (toDays(iso) > Number(ui.slider.max)) ui.slider.max = String(toDays(iso));
  if (mode !== "none") record(mode, from);
  refresh();
}

function clearSelection() {
  state.panelRequest += 1; // an answer still on its way is not shown
  state.selected = null;
  map.select(null);
  ui.details.replaceChildren(h("p", { class: "none" },
    "Click a state on the map (or an event below) to see its treaty events, parliamentary votes, " +
    "statements and recommendations, each with its sources and competing claims."));
}

async function selectCountry(iso3, { history: mode = "push" } = {}) {
  const request = ++state.panelRequest;
  const asOf = state.asOf;
  state.selected = iso3;
  map.select(iso3);
  if (mode !== "none") record(mode);
  ui.details.replaceChildren(h("p", { class: "none" }, "Loading…"));
  try {
    // As of the view's date: the recommendations made by then. Answers can come
    // back out of order (the start loads the panel twice), so only the last counts.
    const { country } = await gql(COUNTRY_QUERY, { iso3, asOf });
    if (request !== state.panelRequest) return;
    if (!country) {
      ui.details.replaceChildren(h("p", { class: "none" }, `No state ${iso3} in the graph.`));
      return;
    }
    renderDetails(ui.details, {
      country, status: state.statuses.get(iso3), treaty: state.treaty, asOf,
      query: graphiqlUrl(COUNTRY_QUERY, { iso3, asOf }),
    });
  } catch (error) {
    if (request === state.panelRequest) {
      ui.details.replaceChildren(h("p", { class: "error" }, `Could not load ${iso3}: ${error.message}`));
    }
  }
}

function pickEvent(event) {
  // One history entry for the state and its date together.
  state.selected = event.country.iso3;
  if (event.date && event.date !== state.asOf) setDate(event.date);
  else record("push");
  selectCountry(event.country.iso3, { history: "none" });
}

/** Show the view a URL names (on start, and on Back or Forward). */
function applyView(wanted, { start = false } = {}) {
  const treaty = state.treaties.get(wanted.treaty) ?? state.treaties.get("ottawa") ?? [...state.treaties.values()][0];
  const treatyChanged = treaty !== state.treaty;
  state.treaty = treaty;
  ui.treaty.value = treaty.slug;
  const notes = [];
  if (wanted.treaty && wanted.treaty !== treaty.slug) notes.push(`No treaty "${wanted.treaty}"; showing ${treaty.shortName ?? treaty.slug}.`);
  let asOf = wanted.asOf ?? state.defaultAsOf;
  const problem = wanted.asOf ? dateProblem(wanted.asOf) : null;
  if (problem) {
    notes.push(`${problem} Showing ${state.defaultAsOf} instead.`);
    asOf = state.defaultAsOf;
  }
  if (treatyChanged) {
    state.asOf = asOf;
    setSliderRange();
  }
  const dateChanged = asOf !== state.asOf || treatyChanged || start;
  state.notice = notes.length ? notes.join(" ") : null;
  if (dateChanged) {
    state.asOf = asOf;
    ui.date.value = asOf;
    ui.slider.value = String(toDays(asOf));
    refresh();
  } else if (state.notice) {
    say(state.notice, "error");
  }
  const iso3 = wanted.state ? wanted.state.toUpperCase() : null;
  if (iso3 !== state.selected || (start && iso3)) {
    if (iso3) selectCountry(iso3, { history: "none" });
    else clearSelection();
  }
  if (start || notes.length) record("replace");
}

/** Save the view's CSV; a refusal is said in the status line, not shown as JSON. */
function downloadOnClick(link, path) {
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    try {
      const { name, blob } = await exportCsv(MAP_QUERY, state.variables, path);
      const url = URL.createObjectURL(blob);
      const save = h("a", { href: url, download: name, hidden: true });
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      say(`Could not export ${path}: ${error.message}`, "error");
    }
  });
}

function skipTo(link) {
  link.addEventListener("click", (event) => {
    // Focus the target without a fragment in the URL (it would add a history entry).
    event.preventDefault();
    const target = $(link.getAttribute("href").slice(1));
    target.focus();
    target.scrollIntoView({ block: "start" });
  });
}

async function start() {
  buildLegend();
  for (const link of document.querySelectorAll("a.skip")) skipTo(link);
  downloadOnClick(ui.csv, "countries");
  downloadOnClick(ui.timelineCsv, "timeline");
  say("Loading…");
  const [{ dataset, treaties }, geojson] = await Promise.all([
    gql(START_QUERY),
    fetch("/geo/countries.geojson").then((r) => {
      if (!r.ok) throw new Error(`map outlines: HTTP ${r.status}`);
      return r.json();
    }),
  ]);
  map.draw(geojson);
  for (const treaty of treaties.nodes) {
    state.treaties.set(treaty.slug, treaty);
    ui.treaty.append(h("option", { value: treaty.slug }, `${treaty.shortName ?? treaty.name}: ${treaty.name}`));
  }
  state.maxDate = dataset.asOfDefault;
  state.defaultAsOf = dataset.asOfDefault;
  ui.date.max = "2100-12-31";
  $("dataset").textContent = `dataset ${dataset.version ?? "not seeded"}, default date ${dataset.asOfDefault}`;

  ui.treaty.addEventListener("change", () => {
    state.treaty = state.treaties.get(ui.treaty.value);
    state.notice = null;
    setSliderRange();
    record("push");
    refresh();
  });
  let timer = 0;
  ui.slider.addEventListener("input", () => {
    const iso = fromDays(Number(ui.slider.value));
    ui.date.value = iso;
    clearTimeout(timer);
    timer = setTimeout(() => setDate(iso, { from: "slider" }), 120);
  });
  ui.date.addEventListener("change", () => {
    if (ui.date.value) setDate(ui.date.value, { from: "input" });
  });
  $("step-back").addEventListener("click", () => setDate(fromDays(toDays(state.asOf) - 1)));
  $("step-forward").addEventListener("click", () => setDate(fromDays(toDays(state.asOf) + 1)));
  $("zoom-world").addEventListener("click", () => map.zoomTo(REGIONS.world));
  $("zoom-europe").addEventListener("click", () => map.zoomTo(REGIONS.europe));
  window.addEventListener("popstate", () => applyView(readUrl()));

  applyView(readUrl(), { start: true });
}

start().catch((error) => say(`Could not start: ${error.message}`, "error"));
