"""A fake Stripe at the true boundary: a ``stripe.HTTPClient`` that answers the library's
HTTP requests with the recorded JSON payloads in ``payloads/``, keeping a tiny state of
PaymentIntents and Refunds and honouring ``Idempotency-Key`` the way Stripe does (the same key
returns the first response and changes nothing). The library's request building, headers and
response parsing all run for real; no socket is ever opened.

``signed(event)`` makes a webhook body and its ``Stripe-Signature`` header with the test
secret, exactly as Stripe signs them (``t=…,v1=HMAC-SHA256(secret, "t.payload")``)."""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import stripe

PAYLOADS = Path(__file__).parent / "payloads"
WEBHOOK_SECRET = "whsec_kyoso_test"
#: Stripe's fee for a domestic card in Japan: 3.6 %.
FEE_PER_MILLE = 36


def payload(name: str) -> dict[str, Any]:
    return json.loads((PAYLOADS / f"{name}.json").read_text())


def _form(post_data: Any) -> dict[str, str]:
    if not post_data:
        return {}
    text = post_data.decode() if isinstance(post_data, bytes) else str(post_data)
    return dict(parse_qsl(text, keep_blank_values=True))


class FakeStripe(stripe.HTTPClient):
    name = "kyoso-fake"

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, str, dict[str, str], str | None]] = []
        self.intents: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        self.charges: dict[str, dict[str, Any]] = {}
        self._by_key: dict[str, tuple[str, int, dict[str, str]]] = {}
        self._ids = itertools.count(1)
        #: Set to an HTTP status to make the next request fail like Stripe does.
        self.fail_next: int | None = None

    # The one method the library calls for a synchronous request.
    def request(self, method, url, headers, post_data=None, *, _usage=None):  # type: ignore[override]
        headers = dict(headers or {})
        key = headers.get("Idempotency-Key")
        path = url.split("api.stripe.com", 1)[-1].split("?", 1)[0]
        self.requests.append((method.upper(), path, _form(post_data), key))
        if key and key in self._by_key:
            return self._by_key[key]
        if self.fail_next is not None:
            status, self.fail_next = self.fail_next, None
            return json.dumps(payload("error_card_declined")), status, {"Request-Id": "req_fail"}
        body, status = self._answer(method.upper(), path, _form(post_data), url)
        response = (json.dumps(body), status, {"Request-Id": f"req_{next(self._ids)}"})
        if key:
            self._by_key[key] = response
        return response

    def close(self) -> None:
        return None

    def _answer(
        self, method: str, path: str, form: dict[str, str], url: str = ""
    ) -> tuple[dict[str, Any], int]:
        parts = path.strip("/").split("/")  # v1/payment_intents[/id[/verb]]
        if parts[:2] == ["v1", "charges"] and len(parts) == 3 and method == "GET":
            charge = self.charges.get(parts[2])
            if charge is None:
                return {"error": {"type": "invalid_request_error", "code": "resource_missing"}}, 404
            charge = copy.deepcopy(charge)
            if "expand" not in url:  # unexpanded, Stripe answers the balance transaction's id
                charge["balance_transaction"] = charge["balance_transaction"]["id"]
            return charge, 200
        if parts[:2] == ["v1", "payment_intents"]:
            if len(parts) == 2 and method == "POST":
                return self._create_intent(form), 200
            intent = self.intents.get(parts[2]) if len(parts) > 2 else None
            if intent is None:
                return {"error": {"type": "invalid_request_error", "code": "resource_missing"}}, 404
            if len(parts) == 4 and parts[3] == "capture":
                intent["status"] = "succeeded"
                intent["amount_received"] = intent["amount"]
                intent["amount_capturable"] = 0
                self._charge(intent)
            elif len(parts) == 4 and parts[3] == "cancel":
                intent["status"] = "canceled"
                intent["amount_capturable"] = 0
            return copy.deepcopy(intent), 200
        if parts[:2] == ["v1", "refunds"] and method == "POST":
            refund = payload("refund")
            refund["id"] = f"re_fake{next(self._ids):06d}"
            refund["amount"] = int(form["amount"])
            refund["payment_intent"] = form["payment_intent"]
            refund["metadata"] = {
                k[len("metadata[") : -1]: v for k, v in form.items() if k.startswith("metadata[")
            }
            self.refunds[refund["id"]] = refund
            return refund, 200
        return {"error": {"type": "invalid_request_error", "message": "unknown"}}, 404

    def _create_intent(self, form: dict[str, str]) -> dict[str, Any]:
        intent = payload("payment_intent")
        number = next(self._ids)
        intent["id"] = f"pi_fake{number:06d}"
        intent["client_secret"] = f"{intent['id']}_secret_fake{number}"
        intent["amount"] = int(form["amount"])
        intent["capture_method"] = form.get("capture_method", "automatic")
        intent["metadata"] = {
            k[len("metadata[") : -1]: v for k, v in form.items() if k.startswith("metadata[")
        }
        self.intents[intent["id"]] = intent
        return copy.deepcopy(intent)

    # --- What the card holder and Stripe do next, as webhook events -------------------------

    def confirm(self, intent_id: str) -> dict[str, Any]:
        """The card holder confirmed: authorized (manual capture) or succeeded."""
        intent = self.intents[intent_id]
        if intent["capture_method"] == "manual":
            intent["status"] = "requires_capture"
            intent["amount_capturable"] = intent["amount"]
            return event("payment_intent.amount_capturable_updated", intent)
        intent["status"] = "succeeded"
        intent["amount_received"] = intent["amount"]
        self._charge(intent)
        return event("payment_intent.succeeded", intent)

    def _charge(self, intent: dict[str, Any]) -> None:
        """The charge of a succeeded intent, with its balance transaction: Stripe's fee for a
        domestic card in Japan, 3.6 % rounded down (the recorded payload's ¥180 on ¥5,000)."""
        if intent.get("latest_charge"):
            return
        number = next(self._ids)
        charge = payload("charge")
        charge["id"] = f"ch_fake{number:06d}"
        charge["amount"] = charge["amount_captured"] = intent["amount"]
        charge["payment_intent"] = intent["id"]
        fee = intent["amount"] * FEE_PER_MILLE // 1000
        transaction = charge["balance_transaction"]
        transaction.update(
            id=f"txn_fake{number:06d}",
            amount=intent["amount"],
            fee=fee,
            net=intent["amount"] - fee,
            source=charge["id"],
        )
        transaction["fee_details"][0]["amount"] = fee
        self.charges[charge["id"]] = charge
        intent["latest_charge"] = charge["id"]

    def fee_of(self, intent_id: str) -> int:
        charge = self.charges[self.intents[intent_id]["latest_charge"]]
        return int(charge["balance_transaction"]["fee"])

    def set_status(self, intent_id: str, status: str) -> None:
        """What Stripe.js did on the card holder's side, seen by a later retrieve."""
        self.intents[intent_id]["status"] = status


_event_ids = itertools.count(1)


def event(kind: str, obj: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    body = payload("event")
    body["id"] = event_id or f"evt_fake{next(_event_ids):06d}"
    body["type"] = kind
    body["data"] = {"object": copy.deepcopy(obj)}
    return body


def signed(body: dict[str, Any] | str, *, secret: str = WEBHOOK_SECRET) -> tuple[bytes, str]:
    raw = body if isinstance(body, str) else json.dumps(body)
    stamp = int(time.time())
    mac = hmac.new(secret.encode(), f"{stamp}.{raw}".encode(), hashlib.sha256).hexdigest()
    return raw.encode(), f"t={stamp},v1={mac}"
