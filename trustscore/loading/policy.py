"""Load a portfolio policy: safe YAML, the policy model, its cross-references, every
problem at its line and column."""

from __future__ import annotations

from pathlib import Path

from trustscore.errors import InputError
from trustscore.loading.load import ASSESSMENT_LIMITS, validate_model
from trustscore.loading.problems import from_path_problems
from trustscore.loading.yaml_source import load_yaml_file
from trustscore.models.policy import Policy
from trustscore.models.policy_checks import check_policy
from trustscore.models.rubric import Rubric


def load_policy(path: Path, label: str, rubric: Rubric) -> Policy:
    """The policy at ``path``, checked against ``rubric``'s profiles and grades."""
    doc = load_yaml_file(path, label, ASSESSMENT_LIMITS)
    policy = validate_model(doc, Policy)
    found = check_policy(policy, {p.id for p in rubric.profiles}, rubric.grade_order())
    if found:
        raise InputError(from_path_problems(found, doc))
    return policy
