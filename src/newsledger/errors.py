"""Exception hierarchy with stable codes (like spaCy's E### codes).

Codes are part of the interface: they are stored in the ``failures`` table and
printed on stderr, so never renumber one; add new codes at the end of a block.
"""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class. ``code`` is stable; ``str(err)`` is one clear line."""

    code = "NL-E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    def line(self) -> str:
        """The one-line form printed on stderr and stored in failures."""
        return f"{self.code}: {self}".replace("\n", " ")


class InputError(NewsledgerError):
    """An input could not become an Article. The batch goes on."""

    code = "NL-I000"


class EmptyInput(InputError):
    code = "NL-I001"


class BinaryInput(InputError):
    code = "NL-I002"


class TooLarge(InputError):
    code = "NL-I003"


class DecodeFailed(InputError):
    code = "NL-I004"


class NoArticle(InputError):
    """The input decoded but holds no article text (empty page, nav only)."""

    code = "NL-I005"


class BadRecord(InputError):
    """A JSON Lines record that is not valid JSON or lacks text/html."""

    code = "NL-I006"


class FetchFailed(InputError):
    """A URL could not be fetched (unreachable, timeout, HTTP error, redirects)."""

    code = "NL-I007"


class BadContentType(InputError):
    code = "NL-I008"


class BadFeed(InputError):
    code = "NL-I009"


class UnsupportedInput(InputError):
    code = "NL-I010"


class ModelMissing(NewsledgerError):
    """No spaCy pipeline installed; the message names the package to install."""

    code = "NL-M001"


class StoreError(NewsledgerError):
    code = "NL-S001"


class ExtractError(NewsledgerError):
    """A reader failed on one article; recorded, the batch goes on."""

    code = "NL-X001"


class DataMissing(NewsledgerError):
    """An evaluation data set or a shipped data file is missing."""

    code = "NL-D001"
