"""The agent's chat model: any OpenAI-compatible endpoint from Settings.llm, else the offline router."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel
from pydantic import SecretStr

from claimpilot.config import Settings


def make_chat_model(settings: Settings) -> BaseChatModel:
    """ChatOpenAI for OpenAI, DeepSeek, Qwen (DashScope), vLLM or Ollama; the offline router when none is set."""
    llm = settings.llm
    if not llm.configured:
        from claimpilot.agent.router.model import RouterChatModel

        return RouterChatModel.for_settings(settings)
    from langchain_openai import ChatOpenAI

    from claimpilot.outbound import llm_http_clients

    return ChatOpenAI(
        **llm_http_clients(settings),
        model=llm.model,
        base_url=llm.base_url,
        # Local servers (Ollama, vLLM) take any key; the client insists on one.
        api_key=llm.api_key or SecretStr("not-needed"),
        temperature=llm.temperature,
        timeout=llm.timeout_s,
        max_retries=2,
        streaming=True,
        use_responses_api=False,
    )
