"""The result of one evaluation: named metrics plus free-form detail tables."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Report:
    dataset: str
    data_path: str
    metrics: dict[str, float] = field(default_factory=dict)
    # Optional sections, e.g. {"per_class": {...}, "confusions": [...]}
    details: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "data": self.data_path,
            "metrics": self.metrics,
            "details": self.details,
            "notes": self.notes,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def to_text(self) -> str:
        lines = [f"{self.dataset}  ({self.data_path})"]
        width = max((len(k) for k in self.metrics), default=0)
        for key, value in self.metrics.items():
            shown = f"{value:.4f}" if isinstance(value, float) else str(value)
            lines.append(f"  {key:<{width}}  {shown}")
        for name, section in self.details.items():
            lines.append(f"  [{name}]")
            if isinstance(section, dict):
                for k, v in section.items():
                    lines.append(f"    {k}: {_short(v)}")
            elif isinstance(section, list):
                for row in section:
                    lines.append(f"    {_short(row)}")
            else:
                lines.append(f"    {_short(section)}")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_short(v)}" for k, v in value.items())
    return str(value)
