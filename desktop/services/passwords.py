"""Password hashing: argon2id at OWASP's minimum (19 MiB, t=2, p=1), ~20 ms a check here.

argon2-cffi is imported on first use so the login window opens without paying for it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type

    return PasswordHasher(
        time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM, type=Type.ID
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher().check_needs_rehash(stored_hash)


# The hash of a random password nobody knows, made once with the parameters above
# (tests/test_setup_and_auth.py checks they still match): verifying against it costs
# what a real check costs, and, being a constant, it is never hashed at run time — a
# first unknown user name would otherwise take a hash and a check, twice the time.
DUMMY_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$JNMckEjh1jdjgHyBz5eoxw$"
    "JuSHNJKu4rZEd7Ag3tkROkctt+HhcoeGtsZV3aRDyHc"
)


def dummy_hash() -> str:
    """Verified against when the user name is unknown, so timing does not tell."""
    return DUMMY_HASH
