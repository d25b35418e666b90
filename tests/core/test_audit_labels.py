"""Every action the trail can record is named in words: none is shown as "autre action"."""

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

import lanterne
from lanterne.core.audit import ADMIN_ADDITION, ADMIN_CHANGE, ADMIN_DELETION, action_label
from lanterne.core.workflow import workflows

UNNAMED = action_label("no.such_action")
SOURCES = Path(lanterne.__file__).parent


def _audit_action_enums() -> list[type[models.TextChoices]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("lanterne."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.enums")
        except ModuleNotFoundError:
            continue
        if hasattr(module, "AuditAction"):
            found.append(module.AuditAction)
    return found


def _literal_actions() -> list[tuple[str, int, str]]:
    """Every action written as a string in the sources: `audit(action="…")` (also inside
    `a if … else b`, f-strings shown as written) and the values of a `Workflow(actions={…})`."""
    found = []

    def strings(node) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.JoinedStr):
            return [ast.unparse(node)]
        if isinstance(node, ast.IfExp):
            return strings(node.body) + strings(node.orelse)
        if isinstance(node, ast.Dict):
            return [s for value in node.values for s in strings(value)]
        if isinstance(node, ast.DictComp):
            return strings(node.value)
        return []

    for path in sorted(SOURCES.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            callee = node.func.id if isinstance(node.func, ast.Name) else callee
            wanted = {"audit": "action", "Workflow": "actions"}.get(callee)
            for keyword in node.keywords:
                if keyword.arg == wanted:
                    rel = str(path.relative_to(SOURCES.parent))
                    found += [(rel, node.lineno, s) for s in strings(keyword.value)]
    return found


def test_each_app_names_its_actions():
    """Each app that writes to the trail has its `AuditAction`, and each one is registered with
    its own words."""
    enums = _audit_action_enums()
    assert {enum.__module__ for enum in enums} >= {
        "lanterne.accounts.enums",
        "lanterne.calls.enums",
        "lanterne.committee.enums",
        "lanterne.dossiers.enums",
        "lanterne.network.enums",
        "lanterne.observatory.enums",
        "lanterne.projects.enums",
    }
    for enum in enums:
        for member in enum:
            assert action_label(member) == str(member.label), member.value


def test_every_workflow_action_has_words():
    """Every transition of every workflow (dossiers, returns, reports…) records a named action."""
    assert len(workflows()) >= 3
    for workflow in workflows():
        for name, action in workflow.actions.items():
            assert action_label(action) != UNNAMED, f"{workflow.model._meta.label}.{name}"


@pytest.mark.parametrize("action", [ADMIN_ADDITION, ADMIN_CHANGE, ADMIN_DELETION])
def test_admin_changes_have_words(action):
    assert action_label(action) != UNNAMED


def test_the_sources_write_no_action_as_a_bare_string():
    """Actions are written with their app's `AuditAction` member, so that code and label cannot
    drift: no `audit(action="…")` nor `Workflow(actions={…: "…"})` is left in the sources."""
    found = _literal_actions()
    assert found == [], "\n".join(
        f"{path}:{line}: {action!r} ({'named' if action_label(action) != UNNAMED else 'unnamed'})"
        for path, line, action in found
    )


def test_the_source_check_sees_a_bare_string(tmp_path, monkeypatch):
    """The check above finds what it looks for (a literal, a conditional, a workflow's dict)."""
    (tmp_path / "lanterne").mkdir()
    (tmp_path / "lanterne" / "bad.py").write_text(
        'audit(action="x.one", obj=o, by=u)\n'
        'core.audit(action="x.two" if a else f"x.{b}", obj=o, by=u)\n'
        'Workflow(model=M, actions={"go": "x.go"})\n'
        "audit(action=AuditAction.READ, obj=o, by=u)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.SOURCES", tmp_path / "lanterne")
    assert [action for _path, _line, action in _literal_actions()] == [
        "x.one",
        "x.two",
        "f'x.{b}'",
        "x.go",
    ]


def test_unknown_action_is_other():
    assert str(UNNAMED) == "autre action"
