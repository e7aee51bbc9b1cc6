"""A scored assessment as an OSCAL assessment-results document (``export oscal``).

Pure. One result for the scoring; one finding per control that counts for the
engagement (``satisfied`` when ``ControlResult.satisfied``: earned, not merely claimed);
one observation per control with an answer, carrying its evidence items. UUIDs are
version-5 UUIDs derived from the input, rubric, profile, review and date hashes, so the
same inputs give a byte-identical document and a changed input gives new ids.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from trustscore.models.oscal import OSCAL_VERSION, OscalDocument
from trustscore.models.report import ControlResult, ControlStatus, EvidenceResult, Report
from trustscore.models.rubric import Rubric

NAMESPACE = "urn:trustscore:oscal"
"""The ``ns`` of every trustscore property (its names are not OSCAL's)."""


def _line(text: str) -> str:
    """OSCAL titles and property values are one line, without outer spaces."""
    return " ".join(text.split()) or "-"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _prop(name: str, value: object) -> dict[str, str]:
    return {"name": name, "ns": NAMESPACE, "value": _line(str(value))}


def _evidence_text(item: EvidenceResult) -> str:
    parts = [f"{item.kind}: {item.title}"]
    parts += [f"reference {item.reference}"] if item.reference else []
    parts += [f"issued by {item.issuer}"] if item.issuer else []
    parts += [f"expires {item.expires}"] if item.expires else []
    parts += [f"tier {item.tier} (factor {item.factor:g})", f"status {item.status.value}"]
    parts += [f"review {item.review.verdict}"] if item.review else []
    return "; ".join(parts)


def _explained(c: ControlResult) -> str:
    if c.status is ControlStatus.MISSING:
        return f"Not answered: 0 of {c.max_points:g} points."
    answer = c.answer_label or c.answer or ""
    return (f"Answered '{answer}': claimed {c.claimed_points:g}, earned {c.contribution:g} of "
            f"{c.max_points:g} points ({c.lost_to_answer:g} lost to the answer, "
            f"{c.lost_to_evidence:g} to the evidence)."
            + (f" Rules: {', '.join(c.rules)}." if c.rules else ""))


def oscal_results(report: Report, rubric: Rubric) -> OscalDocument:
    """The assessment-results document for ``report`` (scored against ``rubric``)."""
    p = report.provenance
    seed = ":".join([p.input_sha256, p.rubric_sha256, p.profile, p.as_of.isoformat(),
                     p.review_sha256 or "", report.vendor.name])

    def uid(part: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{NAMESPACE}:{seed}:{part}"))

    stamp = _stamp(p.as_of)
    mappings = {c.id: c.mappings for c in rubric.controls()}
    observations: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    for c in report.controls:
        if c.status in (ControlStatus.ANSWERED, ControlStatus.NOT_APPLICABLE):
            observation: dict[str, Any] = {
                "uuid": uid(f"observation:{c.id}"), "title": _line(f"{c.id} {c.title}"),
                "description": (f"Not applicable: {c.justification}" if c.justification
                                and c.status is ControlStatus.NOT_APPLICABLE
                                else _explained(c)),
                "methods": ["EXAMINE"], "types": ["control-objective"], "collected": stamp}
            if c.evidence:
                observation["relevant-evidence"] = [{"description": _evidence_text(e)}
                                                    for e in c.evidence]
            observations.append(observation)
        if c.status not in (ControlStatus.ANSWERED, ControlStatus.MISSING):
            continue
        props = [_prop("points-earned", f"{c.contribution:g}"),
                 _prop("points-max", f"{c.max_points:g}")]
        props += [_prop(f"maps-{framework}", " ".join(ids))
                  for framework, ids in sorted(mappings[c.id].items()) if ids]
        finding: dict[str, Any] = {
            "uuid": uid(f"finding:{c.id}"), "title": _line(f"{c.id} {c.title}"),
            "description": _explained(c), "props": props,
            "target": {"type": "objective-id", "target-id": c.id,
                       "status": {"state": "satisfied" if c.satisfied else "not-satisfied"}}}
        if c.status is ControlStatus.ANSWERED:
            finding["related-observations"] = [{"observation-uuid": uid(f"observation:{c.id}")}]
        findings.append(finding)
    result: dict[str, Any] = {
        "uuid": uid("result"),
        "title": _line(f"trustscore {p.rubric} as of {p.as_of}"),
        "description": (f"Trust score {report.trust_score:g}/100, grade {report.grade}, "
                        f"confidence {report.confidence.value} (claimed score "
                        f"{report.claimed_score:g}). A finding is satisfied when the control "
                        "earns at least three quarters of its points once its evidence is "
                        "weighed."),
        "start": stamp, "end": stamp,
        "props": [_prop("trust-score", f"{report.trust_score:g}"), _prop("grade", report.grade),
                  _prop("confidence", report.confidence.value),
                  _prop("claimed-score", f"{report.claimed_score:g}"),
                  _prop("input-sha256", p.input_sha256),
                  _prop("rubric-sha256", p.rubric_sha256), _prop("profile", p.profile)],
        "reviewed-controls": {"control-selections": [{"include-all": {}}]},
    }
    if observations:
        result["observations"] = observations
    if findings:
        result["findings"] = findings
    return OscalDocument({"assessment-results": {
        "uuid": uid("document"),
        "metadata": {"title": _line(f"Trust assessment of {report.vendor.name}"),
                     "last-modified": stamp, "version": p.input_sha256[:12],
                     "oscal-version": OSCAL_VERSION,
                     "props": [_prop("tool", f"{p.tool} {p.tool_version}"),
                               _prop("rubric", p.rubric)]},
        "import-ap": {"href": f"urn:trustscore:rubric:{p.rubric}",
                      "remarks": "No OSCAL assessment plan: the rubric, by id, version and "
                                 "SHA-256 (see the result's props), is the plan."},
        "results": [result]}})
