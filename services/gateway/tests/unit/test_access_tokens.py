"""Access tokens: what verifies and what is refused (algorithm, kid, claims, times)."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import jwt
import pytest
from pydantic import ValidationError

from ats_backend.core.errors import Unauthenticated
from ats_backend.gateway.access_tokens import AccessTokens
from ats_backend.gateway.config import parse_jwt_keys
from services.gateway.tests.unit.fakes import settings

OLD = ("k1", "o" * 40)
NEW = ("k2", "n" * 64)


def tokens(*keys: tuple[str, str], lifetime: int = 900) -> AccessTokens:
    return AccessTokens(list(keys), issuer="ats", audience="ats-api", lifetime=lifetime)


def claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    values: dict[str, Any] = {
        "iss": "ats",
        "aud": "ats-api",
        "iat": now,
        "nbf": now,
        "exp": now + 600,
        "sub": "user-1",
        "cid": "client-1",
        "sid": "session-1",
        "jti": "token-1",
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def signed(payload: dict[str, Any], key: tuple[str, str] = NEW, alg: str = "HS256") -> str:
    return jwt.encode(payload, key[1], algorithm=alg, headers={"kid": key[0]})


def refused(verifier: AccessTokens, token: str) -> Unauthenticated:
    with pytest.raises(Unauthenticated) as caught:
        verifier.verify(token)
    return caught.value


def test_issued_token_verifies_with_its_claims() -> None:
    verifier = tokens(NEW, OLD)
    issued = verifier.issue(user_id="u", client_id="c", session_id="s")
    assert issued.expires_in == 900
    assert jwt.get_unverified_header(issued.token)["kid"] == "k2"  # the first key signs
    got = verifier.verify(issued.token)
    assert (got.user_id, got.client_id, got.session_id) == ("u", "c", "s")
    assert got.token_id


def test_a_rotated_out_signer_still_verifies_while_listed() -> None:
    before_rotation = tokens(OLD).issue(user_id="u", client_id="c", session_id="s")
    after_rotation = tokens(NEW, OLD)
    assert after_rotation.verify(before_rotation.token).user_id == "u"


def test_a_removed_kid_is_refused() -> None:
    old_token = tokens(OLD).issue(user_id="u", client_id="c", session_id="s").token
    assert refused(tokens(NEW), old_token).reason == "invalid_token"


def test_an_unknown_kid_is_refused_even_with_a_known_secret() -> None:
    assert refused(tokens(NEW), signed(claims(), ("k9", NEW[1]))).reason == "invalid_token"


def test_the_right_kid_with_the_wrong_secret_is_refused() -> None:
    assert refused(tokens(NEW), signed(claims(), ("k2", "x" * 40))).reason == "invalid_token"


def _unsigned(payload: dict[str, Any], header: dict[str, Any]) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part(header)}.{part(payload)}."


def test_alg_none_is_refused() -> None:
    token = _unsigned(claims(), {"alg": "none", "typ": "JWT", "kid": "k2"})
    assert refused(tokens(NEW), token).reason == "invalid_token"


@pytest.mark.parametrize("alg", ["HS512", "HS384"])
def test_other_hmac_algorithms_are_refused(alg: str) -> None:
    assert refused(tokens(NEW), signed(claims(), NEW, alg)).reason == "invalid_token"


def test_rs256_header_is_refused() -> None:
    token = _unsigned(claims(), {"alg": "RS256", "typ": "JWT", "kid": "k2"}) + "c2ln"
    assert refused(tokens(NEW), token).reason == "invalid_token"


def test_expired_is_refused_as_expired() -> None:
    now = int(time.time())
    token = signed(claims(iat=now - 1000, nbf=now - 1000, exp=now - 31))
    assert refused(tokens(NEW), token).reason == "expired"


def test_expiry_within_the_leeway_is_accepted() -> None:
    now = int(time.time())
    token = signed(claims(iat=now - 1000, nbf=now - 1000, exp=now - 5))
    assert tokens(NEW).verify(token).user_id == "user-1"


def test_not_yet_valid_is_refused() -> None:
    now = int(time.time())
    assert refused(tokens(NEW), signed(claims(nbf=now + 120, iat=now))).reason == "invalid_token"


@pytest.mark.parametrize(("claim", "value"), [("iss", "someone-else"), ("aud", "other-api")])
def test_wrong_issuer_or_audience_is_refused(claim: str, value: str) -> None:
    assert refused(tokens(NEW), signed(claims(**{claim: value}))).reason == "invalid_token"


@pytest.mark.parametrize("claim", ["iss", "aud", "exp", "nbf", "iat", "sub", "cid", "sid", "jti"])
def test_every_claim_is_required(claim: str) -> None:
    assert refused(tokens(NEW), signed(claims(**{claim: None}))).reason == "invalid_token"


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c", "ats_notatoken"])
def test_malformed_is_refused(token: str) -> None:
    assert refused(tokens(NEW), token).reason == "invalid_token"


def test_keys_setting_is_parsed_in_order() -> None:
    assert parse_jwt_keys(f" k2:{'n' * 32} , k1:{'o' * 32} ") == [
        ("k2", "n" * 32),
        ("k1", "o" * 32),
    ]
    assert settings(jwt_keys=f"a:{'s' * 32}").signing_keys() == [("a", "s" * 32)]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("", "at least one"),
        ("k1:short", "shorter than 32"),
        (f"k1:{'s' * 32},k1:{'t' * 32}", "appears twice"),
        ("s" * 40, "not of the form"),
        (f":{'s' * 32}", "not of the form"),
    ],
)
def test_bad_keys_setting_is_refused_without_echoing_secrets(value: str, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        settings(jwt_keys=value)
    assert problem in str(caught.value)
    assert "s" * 32 not in str(caught.value)  # SecretStr: the input is masked
