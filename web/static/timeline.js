// The timeline below the map: the treaty's events in a window around the chosen
// date, as a strip of dots (one per event, stacked on busy days) and a list.

import { h, s, sourceList } from "./dom.js";
import { eventColor, humanize } from "./vocab.js";

const WIDTH = 1000;
const HEIGHT = 86;
const PAD = 14;
const AXIS_Y = 66;
const DAY = 86_400_000;

const time = (iso) => Date.parse(`${iso}T00:00:00Z`);

export function renderTimeline(container, { timeline, from, to, asOf, onPick }) {
  const t0 = time(from);
  const t1 = time(to);
  const x = (iso) => PAD + ((time(iso) - t0) / (t1 - t0)) * (WIDTH - 2 * PAD);

  const strip = s("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: "strip",
    role: "img",
    "aria-label": `Treaty events from ${from} to ${to}`,
  });
  strip.append(s("line", { x1: PAD, x2: WIDTH - PAD, y1: AXIS_Y, y2: AXIS_Y, class: "axis" }));

  // Month ticks, year labels.
  const start = new Date(t0);
  for (
    let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    d.getTime() <= t1;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
  ) {
    const iso = d.toISOString().slice(0, 10);
    const january = d.getUTCMonth() === 0;
    strip.append(s("line", { x1: x(iso), x2: x(iso), y1: AXIS_Y, y2: AXIS_Y + (january ? 8 : 4), class: "tick" }));
    if (january || d.getUTCMonth() === 6) {
      const label = january ? String(d.getUTCFullYear()) : "Jul";
      strip.append(s("text", { x: x(iso), y: AXIS_Y + 18, class: january ? "year" : "month" }, label));
    }
  }

  // Events: dots stacked per 4-unit column.
  const stacks = new Map();
  for (const event of timeline.nodes) {
    if (!event.date) continue;
    const cx = x(event.date);
    const column = Math.round(cx / 4);
    const level = stacks.get(column) ?? 0;
    stacks.set(column, level + 1);
    const cy = AXIS_Y - 6 - Math.min(level, 9) * 6;
    const label = `${event.date} ${event.country.name}: ${humanize(event.kind)}`;
    strip.append(
      s("circle", {
        cx: cx.toFixed(1), cy, r: 2.6,
        class: event.date > asOf ? "event future" : "event",
        fill: eventColor(event.kind),
        "data-iso3": event.country.iso3,
        onclick: () => onPick(event),
      }, s("title", {}, label)),
    );
  }

  // The chosen date.
  const cursor = x(asOf);
  strip.append(
    s("line", { x1: cursor, x2: cursor, y1: 4, y2: AXIS_Y + 4, class: "cursor" }),
    s("text", { x: cursor + 4, y: 12, class: "cursor-label" }, asOf),
  );

  const rows = timeline.nodes.map((event) =>
    h("tr", { class: event.date > asOf ? "future" : null, "data-date": event.date ?? "" },
      h("td", { class: "date" }, event.date ?? "undated"),
      h("td", {},
        h("button", { type: "button", class: "linkish", onclick: () => onPick(event) }, event.country.name)),
      h("td", {},
        h("span", { class: "kind", style: `--kind: ${eventColor(event.kind)}` }, humanize(event.kind))),
      h("td", { class: "src" }, sourceList(event.sources)),
    ),
  );
  const shown = timeline.nodes.length;
  const caption = shown < timeline.totalCount
    ? `${shown} of ${timeline.totalCount} events from ${from} to ${to} (narrow the window by moving the date)`
    : `${shown} events from ${from} to ${to}`;
  const list = h("div", { class: "events" },
    h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, "date"), h("th", {}, "state"), h("th", {}, "event"), h("th", {}, "sources"))),
      h("tbody", {}, rows)));
  container.replaceChildren(h("p", { class: "caption" }, caption), strip, list);

  // Scroll the list (not the page) to the chosen date.
  const next = rows.find((row) => row.dataset.date >= asOf) ?? rows.at(-1);
  if (next) list.scrollTop = Math.max(0, next.offsetTop - list.clientHeight / 2);
}

/** The window shown around a date: a year either side. */
export function windowAround(asOf) {
  const t = time(asOf);
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(t - 365 * DAY), to: iso(t + 365 * DAY) };
}
