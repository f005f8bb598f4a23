"""The agent's chat model: any OpenAI-compatible endpoint from Settings.llm, else the offline router."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from claimpilot.config import Settings
from claimpilot.llm import configured_chat_model


def make_chat_model(settings: Settings) -> BaseChatModel:
    """ChatOpenAI for OpenAI, DeepSeek, Qwen (DashScope), vLLM or Ollama; the offline router when none is set."""
    if not settings.llm.configured:
        from claimpilot.agent.router.model import RouterChatModel

        return RouterChatModel.for_settings(settings)
    return configured_chat_model(settings)
