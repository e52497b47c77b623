// Labels and colours for the API's enums (TreatyStatusKind, EventKind).

export const STATUSES = [
  { value: "PARTY", label: "party", color: "#2f9e44", help: "bound by the treaty" },
  { value: "CONSENTED", label: "consented, not yet in force", color: "#a9e34b", help: "ratified or acceded; entry into force pending" },
  { value: "SIGNATORY", label: "signatory", color: "#74c0fc", help: "signed, not ratified" },
  { value: "WITHDRAWAL_PENDING", label: "withdrawal pending", color: "#f08c00", help: "notice deposited, not yet effective" },
  { value: "WITHDRAWN", label: "withdrawn", color: "#e03131", help: "withdrawal has taken effect" },
  { value: "NOT_PARTY", label: "never joined", color: "#ced4da", help: "no signature or consent by this date" },
];

export const NO_RECORD = { value: "NONE", label: "no record in the graph", color: "#f8f9fa" };

const BY_VALUE = new Map(STATUSES.map((s) => [s.value, s]));

export function statusInfo(value) {
  return BY_VALUE.get(value) ?? NO_RECORD;
}

const EVENT_COLORS = {
  SIGNATURE: "#1c7ed6",
  RATIFICATION: "#66a80f",
  ACCESSION: "#66a80f",
  SUCCESSION: "#66a80f",
  ACCEPTANCE: "#66a80f",
  APPROVAL: "#66a80f",
  ENTRY_INTO_FORCE: "#2b8a3e",
  WITHDRAWAL_DEPOSITED: "#f08c00",
  WITHDRAWAL_EFFECTIVE: "#e03131",
  SUSPENSION_NOTIFIED: "#9c36b5",
  DOMESTIC_APPROVAL: "#868e96",
};

export function eventColor(kind) {
  return EVENT_COLORS[kind] ?? "#868e96";
}

/** ENTRY_INTO_FORCE -> "entry into force". */
export function humanize(value) {
  return String(value ?? "").toLowerCase().replaceAll("_", " ");
}
