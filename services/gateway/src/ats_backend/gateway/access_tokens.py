"""Access tokens: short-lived HS256 JWTs the gateway issues at login and verifies per request.

(Named ``access_tokens`` so it never shadows the ``jwt`` package.) A token only says who
logged in (``sub`` user, ``cid`` client, ``sid`` session); the role is asked of tenants on
use (``ResolveSession``, cached briefly), so a role change or a revoked session takes effect
without waiting for the token to expire.

Verification trusts nothing in the token before its signature checks out: the algorithm is
an allow-list of one (HS256, so ``alg: none`` and RS/HS confusion are refused), the ``kid``
header must name one of ``ATS_JWT_KEYS``, and every claim we rely on is required.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Sequence

import jwt

from ats_backend.core.errors import Unauthenticated

__all__ = ["ALGORITHM", "LEEWAY_SECONDS", "AccessClaims", "AccessTokens", "IssuedToken"]

ALGORITHM = "HS256"
# Clock skew tolerated between replicas for exp/nbf/iat.
LEEWAY_SECONDS = 30
_REQUIRED = ["iss", "aud", "exp", "nbf", "iat", "sub", "cid", "sid", "jti"]


@dataclasses.dataclass(frozen=True)
class AccessClaims:
    user_id: str
    client_id: str
    session_id: str
    token_id: str


@dataclasses.dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_in: int


def _refused(detail: str, reason: str = "invalid_token") -> Unauthenticated:
    return Unauthenticated(detail, reason=reason)


class AccessTokens:
    def __init__(
        self, keys: Sequence[tuple[str, str]], *, issuer: str, audience: str, lifetime: int
    ) -> None:
        if not keys:
            raise ValueError("at least one signing key is required")
        self._signing_kid, self._signing_secret = keys[0]
        self._keys = dict(keys)
        self._issuer = issuer
        self._audience = audience
        self._lifetime = lifetime

    def issue(self, *, user_id: str, client_id: str, session_id: str) -> IssuedToken:
        now = int(time.time())
        claims = {
            "iss": self._issuer,
            "aud": self._audience,
            "iat": now,
            "nbf": now,
            "exp": now + self._lifetime,
            "sub": user_id,
            "cid": client_id,
            "sid": session_id,
            "jti": uuid.uuid4().hex,
        }
        token = jwt.encode(
            claims, self._signing_secret, algorithm=ALGORITHM, headers={"kid": self._signing_kid}
        )
        return IssuedToken(token, self._lifetime)

    def verify(self, token: str) -> AccessClaims:
        """The claims of a valid token; ``Unauthenticated`` (reason ``expired`` or
        ``invalid_token``) otherwise. The detail never says more than the caller needs."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise _refused("malformed access token") from None
        # Checked here as well as by decode(algorithms=...): the header picks the key, so a
        # header we do not accept must not even select one.
        if header.get("alg") != ALGORITHM:
            raise _refused("access token algorithm not accepted")
        kid = header.get("kid")
        secret = self._keys.get(kid) if isinstance(kid, str) else None
        if secret is None:
            raise _refused("access token signed with an unknown key")
        try:
            claims = jwt.decode(
                token,
                secret,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": _REQUIRED},
            )
        except jwt.ExpiredSignatureError:
            raise _refused("access token expired; refresh it", reason="expired") from None
        except jwt.PyJWTError:
            raise _refused("invalid access token") from None
        values = [claims.get(name) for name in ("sub", "cid", "sid", "jti")]
        if not all(isinstance(value, str) and value for value in values):
            raise _refused("invalid access token")
        user_id, client_id, session_id, token_id = (str(value) for value in values)
        return AccessClaims(user_id, client_id, session_id, token_id)
