"""A fake LINE Login server on loopback for tests (unit and browser).

It implements the three endpoints Kyoso calls or sends people to:

- ``GET /oauth2/v2.1/authorize`` redirects straight back to ``redirect_uri`` with a code and
  the ``state`` it was given (as LINE does once the person agrees);
- ``POST /oauth2/v2.1/token`` returns an ``id_token`` signed (HS256) with the test secret and
  carrying the ``nonce`` of the authorization request;
- ``GET /v2/profile`` returns the display name for the access token.

Attributes let a test spoil one thing (``secret``, ``nonce_override``, ``exp_offset``,
``state_override``, ``sub``) to see that Kyoso refuses it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

CHANNEL_ID = "1234567890"
CHANNEL_SECRET = "0123456789abcdef0123456789abcdef"  # noqa: S105 (a test secret)
LINE_SUB = "U4af4980629d0f8d2b8a0e4e6c1d4e8f0"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign_id_token(claims: dict[str, Any], secret: str, alg: str = "HS256") -> str:
    header = _b64(json.dumps({"typ": "JWT", "alg": alg}).encode())
    payload = _b64(json.dumps(claims).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(signature)}"


class FakeLine:
    def __init__(self) -> None:
        self.channel_id = CHANNEL_ID
        self.secret = CHANNEL_SECRET
        self.sub = LINE_SUB
        self.name = "LINE太郎"
        self.nonce_override: str | None = None
        self.state_override: str | None = None
        self.exp_offset = 3600
        self.codes: dict[str, dict[str, str]] = {}
        self.tokens: dict[str, str] = {}
        self.token_requests: list[dict[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeLine:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return None

            def _json(self, status: int, data: dict[str, Any]) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/oauth2/v2.1/authorize":
                    code = secrets.token_urlsafe(16)
                    fake.codes[code] = {
                        "nonce": query.get("nonce", ""),
                        "redirect_uri": query.get("redirect_uri", ""),
                        "client_id": query.get("client_id", ""),
                    }
                    state = (
                        fake.state_override
                        if fake.state_override is not None
                        else query.get("state", "")
                    )
                    back = (
                        query.get("redirect_uri", "")
                        + "?"
                        + urlencode({"code": code, "state": state})
                    )
                    self.send_response(302)
                    self.send_header("Location", back)
                    self.end_headers()
                    return
                if url.path == "/v2/profile":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in fake.tokens:
                        self._json(401, {"message": "invalid token"})
                        return
                    self._json(200, {"userId": fake.tokens[token], "displayName": fake.name})
                    return
                self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                fake.token_requests.append(form)
                if urlsplit(self.path).path != "/oauth2/v2.1/token":
                    self._json(404, {"error": "not_found"})
                    return
                grant = fake.codes.pop(form.get("code", ""), None)
                if (
                    grant is None
                    or form.get("client_secret") != CHANNEL_SECRET
                    or form.get("client_id") != grant["client_id"]
                    or form.get("redirect_uri") != grant["redirect_uri"]
                ):
                    self._json(400, {"error": "invalid_grant"})
                    return
                now = int(time.time())
                claims = {
                    "iss": "https://access.line.me",
                    "sub": fake.sub,
                    "aud": fake.channel_id,
                    "exp": now + fake.exp_offset,
                    "iat": now + min(0, fake.exp_offset - 60),
                    "nonce": fake.nonce_override
                    if fake.nonce_override is not None
                    else grant["nonce"],
                    "amr": ["linesso"],
                }
                access_token = secrets.token_urlsafe(16)
                fake.tokens[access_token] = fake.sub
                self._json(
                    200,
                    {
                        "access_token": access_token,
                        "expires_in": 2592000,
                        "id_token": sign_id_token(claims, fake.secret),
                        "refresh_token": "r",
                        "scope": "profile openid",
                        "token_type": "Bearer",
                    },
                )

        return Handler
