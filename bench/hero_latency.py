"""p50/p95 of the hero query over HTTP against a running API (not a timed test).

Usage: python bench/hero_latency.py [URL] [RUNS]   (default http://127.0.0.1:8000/graphql, 100)
"""

from __future__ import annotations

import statistics
import sys
import time

import httpx

HERO = """
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
    nodes { iso3 name recommendations { date authors { name } sources { url } } }
  }
}
"""


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/graphql"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    timings: list[float] = []
    with httpx.Client() as client:
        for i in range(runs + 10):
            began = time.perf_counter()
            body = client.post(url, json={"query": HERO}).json()
            elapsed = (time.perf_counter() - began) * 1000
            assert body["data"]["countries"]["totalCount"] == 4, body
            if i >= 10:  # the first ten warm caches and connections
                timings.append(elapsed)
    timings.sort()
    statements = body["extensions"]["treatygraph"]["cypherStatements"]
    print(
        f"hero query: p50 {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(0.95 * len(timings)) - 1]:.1f} ms over {runs} runs; "
        f"{statements} Cypher statement(s) per request"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
