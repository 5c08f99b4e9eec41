"""Tokenising for search: Chinese segmentation and Latin prefixes.

Tokens. Text is NFKC-normalised and case-folded. Text with CJK characters is
segmented by rjieba (imported on first use only: it costs ~100 ms); a segment
holding a CJK character is a token as it stands ("t恤"), anything else is split
into Latin/digit words. A document indexes every word of 2+ characters and its
prefixes from 2 characters up to MAX_PREFIX, so a query word finds the words it
begins ("cot" finds "cotton"); a query word is looked up as itself (cut to
MAX_PREFIX), one index partition per token.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from ..domain.search import MAX_DOCUMENT_TOKENS, MAX_PREFIX, MAX_QUERY_PARTITIONS, MAX_QUERY_TOKENS, MAX_TOKEN_LENGTH

_CJK = re.compile(r"[\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W_]+")

_cut: Callable[[str], list[str]] | None = None


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _segmenter() -> Callable[[str], list[str]]:
    global _cut
    if _cut is None:
        import rjieba  # heavy (~100 ms): only when text with CJK characters is tokenised

        _cut = rjieba.cut
    return _cut


def words(text: str) -> list[str]:
    """The whole tokens of ``text`` in order, each once (no prefixes)."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return []
    # Segment before case-folding: the dictionary knows "T恤", not "t恤".
    pieces = _joined(_segmenter()(text)) if _CJK.search(text) else [text]
    found: list[str] = []
    for piece in pieces:
        piece = piece.casefold().strip()
        if not piece:
            continue
        parts = ["".join(ch for ch in piece if not ch.isspace())] if _CJK.search(piece) else _WORD.findall(piece)
        for token in parts:
            if token and token not in found:
                found.append(token)
    return found


def _joined(pieces: list[str]) -> list[str]:
    """A lone Latin letter before a CJK segment belongs to it ("t" "恤" -> "t恤"):
    the dictionary knows "T恤" but segments a lower-case "t恤" apart."""
    out: list[str] = []
    for piece in pieces:
        if out and len(out[-1]) == 1 and out[-1].isascii() and out[-1].isalpha() and _CJK.match(piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def _is_cjk(token: str) -> bool:
    return _CJK.search(token) is not None


def index_tokens(text: str) -> list[str]:
    """What a document indexes for ``text``: CJK tokens, and Latin words of 2+
    characters with their prefixes from 2 characters up to MAX_PREFIX."""
    out: list[str] = []
    seen: set[str] = set()
    for word in words(text):
        if _is_cjk(word):
            grams = [word]
        elif len(word) < 2:
            continue
        else:
            grams = [word[:n] for n in range(2, min(len(word), MAX_PREFIX) + 1)]
        for gram in grams:
            if gram not in seen and len(gram) <= MAX_TOKEN_LENGTH:
                seen.add(gram)
                out.append(gram)
    return out


def document_terms(
    title: str, attributes: dict[str, str], category_names: Sequence[str], sku_codes: Sequence[str]
) -> dict[str, bool]:
    """Token -> whether it comes from the title. Title first, so when the cap
    (MAX_DOCUMENT_TOKENS) bites it drops the least telling text."""
    terms: dict[str, bool] = {}
    for token in index_tokens(title):
        terms[token] = True
    for text in [*attributes.values(), *category_names, *sku_codes]:
        for token in index_tokens(text):
            terms.setdefault(token, False)
    return dict(list(terms.items())[:MAX_DOCUMENT_TOKENS])


def query_tokens(q: str) -> list[str]:
    """The tokens a query looks up: at most MAX_QUERY_TOKENS, words cut to MAX_PREFIX.
    One-letter Latin words are dropped (no partition holds them)."""
    out: list[str] = []
    for word in words(q):
        token = word if _is_cjk(word) else word[:MAX_PREFIX]
        if (_is_cjk(token) or len(token) >= 2) and token not in out:
            out.append(token)
    return out[:MAX_QUERY_TOKENS]


def expand(tokens: list[str], groups: Sequence[Sequence[str]]) -> list[list[str]]:
    """Each query token with its alternatives (the tokens of the other terms of
    every synonym group one of whose terms is the token), the token first. The
    partitions read are capped at MAX_QUERY_PARTITIONS, the query's own tokens first."""
    alternatives: list[list[str]] = [[t] for t in tokens]
    budget = MAX_QUERY_PARTITIONS - len(tokens)
    for i, token in enumerate(tokens):
        for group in groups:
            if not any(normalise(term) == token or query_tokens(term) == [token] for term in group):
                continue
            for term in group:
                for alt in query_tokens(term):
                    if budget > 0 and alt not in alternatives[i]:
                        alternatives[i].append(alt)
                        budget -= 1
    return alternatives
