"""The agent's tools, gathered from this package.

Adding a tool is one small file here: a module that defines LangChain ``@tool``
faces over domain code and lists them in ``TOOLS``. Faces that write are wrapped
in ``needs_approval`` so that each call waits for the person's yes or no.
"""

from __future__ import annotations

import importlib
import pkgutil

from langchain_core.tools import BaseTool

from claimpilot.agent.tools._face import needs_approval, writes

__all__ = ["load_tools", "approval_required", "needs_approval", "writes"]


def load_tools(names: list[str] | None = None) -> list[BaseTool]:
    """Every tool face in this package (or only the named ones), in a stable order."""
    tools: list[BaseTool] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        tools.extend(getattr(module, "TOOLS", ()))
    if names is not None:
        unknown = set(names) - {t.name for t in tools}
        if unknown:
            raise KeyError(f"no such tool: {', '.join(sorted(unknown))}")
        tools = [t for t in tools if t.name in names]
    return tools


def approval_required(tools: list[BaseTool]) -> dict[str, dict]:
    """HumanInTheLoop configuration: every writing tool may be approved or rejected."""
    return {t.name: {"allowed_decisions": ["approve", "reject"]} for t in tools if writes(t)}
