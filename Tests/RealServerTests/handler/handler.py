"""A Runpod worker handler that proxies jobs to an OpenAI-compatible server, as worker-vllm's
proxy generation (v2.24 and later) does in front of `vllm serve`.

Here the server is llama.cpp's (llama-cpp-python), at LLAMA_SERVER_URL. Run it with the Runpod
SDK's local test server:

    LLAMA_SERVER_URL=http://127.0.0.1:8081 python handler.py --rp_serve_api --rp_api_port 8082

A job input is one of:
- native: `messages` or `prompt`, `sampling_params`, `stream`. The sampling fields are copied
  into the OpenAI body as they are; `messages` goes to /v1/chat/completions, `prompt` to
  /v1/completions (raw: `apply_chat_template` is not read, as in worker-vllm).
- `openai_route` + `openai_input`: that body to that route; a bare `openai_route` is a GET.
- `route` + `body` (+ optional `method`): any route of the server.

A streamed request yields the server's SSE text as it comes off the network, one item per
read, decoded with errors="replace" (so a character split across reads becomes U+FFFD, as it
does in worker-vllm); otherwise the response's JSON is yielded once. Every failure is yielded
as `{"error": {"message", "type": "worker_error", "code": None}}`.
"""

from __future__ import annotations

import os
from typing import Any, AsyncIterator

import aiohttp
import runpod

SERVER_URL = os.environ.get("LLAMA_SERVER_URL", "http://127.0.0.1:8081").rstrip("/")
# A long reply at the model's pace, never an endless hang.
TIMEOUT = aiohttp.ClientTimeout(total=float(os.environ.get("REQUEST_TIMEOUT", "600")))

CHAT_ROUTE = "/v1/chat/completions"
COMPLETION_ROUTE = "/v1/completions"


class BadInput(Exception):
    """A job input none of the accepted shapes fits."""


def worker_error(message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": "worker_error", "code": None}}


def request_for(job_input: dict[str, Any]) -> tuple[str, str, dict[str, Any] | None]:
    """The (method, route, body) a job input asks for."""
    if job_input.get("openai_input"):
        return "POST", job_input.get("openai_route") or CHAT_ROUTE, job_input["openai_input"]
    if job_input.get("openai_route"):
        return "GET", job_input["openai_route"], None
    if job_input.get("route"):
        body = job_input.get("body")
        method = job_input.get("method") or ("POST" if body else "GET")
        return method.upper(), job_input["route"], body

    messages, prompt = job_input.get("messages"), job_input.get("prompt")
    if messages is None and prompt is None:
        raise BadInput("Job input must contain one of: openai_input (+openai_route), route (+body), or prompt/messages.")
    body: dict[str, Any] = {**(job_input.get("sampling_params") or {}), "stream": bool(job_input.get("stream", False))}
    if messages is not None:
        return "POST", CHAT_ROUTE, {**body, "messages": messages}
    return "POST", COMPLETION_ROUTE, {**body, "prompt": prompt}


async def served_model(session: aiohttp.ClientSession) -> str | None:
    """The first model the server lists, for bodies that name none (worker-vllm fills it in)."""
    try:
        async with session.get(f"{SERVER_URL}/v1/models") as response:
            models = (await response.json(content_type=None)).get("data") or []
            return models[0].get("id") if models else None
    except (aiohttp.ClientError, ValueError):
        return None


async def handler(job: dict[str, Any]) -> AsyncIterator[Any]:
    try:
        method, route, body = request_for(job.get("input") or {})
    except BadInput as problem:
        yield worker_error(str(problem))
        return

    try:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
            if method != "GET" and isinstance(body, dict) and "model" not in body:
                model = await served_model(session)
                if model:
                    body = {**body, "model": model}
            async with session.request(method, SERVER_URL + route, json=body) as response:
                if response.status >= 400:
                    yield worker_error(f"vLLM returned HTTP {response.status}: {await response.text()}")
                    return
                if isinstance(body, dict) and body.get("stream") is True:
                    async for read in response.content.iter_any():
                        yield read.decode("utf-8", errors="replace")
                else:
                    yield await response.json(content_type=None)
    except aiohttp.ClientError as problem:
        yield worker_error(f"Request to vLLM failed: {problem}")


if __name__ == "__main__":
    # return_aggregate_stream: on Runpod, /status then holds every yield, as worker-vllm's does.
    runpod.serverless.start({"handler": handler, "return_aggregate_stream": True})
