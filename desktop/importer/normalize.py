"""Text normalisation: the one canonical form every span points into.

The same document read from UTF-8, GBK, GB18030, .html or .docx should end up
as the same string, so its fingerprint is stable across re-imports:

* Unicode NFC; zero-width characters and BOMs removed; control characters
  other than line breaks removed;
* every line-break convention becomes ``\\n``; tabs, no-break spaces and the
  ideographic space (U+3000) become a plain space;
* full-width digits and Latin letters become ASCII (numbering and targets are
  often typed as ``１．`` / ``１０％`` in Word); punctuation is kept as written;
* each line is stripped, runs of spaces collapse to one, empty lines go;
* a traditional-character page becomes simplified (``hant``), so a plan
  reposted in 繁体 reads, and fingerprints, like the original.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .hant import to_simplified

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[\t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_DROP = re.compile(r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
_SPACE_RUN = re.compile(r" {2,}")

# Full-width 0-9, A-Z, a-z -> ASCII.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})


def normalize_text(text: str) -> str:
    """Return the canonical form of ``text`` (see module docstring)."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _DROP.sub("", text)
    text = _SPACES.sub(" ", text)
    text = text.translate(_FULLWIDTH)
    lines = []
    for line in text.split("\n"):
        line = _SPACE_RUN.sub(" ", line).strip()
        if line:
            lines.append(line)
    return to_simplified("\n".join(lines))


def fingerprint(normalized: str) -> str:
    """sha256 hex digest of already normalised text."""
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()
