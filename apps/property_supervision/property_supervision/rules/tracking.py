"""Tracking numbers for residents: random, unguessable, easy to read out on the phone."""

import secrets

# no 0/O, 1/I/L, 2/Z, 5/S, 8/B: nothing a resident can misread
ALPHABET = "3467ACDEFGHJKMNPQRTUVWXY"
GROUPS = 3
GROUP_LENGTH = 4


def new_tracking_key() -> str:
	"""e.g. K7M3-QX4D-HT6A: 12 characters from 24 symbols (about 55 bits)."""
	return "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))


def normalize_tracking_key(value: str) -> str:
	"""Upper case, hyphens where they belong, whatever the resident typed."""
	compact = "".join(c for c in (value or "").upper() if c.isalnum())
	return "-".join(compact[i : i + GROUP_LENGTH] for i in range(0, len(compact), GROUP_LENGTH))


def is_well_formed(value: str) -> bool:
	key = normalize_tracking_key(value)
	parts = key.split("-")
	return len(parts) == GROUPS and all(len(p) == GROUP_LENGTH and set(p) <= set(ALPHABET) for p in parts)
