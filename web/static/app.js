// The explorer: wires the controls, the map, the timeline and the side panel to
// the GraphQL API. State lives in the URL hash (#treaty=ottawa&date=2025-12-27&country=LTU).

import { COUNTRY_QUERY, START_QUERY, gql, loadMap } from "./api.js";
import { h } from "./dom.js";
import { renderDetails, updateDetailsStatus } from "./details.js";
import { REGIONS, WorldMap } from "./map.js";
import { renderTimeline, windowAround } from "./timeline.js";
import { NO_RECORD, STATUSES } from "./vocab.js";

const DAY = 86_400_000;
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
};

const state = {
  treaties: new Map(),
  treaty: null,
  asOf: null,
  maxDate: null,
  selected: null,
  statuses: new Map(),
  request: 0,
};

const toDays = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const fromDays = (days) => new Date(days * DAY).toISOString().slice(0, 10);
const isDate = (text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));

const map = new WorldMap(ui.map, { onSelect: (iso3) => selectCountry(iso3) });

function say(text, kind = "info") {
  ui.message.textContent = text;
  ui.message.dataset.kind = kind;
}

function writeHash() {
  const params = new URLSearchParams({ treaty: state.treaty.slug, date: state.asOf });
  if (state.selected) params.set("country", state.selected);
  history.replaceState(null, "", `#${params}`);
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  return { treaty: params.get("treaty"), date: params.get("date"), country: params.get("country") };
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

/** Ask the API for the chosen treaty and date; stale answers are dropped. */
async function refresh() {
  const request = ++state.request;
  const { slug } = state.treaty;
  const asOf = state.asOf;
  const span = windowAround(asOf);
  ui.map.setAttribute("aria-busy", "true");
  say(`Loading ${state.treaty.shortName ?? slug} on ${asOf}…`);
  try {
    const { states, timeline } = await loadMap(slug, asOf, span.from, span.to);
    if (request !== state.request) return;
    state.statuses = new Map(
      states.map((c) => [c.iso3, { name: c.name, status: c.treatyStatus?.status, suspensionNotified: c.treatyStatus?.suspensionNotified }]),
    );
    map.update(state.statuses, { asOf, treatyName: state.treaty.shortName ?? state.treaty.name });
    updateLegend();
    renderTimeline(ui.timeline, { timeline, ...span, asOf, onPick: pickEvent });
    if (state.selected) {
      updateDetailsStatus(ui.details, { status: state.statuses.get(state.selected), treaty: state.treaty, asOf });
    }
    say(`${state.treaty.name}: status of ${states.length} states on ${asOf}.`);
  } catch (error) {
    if (request === state.request) say(`Could not load: ${error.message}`, "error");
  } finally {
    if (request === state.request) ui.map.removeAttribute("aria-busy");
  }
}

function setDate(iso, { from } = {}) {
  if (!isDate(iso)) {
    say(`"${iso}" is not a date (YYYY-MM-DD).`, "error");
    return;
  }
  state.asOf = iso;
  if (from !== "input") ui.date.value = iso;
  if (from !== "slider") ui.slider.value = String(toDays(iso));
  writeHash();
  refresh();
}

async function selectCountry(iso3) {
  state.selected = iso3;
  map.select(iso3);
  writeHash();
  ui.details.replaceChildren(h("p", { class: "none" }, "Loading…"));
  try {
    const { country } = await gql(COUNTRY_QUERY, { iso3 });
    if (state.selected !== iso3) return;
    if (!country) {
      ui.details.replaceChildren(h("p", { class: "none" }, `No state ${iso3} in the graph.`));
      return;
    }
    renderDetails(ui.details, {
      country, status: state.statuses.get(iso3), treaty: state.treaty, asOf: state.asOf,
    });
  } catch (error) {
    ui.details.replaceChildren(h("p", { class: "error" }, `Could not load ${iso3}: ${error.message}`));
  }
}

function pickEvent(event) {
  selectCountry(event.country.iso3);
  if (event.date && event.date !== state.asOf) setDate(event.date);
}

async function start() {
  buildLegend();
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
  const wanted = readHash();
  state.treaty = state.treaties.get(wanted.treaty) ?? state.treaties.get("ottawa") ?? treaties.nodes[0];
  ui.treaty.value = state.treaty.slug;
  state.maxDate = dataset.asOfDefault;
  state.asOf = wanted.date && isDate(wanted.date) ? wanted.date : dataset.asOfDefault;
  ui.date.max = "2100-12-31";
  setSliderRange();
  $("dataset").textContent = `dataset ${dataset.version ?? "not seeded"}, default date ${dataset.asOfDefault}`;

  ui.treaty.addEventListener("change", () => {
    state.treaty = state.treaties.get(ui.treaty.value);
    setSliderRange();
    writeHash();
    refresh();
  });
  let timer = 0;
  ui.slider.addEventListener("input", () => {
    const iso = fromDays(Number(ui.slider.value));
    ui.date.value = iso;
    clearTimeout(timer);
    timer = setTimeout(() => setDate(iso, { from: "slider" }), 120);
  });
  ui.date.addEventListener("change", () => setDate(ui.date.value, { from: "input" }));
  $("step-back").addEventListener("click", () => setDate(fromDays(toDays(state.asOf) - 1)));
  $("step-forward").addEventListener("click", () => setDate(fromDays(toDays(state.asOf) + 1)));
  $("zoom-world").addEventListener("click", () => map.zoomTo(REGIONS.world));
  $("zoom-europe").addEventListener("click", () => map.zoomTo(REGIONS.europe));

  setDate(state.asOf);
  if (wanted.country) selectCountry(wanted.country);
}

start().catch((error) => say(`Could not start: ${error.message}`, "error"));
