"""The 17TRACK emulator's routes: POST /track/v2.2/register and /track/v2.2/gettrackinfo."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from claimpilot import clock

from .payloads import accepted_item
from .state import Track17State

MAX_NUMBERS = 40
ERRORS = {
    "already": (-18019901, "The tracking number '{n}' has been registered, don't need to repeat registration."),
    "unregistered": (-18019902, "The tracking number '{n}' does not register, please register first."),
    "invalid": (-18019903, "The tracking number '{n}' is invalid."),
}


def _reject(number: str, reason: str) -> dict:
    code, message = ERRORS[reason]
    return {"number": number, "error": {"code": code, "message": message.format(n=number)}}


def create_app(state: Track17State) -> FastAPI:
    app = FastAPI(title="claimpilot 17TRACK emulator", docs_url=None, redoc_url=None, openapi_url=None)

    def answer(op: str, status: int, body: dict) -> JSONResponse:
        state.record(op, status)
        return JSONResponse(body, status_code=status)

    async def gate(op: str, request: Request):
        if request.headers.get("17token") != state.api_key:
            return None, answer(op, 401, {"code": -18010002, "data": {"errors": [
                {"code": -18010002, "message": "Access token is invalid."}]}})
        injected = state.faults.take_http(op)
        if injected:
            return None, answer(op, injected, {"code": -18010012 if injected == 429 else -18010001,
                                               "data": {"errors": [{"code": injected, "message": "injected"}]}})
        if not state.bucket.take():
            return None, answer(op, 429, {"code": -18010012, "data": {"errors": [
                {"code": -18010012, "message": "Too many requests."}]}})
        try:
            body = await request.json()
        except ValueError:
            return None, answer(op, 400, {"code": -18010004, "data": {"errors": [{"message": "Body is not JSON."}]}})
        if not isinstance(body, list) or not body or len(body) > MAX_NUMBERS or \
                not all(isinstance(i, dict) and str(i.get("number") or "").strip() for i in body):
            return None, answer(op, 200, {"code": -18010013, "data": {"errors": [
                {"code": -18010013, "message": f"Submit 1 to {MAX_NUMBERS} items, each with a number."}]}})
        return body, None

    @app.post("/track/v2.2/register")
    async def register(request: Request):
        body, denied = await gate("register", request)
        if denied:
            return denied
        accepted, rejected = [], []
        for item in body:
            number = str(item["number"]).strip().upper()
            if not number.isalnum() or not 5 <= len(number) <= 50:
                rejected.append(_reject(number, "invalid"))
                continue
            parcel = state.parcel(number, item.get("carrier") if isinstance(item.get("carrier"), int) else None)
            if parcel.registered:
                rejected.append(_reject(number, "already"))
                continue
            parcel.registered, parcel.tag = True, str(item.get("tag") or "")
            accepted.append({"origin": 1, "number": number, "carrier": parcel.carrier, "tag": parcel.tag})
        return answer("register", 200, {"code": 0, "data": {"accepted": accepted, "rejected": rejected}})

    @app.post("/track/v2.2/gettrackinfo")
    async def gettrackinfo(request: Request):
        body, denied = await gate("gettrackinfo", request)
        if denied:
            return denied
        now = clock.now_utc()
        accepted, rejected = [], []
        for item in body:
            number = str(item["number"]).strip().upper()
            parcel = state.parcels.get(number)
            if parcel is None or not parcel.registered:
                rejected.append(_reject(number, "unregistered"))
            else:
                accepted.append(accepted_item(parcel, now))
        return answer("gettrackinfo", 200, {"code": 0, "data": {"accepted": accepted, "rejected": rejected}})

    return app
