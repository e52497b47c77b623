// The world map: GeoJSON drawn as SVG paths with an equirectangular projection
// (x = longitude + 180, y = 84 - latitude, in degrees), zoomed by the viewBox.

import { s } from "./dom.js";
import { NO_RECORD, statusInfo } from "./vocab.js";

const NORTH = 84;
const SOUTH = -58;
const WORLD = { x: 0, y: 0, w: 360, h: NORTH - SOUTH };
// States smaller than this (degrees) also get a dot, so they can be seen and clicked.
const DOT_BELOW = 1.5;

const project = ([lon, lat]) => [lon + 180, NORTH - lat];

function ringPath(ring) {
  return (
    ring
      .map((point, i) => {
        const [x, y] = project(point);
        return `${i ? "L" : "M"}${x.toFixed(2)},${y.toFixed(2)}`;
      })
      .join("") + "Z"
  );
}

function polygons(geometry) {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

function bounds(geometry) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons(geometry)) {
    for (const [lon, lat] of polygon[0]) {
      x0 = Math.min(x0, lon);
      x1 = Math.max(x1, lon);
      y0 = Math.min(y0, lat);
      y1 = Math.max(y1, lat);
    }
  }
  return { x0, y0, x1, y1 };
}

export class WorldMap {
  constructor(svg, { onSelect }) {
    this.svg = svg;
    this.onSelect = onSelect;
    this.shapes = new Map(); // iso3 -> { name, state, elements: [path, dot?], title }
    this.view = { ...WORLD };
    this.svg.setAttribute("viewBox", this.viewBox());
    this.enableZoom();
  }

  viewBox() {
    const { x, y, w, h } = this.view;
    return `${x} ${y} ${w} ${h}`;
  }

  draw(geojson) {
    const sea = s("rect", { class: "sea", x: -360, y: -200, width: 1080, height: 600 });
    const land = s("g", { class: "land" });
    const dots = s("g", { class: "dots" });
    for (const feature of geojson.features) {
      const iso3 = feature.id;
      const { name, state } = feature.properties;
      const d = polygons(feature.geometry)
        .map((polygon) => polygon.map(ringPath).join(""))
        .join("");
      const title = s("title", {}, name);
      const path = s("path", {
        d,
        class: state ? "country" : "country territory",
        "data-iso3": iso3,
        "data-status": state ? "UNKNOWN" : NO_RECORD.value,
        "fill-rule": "evenodd",
        tabindex: state ? 0 : null,
        role: state ? "button" : null,
      }, title);
      const elements = [path];
      land.append(path);
      const box = bounds(feature.geometry);
      if (state && Math.max(box.x1 - box.x0, box.y1 - box.y0) < DOT_BELOW) {
        const [cx, cy] = project([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]);
        const dot = s("circle", {
          cx: cx.toFixed(2), cy: cy.toFixed(2), r: (0.9 * this.view.w) / WORLD.w, class: "country dot", "data-iso3": iso3,
        }, s("title", {}, name));
        dots.append(dot);
        elements.push(dot);
      }
      if (state) {
        for (const element of elements) {
          element.addEventListener("click", () => this.onSelect(iso3));
          element.addEventListener("keydown", (event) => {
            if (event.key === "Enter" || event.key === " ") this.onSelect(iso3);
          });
        }
      }
      this.shapes.set(iso3, { name, state, elements });
    }
    this.svg.replaceChildren(sea, land, dots);
  }

  /** Colour every state; `statuses` maps ISO3 -> { name, status, suspensionNotified }. */
  update(statuses, { asOf, treatyName }) {
    for (const [iso3, shape] of this.shapes) {
      const entry = statuses.get(iso3);
      const info = shape.state ? statusInfo(entry?.status) : NO_RECORD;
      const name = entry?.name ?? shape.name;
      let label = `${name}: ${info.label}`;
      if (entry?.suspensionNotified) label += " (suspension notified)";
      if (shape.state) label += ` (${treatyName}, ${asOf})`;
      for (const element of shape.elements) {
        element.setAttribute("data-status", info.value);
        element.style.fill = info.color;
        element.querySelector("title").textContent = label;
      }
      shape.elements[0].setAttribute("aria-label", label);
    }
    this.svg.setAttribute("data-as-of", asOf);
  }

  select(iso3) {
    for (const [key, shape] of this.shapes) {
      for (const element of shape.elements) element.classList.toggle("selected", key === iso3);
    }
    // Draw the selected outline on top of its neighbours.
    const path = this.shapes.get(iso3)?.elements[0];
    if (path) path.parentNode.append(path);
  }

  zoomTo(box) {
    this.view = { ...box };
    this.svg.setAttribute("viewBox", this.viewBox());
    // Dots keep their size on screen whatever the zoom.
    const r = (0.9 * this.view.w) / WORLD.w;
    for (const dot of this.svg.querySelectorAll("circle.dot")) dot.setAttribute("r", r.toFixed(3));
  }

  reset() {
    this.zoomTo(WORLD);
  }

  enableZoom() {
    const toView = (event) => {
      const rect = this.svg.getBoundingClientRect();
      // preserveAspectRatio="xMidYMid meet": one scale for both axes.
      const scale = Math.min(rect.width / this.view.w, rect.height / this.view.h);
      const offsetX = (rect.width - this.view.w * scale) / 2;
      const offsetY = (rect.height - this.view.h * scale) / 2;
      return {
        x: this.view.x + (event.clientX - rect.left - offsetX) / scale,
        y: this.view.y + (event.clientY - rect.top - offsetY) / scale,
        scale,
      };
    };
    this.svg.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        const { x, y } = toView(event);
        const factor = event.deltaY < 0 ? 1 / 1.25 : 1.25;
        const w = Math.min(WORLD.w, Math.max(10, this.view.w * factor));
        const k = w / this.view.w;
        const h = this.view.h * k;
        this.zoomTo({ x: x - (x - this.view.x) * k, y: y - (y - this.view.y) * k, w, h });
      },
      { passive: false },
    );
    let drag = null;
    let dragged = false;
    this.svg.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY, view: { ...this.view }, scale: toView(event).scale };
      dragged = false;
    });
    this.svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!dragged && Math.hypot(dx, dy) < 4) return;
      dragged = true;
      this.svg.classList.add("dragging");
      this.zoomTo({ ...drag.view, x: drag.view.x - dx / drag.scale, y: drag.view.y - dy / drag.scale });
    });
    const end = () => {
      this.svg.classList.remove("dragging");
      drag = null;
    };
    this.svg.addEventListener("pointerup", end);
    this.svg.addEventListener("pointerleave", end);
    // A drag is not a click on the country under the pointer.
    this.svg.addEventListener(
      "click",
      (event) => {
        if (dragged) event.stopPropagation();
        dragged = false;
      },
      true,
    );
  }
}

export const REGIONS = {
  world: WORLD,
  europe: { x: 170, y: 12, w: 45, h: 34 },
};
