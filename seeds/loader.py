"""Load the curated seed files into Neo4j: validate everything, then write in one go.

`python -m seeds.loader [--reset [--force]] [--data DIR]` (behind `make seed`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from neo4j import GraphDatabase

from graph import constraints, seeding
from graph.model import CLAIM_SUBJECTS, PARTY_RULE, Label, Rel, party_interval
from graph.model import search_text as _search_text
from graph.seeding import LoadPlan, Row
from seeds.validate import DATA_DIR, Dataset, Record, as_date, read_dataset
from settings import Settings, SettingsError


class SeedError(RuntimeError):
    """The seed files are invalid (every problem is listed) or the target is refused."""


def _d(value: Any) -> dt.date | None:
    return as_date(value) if value is not None else None


def _enum(value: Any) -> str | None:
    """Files say `entry_into_force`, `joint-statement`; the API's enums say ENTRY_INTO_FORCE."""
    return None if value is None else str(value).upper().replace("-", "_")


def _node(key: str, record: Record, **props: Any) -> Row:
    props.setdefault("note", record.get("note"))
    return {"key": key, "props": props, "sources": record.get("sources") or []}


def dataset_version(data: Dataset) -> str:
    """A short hash of every seed file's bytes: answers say which data they came from."""
    digest = hashlib.sha256()
    for kind in sorted(data.files):
        for path in data.files[kind]:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def build_plan(data: Dataset) -> LoadPlan:
    """Turn validated records into node, relationship and citation rows."""
    r = data.records
    plan = LoadPlan()
    nodes: dict[Label, list[Row]] = defaultdict(list)
    rels: dict[tuple[Label, Rel, Label], list[Row]] = defaultdict(list)

    def rel(start: Label, kind: Rel, end: Label, a: str, b: str, **props: Any) -> None:
        rels[(start, kind, end)].append({"start": a, "end": b, "props": props})

    for s in r["sources"]:
        nodes[Label.SOURCE].append(
            {
                "key": s["id"],
                "props": {
                    "url": s["url"],
                    "publisher": s["publisher"],
                    "title": s.get("title"),
                    "author": s.get("author"),
                    "publishedOn": _d(s.get("published_on")),
                    "kind": _enum(s["kind"]),
                    "reliability": s.get("reliability"),
                    "note": s.get("note"),
                    "host": urlparse(s["url"]).hostname,
                    "searchText": _search_text(s["publisher"], s.get("author")),
                },
                "sources": [],
            }
        )
    for c in r["countries"]:
        nodes[Label.COUNTRY].append(
            _node(
                c["iso3"],
                c,
                iso2=c["iso2"],
                name=c["name"],
                officialName=c.get("official_name"),
                nativeNames=c.get("native_names") or [],
                aliases=c.get("aliases") or [],
                region=c.get("region"),
                subregion=c.get("subregion"),
                unStatus=_enum(c["un_status"]),
                searchText=_search_text(
                    c.get("official_name"),
                    c.get("native_names") or [],
                    c.get("aliases") or [],
                    c["iso3"],
                ),
            )
        )
    for b in r["borders"]:
        a, z = b["between"]
        rel(
            Label.COUNTRY,
            Rel.BORDERS,
            Label.COUNTRY,
            a,
            z,
            sourceIds=b["sources"],
            note=b.get("note"),
        )
    for o in r["organizations"]:
        nodes[Label.ORGANIZATION].append(
            _node(
                o["code"],
                o,
                name=o["name"],
                kind=o.get("kind"),
                foundedOn=_d(o.get("founded_on")),
                searchText=o["code"],
            )
        )
    for m in r["memberships"]:
        key = f"{m['organization']}:{m['country']}"
        nodes[Label.MEMBERSHIP].append(
            _node(key, m, since=_d(m.get("since")), until=_d(m.get("until")))
        )
        rel(Label.COUNTRY, Rel.HAS_MEMBERSHIP, Label.MEMBERSHIP, m["country"], key)
        rel(
            Label.MEMBERSHIP,
            Rel.OF_ORGANIZATION,
            Label.ORGANIZATION,
            key,
            m["organization"],
        )
    for t in r["treaties"]:
        nodes[Label.TREATY].append(
            _node(
                t["slug"],
                t,
                name=t["name"],
                shortName=t.get("short_name"),
                aliases=t.get("aliases") or [],
                fullTitle=t.get("full_title"),
                adoptedOn=_d(t.get("adopted_on")),
                adoptedAt=t.get("adopted_at"),
                openedForSignatureOn=_d(t.get("opened_for_signature_on")),
                entryIntoForceOn=_d(t.get("entry_into_force_on")),
                depositary=t.get("depositary"),
                signatoryCount=t.get("signatory_count"),
                entryIntoForceRule=t.get("entry_into_force_rule"),
                withdrawalNoticeMonths=t.get("withdrawal_notice_months"),
                withdrawalRule=t.get("withdrawal_rule"),
                obligations=t.get("obligations"),
                searchText=_search_text(
                    t.get("short_name"), t.get("full_title"), t.get("aliases") or []
                ),
            )
        )
    _events(r["treaty_events"], nodes, rel)
    for ch in r["chambers"]:
        nodes[Label.CHAMBER].append(
            _node(
                ch["key"],
                ch,
                name=ch["name"],
                nativeName=ch.get("native_name"),
                seats=ch.get("seats"),
                searchText=_search_text(ch.get("native_name")),
            )
        )
        rel(Label.CHAMBER, Rel.OF_COUNTRY, Label.COUNTRY, ch["key"], ch["country"])
    for v in r["votes"]:
        nodes[Label.VOTE].append(
            _node(
                v["key"],
                v,
                date=_d(v.get("date")),
                dateText=v.get("date_text"),
                action=v["action"],
                stage=v.get("stage"),
                subject=v.get("subject"),
                votesFor=v.get("for"),
                votesAgainst=v.get("against"),
                abstained=v.get("abstained"),
                absent=v.get("absent"),
                notVoting=v.get("not_voting"),
                required=v.get("required"),
                outcome=_enum(v.get("outcome")),
            )
        )
        rel(Label.VOTE, Rel.IN_CHAMBER, Label.CHAMBER, v["key"], v["chamber"])
        if v.get("treaty"):
            rel(Label.VOTE, Rel.ON_TREATY, Label.TREATY, v["key"], v["treaty"])
        for person in v.get("abstainers") or []:
            rel(Label.PERSON, Rel.ABSTAINED_IN, Label.VOTE, person, v["key"])
    for p in r["people"]:
        nodes[Label.PERSON].append(
            _node(
                p["key"],
                p,
                name=p["name"],
                aliases=p.get("aliases") or [],
                searchText=_search_text(p.get("aliases") or []),
            )
        )
        if p.get("country"):
            rel(Label.PERSON, Rel.OF_COUNTRY, Label.COUNTRY, p["key"], p["country"])
    for o in r["offices"]:
        nodes[Label.OFFICE].append(
            _node(o["key"], o, title=o["title"], kind=o.get("kind"))
        )
        rel(Label.OFFICE, Rel.OF_COUNTRY, Label.COUNTRY, o["key"], o["country"])
    for term in r["terms"]:
        key = f"{term['person']}:{term['office']}:{term.get('from')}"
        nodes[Label.TERM].append(
            _node(key, term, start=_d(term.get("from")), end=_d(term.get("until")))
        )
        rel(Label.PERSON, Rel.HELD, Label.TERM, term["person"], key)
        rel(Label.TERM, Rel.OF_OFFICE, Label.OFFICE, key, term["office"])
    _statements(r["statements"], nodes, rel)
    for sp in r["stockpiles"]:
        nodes[Label.STOCKPILE].append(
            _node(
                sp["key"],
                sp,
                weapon=sp["weapon"],
                count=sp.get("count"),
                countLow=sp.get("count_low"),
                countHigh=sp.get("count_high"),
                asOf=_d(sp.get("as_of")),
                asOfText=sp.get("as_of_text"),
                rank=sp.get("rank"),
                rankContext=sp.get("rank_context"),
            )
        )
        rel(Label.COUNTRY, Rel.HAS_STOCKPILE, Label.STOCKPILE, sp["country"], sp["key"])
    for cl in r["claims"]:
        value = cl.get("value")
        nodes[Label.CLAIM].append(
            _node(
                cl["key"],
                cl,
                subjectKind=cl["about"]["kind"],
                subjectKey=cl["about"]["key"],
                property=cl["property"],
                value=None if value is None else str(value),
                valueType=type(value).__name__ if value is not None else None,
                status=_enum(cl["status"]),
            )
        )
        subject = Label(CLAIM_SUBJECTS[cl["about"]["kind"]])
        rel(Label.CLAIM, Rel.ABOUT, subject, cl["key"], cl["about"]["key"])

    # Order matters only for MATCHes: every node exists before any relationship.
    plan.nodes = list(nodes.items())
    plan.rels = [(a, k, b, rows) for (a, k, b), rows in rels.items()]
    plan.cites = [
        (label, [row for row in rows if row["sources"]])
        for label, rows in nodes.items()
        if label is not Label.SOURCE
    ]
    plan.dataset = {"version": dataset_version(data), "partyRule": PARTY_RULE}
    return plan


def _events(records: list[Record], nodes: dict[Label, list[Row]], rel: Any) -> None:
    by_state: dict[tuple[str, str], dict[str, dt.date | None]] = defaultdict(dict)
    for e in records:
        key = f"{e['treaty']}:{e['country']}:{e['kind']}"
        derived = e.get("derived") or {}
        nodes[Label.TREATY_EVENT].append(
            _node(
                key,
                e,
                kind=_enum(e["kind"]),
                date=_d(e.get("date")),
                derived=bool(derived),
                derivationRule=derived.get("rule"),
                derivedFrom=derived.get("from"),
            )
        )
        rel(Label.COUNTRY, Rel.HAS_EVENT, Label.TREATY_EVENT, e["country"], key)
        rel(Label.TREATY_EVENT, Rel.UNDER, Label.TREATY, key, e["treaty"])
        by_state[(e["country"], e["treaty"])][str(_enum(e["kind"]))] = _d(e.get("date"))
    # PARTY_TO is derived by PARTY_RULE so `parties(asOf:)` is one indexed range check.
    for (iso3, slug), kinds in by_state.items():
        interval = party_interval(kinds)
        if interval is None:
            continue
        rel(
            Label.COUNTRY,
            Rel.PARTY_TO,
            Label.TREATY,
            iso3,
            slug,
            since=interval[0],
            until=interval[1],
            derived=True,
            rule=PARTY_RULE,
        )


def _statements(records: list[Record], nodes: dict[Label, list[Row]], rel: Any) -> None:
    for s in records:
        nodes[Label.STATEMENT].append(
            _node(
                s["key"],
                s,
                date=_d(s.get("date")),
                dateText=s.get("date_text"),
                kind=_enum(s["kind"]),
                title=s["title"],
                summary=s.get("summary"),
                quotes=s.get("quotes") or [],
                searchText=_search_text(s.get("summary")),
            )
        )
        for author in s.get("authors") or []:
            rel(Label.PERSON, Rel.AUTHORED, Label.STATEMENT, author, s["key"])
        for iso3 in s.get("countries") or []:
            rel(Label.STATEMENT, Rel.ON_BEHALF_OF, Label.COUNTRY, s["key"], iso3)
        for index, rec in enumerate(s.get("recommendations") or [], start=1):
            key = f"{s['key']}:{index}"
            nodes[Label.RECOMMENDATION].append(
                {
                    "key": key,
                    "props": {
                        "action": _enum(rec["action"]),
                        "date": _d(s.get("date")),
                    },
                    "sources": s.get("sources") or [],
                }
            )
            rel(Label.STATEMENT, Rel.MAKES, Label.RECOMMENDATION, s["key"], key)
            rel(Label.RECOMMENDATION, Rel.CONCERNS, Label.TREATY, key, rec["treaty"])
            for iso3 in rec.get("addressed_to") or []:
                rel(Label.RECOMMENDATION, Rel.ADDRESSED_TO, Label.COUNTRY, key, iso3)


def _is_local(uri: str) -> bool:
    return urlparse(uri).hostname in {"127.0.0.1", "localhost", "::1"}


def load(
    settings: Settings,
    data_dir: Path = DATA_DIR,
    *,
    reset: bool = False,
    force: bool = False,
) -> tuple[dict[str, int], dict[str, int], str]:
    """Validate, then (optionally wipe and) write; returns counts and the data version."""
    data = read_dataset(data_dir)
    if data.problems:
        raise SeedError(
            f"{len(data.problems)} problem(s) in the seed files; nothing was written:\n"
            + "\n".join(data.problems)
        )
    plan = build_plan(data)
    if reset and not force and not _is_local(settings.bolt_uri):
        raise SeedError(
            f"Refusing to --reset {settings.bolt_uri}: not a local database "
            "(add --force to wipe it anyway)."
        )
    password = settings.neo4j_password
    auth = (settings.neo4j_user, str(password)) if password is not None else None
    with GraphDatabase.driver(settings.bolt_uri, auth=auth) as driver:
        if reset:
            seeding.reset(driver, settings.neo4j_database)
        constraints.create_schema(driver, settings.neo4j_database)
        seeding.write(driver, settings.neo4j_database, plan)
        labels, rel_counts = seeding.counts(driver, settings.neo4j_database)
    return labels, rel_counts, str(plan.dataset["version"])


def main(argv: list[str] | None = None) -> int:
    """CLI: print counts per label and relationship type, or every problem found."""
    parser = argparse.ArgumentParser(prog="python -m seeds.loader")
    parser.add_argument("--reset", action="store_true", help="wipe the database first")
    parser.add_argument(
        "--force", action="store_true", help="allow --reset off loopback"
    )
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="seed data folder")
    parser.add_argument(
        "--check", action="store_true", help="validate only; write nothing"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = read_dataset(args.data).problems
        print("\n".join(problems) if problems else "seed files are valid")
        return 1 if problems else 0
    try:
        settings = Settings.from_env()
        began = time.monotonic()
        labels, rels, version = load(
            settings, args.data, reset=args.reset, force=args.force
        )
    except (SeedError, SettingsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Loaded dataset {version} in {time.monotonic() - began:.2f} s")
    for name, count in labels.items():
        print(f"  (:{name}) {count}")
    for name, count in rels.items():
        print(f"  [:{name}] {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
