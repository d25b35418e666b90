"""A structure's recent changes, for those who may edit it: who, when, which fields."""

from dataclasses import dataclass
from datetime import datetime

from lanterne.network.models import Structure

# Every stored field a person may change; bookkeeping columns are left out.
UNTRACKED = {"id", "created_at", "updated_at", "search_text"}
TRACKED = [f.attname for f in Structure._meta.concrete_fields if f.attname not in UNTRACKED]


@dataclass(frozen=True)
class Change:
    at: datetime
    by: str
    fields: list[str]


def recent_changes(structure: Structure, limit: int = 10) -> list[Change]:
    """The last `limit` changes, in one query: consecutive records are compared in memory."""
    records = list(
        structure.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    labels = {f.attname: f.verbose_name for f in Structure._meta.concrete_fields}
    changes = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if len(changes) == limit:
            break
        if older is None:
            fields = []
        else:
            fields = [
                str(labels[name])
                for name in TRACKED
                if getattr(newer, name) != getattr(older, name)
            ]
            if not fields:
                continue
        user = newer.history_user
        changes.append(Change(at=newer.history_date, by=str(user) if user else "", fields=fields))
    return changes
