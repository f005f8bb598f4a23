"""The agent graph: a tool-calling loop (LangChain's create_agent) with approval before writes."""

from __future__ import annotations

from collections.abc import Sequence

from langchain.agents import create_agent
from langchain.agents.middleware import HumanInTheLoopMiddleware
from langchain_core.language_models import BaseChatModel
from langchain_core.tools import BaseTool
from langgraph.types import Checkpointer

from claimpilot.agent.state import AgentContext
from claimpilot.agent.subject import ThreadSubject
from claimpilot.agent.tools import approval_required


def build_graph(model: BaseChatModel, tools: Sequence[BaseTool], system_prompt: str,
                checkpointer: Checkpointer | None = None):
    """Model -> tools -> model until an answer; a call to a writing tool pauses for the person's decision.
    The thread's subject (the claim, case, order or shipment last named) is kept in the state."""
    tools = list(tools)
    middleware = [ThreadSubject()]
    gated = approval_required(tools)
    if gated:
        middleware.append(HumanInTheLoopMiddleware(interrupt_on=gated, description_prefix="Needs your approval"))
    return create_agent(model, tools, system_prompt=system_prompt, middleware=middleware,
                        context_schema=AgentContext, checkpointer=checkpointer, name="claimpilot")
