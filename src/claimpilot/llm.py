"""The configured chat model (any OpenAI-compatible endpoint from ``Settings.llm``): the one factory the
agent and the capabilities that write with a model (buyer replies, translations) share. Without a
configured model the agent answers with its offline router (``agent/model.py``)."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel
from pydantic import SecretStr

from claimpilot.config import Settings


def configured_chat_model(settings: Settings) -> BaseChatModel:
    """ChatOpenAI for OpenAI, DeepSeek, Qwen (DashScope), vLLM or Ollama, as ``Settings.llm`` says."""
    llm = settings.llm
    if not llm.configured:
        raise ValueError("no chat model is configured (Settings.llm: a model and a base URL or key)")
    from langchain_openai import ChatOpenAI

    from claimpilot.outbound import llm_http_clients

    return ChatOpenAI(
        **llm_http_clients(settings),  # the base URL and every request through the outbound guard
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
