"""Who applied for whom, as the clerk workbench shows it: `answers.agent` with its numbers
masked (docs/forms.md). None when the applicant applied in person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.services.masking import mask_name


def _mask_id(number: str) -> str:
    return number[:6] + "*" * max(0, len(number) - 10) + number[-4:] if len(number) > 10 else "***"


def _mask_phone(number: str) -> str:
    return number[:3] + "****" + number[-4:] if len(number) >= 11 else "***"


def applied_by(answers: Mapping[str, Any]) -> dict[str, Any] | None:
    agent = answers.get("agent")
    if not isinstance(agent, Mapping):
        return None
    return {"relation": str(agent.get("relation", "")),
            "kinship": str(agent.get("kinship", "")),
            "name": mask_name(str(agent.get("name", ""))),
            "id_number": _mask_id(str(agent.get("id_number", ""))),
            "phone": _mask_phone(str(agent.get("phone", ""))),
            "letters": len(agent.get("authorisation_letter") or [])}


def masked_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers with `agent` replaced by its masked view (the rest as they are)."""
    result = dict(answers)
    if "agent" in result:
        result["agent"] = applied_by(answers)
    return result
