"""schema.org ``ClaimReview`` JSON-LD for every decided issue: the markup
fact-checking sites publish and search engines read (docs/findings.md).

One ``ClaimReview`` per claim of a decided issue whose ledger status says
what the review found: ``confirmed`` (the text is right: rated True) or
``disputed`` (the text says it, but it is wrong: rated False when the issue
was decided ``confirmed``, a real conflict; rated "Loose wording" or "Needs
context" when it was decided ``explained``).  Unreviewed claims are not
rated, and an issue decided ``wrong_extraction`` reviews the ledger, not a
source: neither is published.

Each review names the claim as written (``claimReviewed``: its sentence),
where it appeared (``itemReviewed``: a ``Claim`` whose ``appearance`` is the
article: outlet, title, publication date and how that date is known, URL
where the sources table has one), the reviewer and their note, and the date
of the decision.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from ledger.crosscheck.issues import issue_frame
from ledger.crosscheck.text import Claims, issue_reasons, with_ids
from ledger.report.issues_sheet import figure_text

#: (ratingValue, alternateName) on a 1 (worst) to 5 (best) scale.
TRUE, FALSE, LOOSE, CONTEXT = (5, "True"), (1, "False"), (3, "Loose wording"), (3, "Needs context")
CONTEXT_URL = "https://schema.org"


def rating(status: str, decision: str, verdict: str) -> tuple[int, str] | None:
    """The rating of one claim of a decided issue, or None (not published)."""
    if decision not in ("confirmed", "explained"):
        return None
    if status == "confirmed":
        return TRUE
    if status == "disputed":
        if decision == "confirmed":
            return FALSE
        return LOOSE if verdict == "loose_wording" else CONTEXT
    return None


def claim_reviews(claims: pd.DataFrame, found: pd.DataFrame, sources: pd.DataFrame | None = None,
                  decisions: pd.DataFrame | None = None, *, base_url: str | None = None) -> dict[str, Any]:
    """A JSON-LD document (``@context`` schema.org, ``@graph`` of
    ``ClaimReview``) for the decided issues of ``found`` (a findings frame
    with the decisions applied).  ``decisions``: the decisions table, for
    the date of each decision; ``base_url``: where the reviews are published
    (each review's ``url`` is it + ``#`` + the issue id)."""
    known = Claims(claims, sources)
    issues = issue_frame(found)
    decided = issues[(issues["status"] == "resolved") & issues["decision"].isin(["confirmed", "explained"])]
    if not len(decided):
        return {"@context": CONTEXT_URL, "@graph": []}
    reasons = dict(zip(issues["issue"], issue_reasons(found, issues, known)))
    dates = _decision_dates(found, issues, decisions)
    graph = []
    for record in decided.to_dict("records"):
        issue = {str(k): v for k, v in record.items()}
        for cid in issue["members"]:
            row = known.positions.get(str(cid), -1)
            if row < 0:
                continue
            rated = rating(str(known.column("status")[row]), issue["decision"], issue["verdict"])
            if rated is None:
                continue
            graph.append(_review(known, row, issue, rated, reasons.get(issue["issue"], ""),
                                 dates.get(issue["issue"], ""), base_url))
    return {"@context": CONTEXT_URL, "@graph": graph}


def _review(known: Claims, row: int, issue: dict[str, Any], rated: tuple[int, str], reason: str, when: str,
            base_url: str | None) -> dict[str, Any]:
    col = known.column
    cid, sid = str(col("claim_id")[row]), str(col("source")[row])
    src = known.sources.get(sid, {})
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": (f"{base_url}#{issue['issue']}-{cid}" if base_url else f"urn:factcheck:{issue['issue']}:{cid}"),
        "identifier": issue["issue"],
        "name": f"{issue['subject']} {issue['metric']}: {figure_text(known, row)}",
        "claimReviewed": str(col("quote")[row]),
        "itemReviewed": _claim(src, sid),
        "author": {"@type": "Person", "name": issue["reviewer"] or "unknown reviewer"},
        "reviewRating": {"@type": "Rating", "ratingValue": rated[0], "bestRating": 5, "worstRating": 1,
                         "alternateName": rated[1]},
        "reviewBody": _body(issue, reason),
    }
    if base_url:
        review["url"] = f"{base_url}#{issue['issue']}"
    if when:
        review["datePublished"] = when
    return review


def _claim(src: dict[str, str], sid: str) -> dict[str, Any]:
    """The claim as it appeared: the article (outlet, title, date and how it is known, URL)."""
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": src.get("title", "") or sid}
    outlet = src.get("publisher", "").strip()
    if outlet:
        appearance["publisher"] = {"@type": "Organization", "name": outlet}
    published, basis = src.get("published", ""), src.get("published_basis", "")
    if published:
        appearance["datePublished"] = published
    if basis:
        appearance["description"] = f"publication date {basis}" + (" (worked out from the content)"
                                                                    if basis == "inferred" else "")
    if src.get("url"):
        appearance["url"] = src["url"]
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if outlet:
        claim["author"] = {"@type": "Organization", "name": outlet}
    if published:
        claim["datePublished"] = published
    return claim


def _body(issue: dict[str, Any], reason: str) -> str:
    note = str(issue["decision_note"] or "").strip()
    head = f"Decided {issue['decision']}" + (f": {note}" if note else "")
    return f"{head}. {reason[:1].upper()}{reason[1:]}." if reason else head + "."


def _decision_dates(found: pd.DataFrame, issues: pd.DataFrame, decisions: pd.DataFrame | None) -> dict[str, str]:
    """Per issue id, the day it was decided: its own decision's date, else
    the latest of its pairs' decisions (YYYY-MM-DD)."""
    if decisions is None or not len(decisions):
        return {}
    when = {str(k): str(v)[:10] for k, v in zip(decisions["conflict_id"], decisions["decided_at"])}
    out = {iid: when[iid] for iid in issues["issue"] if iid in when}
    own = set(out)
    if any(k.startswith("k-") for k in when):
        ids = with_ids(found)
        ranks = dict(zip(issues["issue_rank"], issues["issue"]))
        for rank, cid in zip(ids["issue_rank"].to_numpy(), ids["conflict_id"].to_numpy(dtype=object)):
            iid = ranks.get(int(rank))
            if iid and iid not in own and cid in when:
                out[iid] = max(out.get(iid, ""), when[cid])
    return out


def counts(doc: dict[str, Any]) -> dict[str, int]:
    """How many reviews per rating name."""
    names = [r["reviewRating"]["alternateName"] for r in doc.get("@graph", [])]
    return {str(v): names.count(v) for v in sorted(set(names))}
