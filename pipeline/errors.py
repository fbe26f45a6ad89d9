"""The named ways a document can fail; each becomes a `reason` in the `failures` table."""

from __future__ import annotations


class DocumentError(Exception):
    """A document could not be read. `reason` is a short stable id, the message says why."""

    reason = "error"

    def __init__(self, source: str, detail: str) -> None:
        self.source = source
        self.detail = detail
        super().__init__(f"{source}: {detail}")


class EmptyFile(DocumentError):
    reason = "empty-file"


class UnknownType(DocumentError):
    reason = "unknown-type"


class CorruptPdf(DocumentError):
    reason = "corrupt-pdf"


class EncryptedPdf(DocumentError):
    reason = "encrypted-pdf"


class ImageOnlyPdf(DocumentError):
    reason = "image-only-pdf"


class NoText(DocumentError):
    reason = "no-text"


class ParseTimeout(DocumentError):
    reason = "parse-timeout"


class TooLarge(DocumentError):
    reason = "too-large"
