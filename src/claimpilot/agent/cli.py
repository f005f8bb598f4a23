"""`claimpilot chat`: talk to the agent in a terminal, or send one message and print JSON; and
`claimpilot ask`, the policy answer alone."""

from __future__ import annotations

import json
import uuid
from typing import Annotated

import typer

Once = Annotated[str | None, typer.Option("--once", help="Send this one message, print the answer, exit.")]
AsJson = Annotated[bool, typer.Option("--json", help="With --once: print one JSON object.")]
Thread = Annotated[str | None, typer.Option("--thread", help="Conversation id to resume (new one if omitted).")]


def register(app: typer.Typer) -> None:
    @app.command("ask")
    def ask(
        question: Annotated[str, typer.Argument(help="a policy question, in Chinese or English")],
        marketplace: Annotated[str | None, typer.Option(help="only passages for this marketplace")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    ) -> None:
        """Answer a question about Amazon's policies, citing the passages it rests on. A question
        about the seller's own claims or cases is answered too, with a pointer to `claimpilot chat`."""
        from claimpilot.agent.ask import with_chat_pointer
        from claimpilot.knowledge.answer import answer_policy_question
        from claimpilot.knowledge.cli import print_answer

        print_answer(with_chat_pointer(question, answer_policy_question(question, marketplace=marketplace)), as_json)

    @app.command("chat")
    def chat(once: Once = None, as_json: AsJson = False, thread: Thread = None) -> None:
        """Chat with claimpilot about claims, cases and Amazon's rules (Chinese or English)."""
        from rich.console import Console

        from claimpilot.agent.service import Agent
        from claimpilot.config import get_settings

        settings = get_settings()
        thread_id = thread or uuid.uuid4().hex[:12]
        err = Console(stderr=True)
        try:
            with Agent(settings) as agent:
                if once is not None:
                    result = agent.chat(once, thread_id)
                    if as_json:
                        typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
                    else:
                        typer.echo(result.answer)
                        if result.pending_actions:
                            typer.echo(_reply_hint(result.answer, thread_id))
                    return
                _interactive(agent, thread_id, Console())
        except Exception as exc:  # the model endpoint or a store failed: say so plainly
            err.print(f"[bold red]Chat failed:[/] {type(exc).__name__}: {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=1) from exc


def _reply_hint(answer: str, thread_id: str) -> str:
    """How to answer the approval asked for, in the language of the approval note."""
    from claimpilot.agent.understanding.language import answer_language

    if answer_language(answer) == "zh":
        return f"（用 --thread {thread_id} 回复“确认”或“取消”）"
    return f"(reply yes or no with --thread {thread_id})"


def _interactive(agent, thread_id: str, console) -> None:
    from rich.prompt import Confirm, Prompt

    from claimpilot.agent.understanding.language import answer_language

    mode = "model " + str(agent.settings.llm.model) if agent.settings.llm.configured else "offline router"
    console.print(f"[bold]claimpilot[/] ({mode}) thread [cyan]{thread_id}[/]. Empty line or Ctrl-D to leave.")
    while True:
        try:
            message = Prompt.ask("[bold green]you[/]").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not message:
            break
        events = agent.stream(message, thread_id)
        while events is not None:
            result = _show(events, console)
            events = None
            if result.pending_actions:  # the answer is the approval note, in the asker's language
                console.print(result.answer, highlight=False, markup=False)
                zh = answer_language(result.answer) == "zh"
                try:
                    ok = Confirm.ask("批准吗？" if zh else "Approve?", default=False)
                except (EOFError, KeyboardInterrupt):  # input closed: nothing approved, the action stays pending
                    return
                events = agent.stream("yes" if ok else "no", thread_id)


def _show(events, console):
    result = None
    streamed = False
    for event in events:
        kind = event["type"]
        if kind == "token":
            console.print(event["text"], end="", highlight=False, markup=False)
            streamed = True
        elif kind == "tool_call":
            console.print(f"[dim]→ {event['name']} {json.dumps(event['args'], ensure_ascii=False)}[/]")
        elif kind == "done":
            result = event["result"]
    if streamed:
        console.print()
    elif result is not None and result.answer and not result.pending_actions:
        console.print(result.answer, highlight=False, markup=False)
    for c in result.citations if result else []:
        console.print(f"[dim]source: {c['source']}[/]", highlight=False)
    return result
