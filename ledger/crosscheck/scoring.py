"""What the cross-check's findings are made of: the columns and kinds of a
finding, the settings (``lexicon/rules.toml``), gaps, severities and the
stable conflict ids.  Shared by the pair verdicts, the arithmetic rules and
the rows that assemble them.
"""
from __future__ import annotations

import copy
import hashlib
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ledger.errors import InvalidValue

CONFLICT_COLUMNS: tuple[str, ...] = (
    "conflict_id", "kind", "rule", "claim_a", "claim_b", "claims", "subject", "object", "metric",
    "source_a", "source_b", "value_a", "value_b", "unit", "gap", "severity", "severity_label",
    "explanation", "implied_value", "implied_low", "implied_high", "implied_unit", "result",
    "status", "decision", "decision_note", "reviewer",
    # across currencies (or other units): claim b's unit, its value in ``unit``, and the rate that
    # converted it (``unit`` per ``unit_b``, with its range), of which date, from where
    "unit_b", "value_b_converted", "rate", "rate_low", "rate_high", "rate_date", "rate_source",
)
#: The columns about a conversion, and their value when there was none.
RATE_COLUMNS: dict[str, Any] = {"unit_b": "", "value_b_converted": np.nan, "rate": np.nan, "rate_low": np.nan,
                                "rate_high": np.nan, "rate_date": "", "rate_source": ""}
KINDS = ("contradiction", "temporal", "modality", "consistent", "arithmetic")
PAIR_KINDS = np.array(["consistent", "modality", "temporal", "contradiction"], dtype=object)
KIND_RANK = {"contradiction": 0, "arithmetic": 1, "temporal": 2, "modality": 3, "consistent": 4}

#: The dtype of the findings' text columns, and of the claims' text inside the
#: check: Python strings (NaN for missing) whether or not pyarrow is installed.
#: With pyarrow, pandas 3's default ``str`` keeps text in Arrow; the check makes
#: its text in Python (ids, sentences), and turning millions of Python strings
#: into Arrow and back made it 2-2.5x slower and 60% bigger at 1M claims.
TEXT = pd.StringDtype("python", na_value=np.nan)


# --------------------------------------------------------------------------- settings


def load_settings(path: str | None = None) -> dict[str, Any]:
    """``rules.toml`` (the packaged one unless ``path`` is given): a fresh copy each
    call, so a caller that changes a setting changes it for its own check alone."""
    return copy.deepcopy(_parsed_settings(path))


@lru_cache(maxsize=8)
def _parsed_settings(path: str | None) -> dict[str, Any]:
    if path is None:
        text = resources.files("ledger").joinpath("lexicon/rules.toml").read_text(encoding="utf-8")
        name = "ledger/lexicon/rules.toml"
    else:
        text, name = Path(path).read_text(encoding="utf-8"), str(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InvalidValue(f"rules file is not valid TOML: {err}", file=name, code="rules-invalid",
                           hint="fix the TOML syntax; see the comments at the top of the file") from err



# --------------------------------------------------------------------------- gaps, severities, ids


def relative_gap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``|a - b| / max(|a|, |b|)``; 0 when both are 0, NaN when unknown."""
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.maximum(np.abs(a), np.abs(b))
        gap = np.abs(a - b) / scale
    return np.where(scale == 0, 0.0, gap)


def severity(kind: np.ndarray, gap: np.ndarray, days_apart: np.ndarray, conf: np.ndarray,
             settings: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """``(severity, label)`` arrays from kind names, gaps, date distances and
    the product of both sides' confidences (see rules.toml ``[severity]``)."""
    s = settings["severity"]
    weight = pd.Series(kind).map(s["weight"]).fillna(0.0).to_numpy(dtype=float)
    return severity_of(weight, gap, days_apart, conf, settings)


def severity_of(weight: np.ndarray, gap: np.ndarray, days_apart: np.ndarray, conf: np.ndarray,
                settings: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`severity` from the kinds' weights (rules.toml ``[severity.weight]``)."""
    sev = severity_values(weight, gap, days_apart, conf, settings)
    return sev, severity_labels(sev, settings["severity"]["labels"])


def severity_values(weight: np.ndarray, gap: np.ndarray, days_apart: np.ndarray, conf: np.ndarray,
                    settings: dict[str, Any]) -> np.ndarray:
    """The severities of :func:`severity_of`, without their labels."""
    s = settings["severity"]
    magnitude = np.minimum(1.0, s["floor"] + np.nan_to_num(gap, nan=1.0) / s["full_gap"])
    dated = np.flatnonzero(~np.isnan(days_apart))  # two dates: how far apart, not the figures' gap
    magnitude[dated] = np.minimum(1.0, s["date_floor"] + days_apart[dated] / s["date_full_days"])
    return np.round(weight * magnitude * conf, 3)


def severity_labels(sev: np.ndarray, thresholds: dict[str, float]) -> np.ndarray:
    """'info' below the low threshold, then 'low', 'medium', 'high' (a
    severity equal to a threshold takes that threshold's label)."""
    names = np.array(["info", "low", "medium", "high"], dtype=object)
    edges = [thresholds[name] for name in names[1:]]
    sev = np.asarray(sev, dtype=float)
    return names[np.where(np.isnan(sev), 0, np.searchsorted(edges, sev, side="right"))]


def conflict_ids(kind: Any, rule: Any, claims: Any, presorted: bool = False) -> list[str]:
    """'k-' + 12 hex of sha1 over kind, rule and the sorted claim ids."""
    sha1 = hashlib.sha1
    if not presorted:
        claims = [";".join(sorted(c.split(";"))) for c in claims]
    return ["k-" + sha1(f"{k}\x1f{r}\x1f{c}".encode()).hexdigest()[:12] for k, r, c in zip(kind, rule, claims)]
