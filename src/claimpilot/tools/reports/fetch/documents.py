"""Downloading a report document and checking it arrived whole."""

from __future__ import annotations

import gzip
import zlib

import httpx

from .errors import FetchError


class DownloadFailed(FetchError):
    """The document could not be had whole this time; another try may work."""


class TruncatedDocument(DownloadFailed):
    """The compressed document ended before its end-of-stream marker."""


def gunzip_whole(data: bytes) -> bytes:
    """Decompress gzip bytes, refusing a stream that was cut off."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data) + decompressor.flush()
    except zlib.error as exc:
        raise TruncatedDocument(f"the gzip stream is damaged ({exc})") from None
    if not decompressor.eof:
        raise TruncatedDocument(f"the gzip stream was cut off after {len(data)} bytes")
    rest = decompressor.unused_data
    if rest:  # a multi-member gzip file: decompress the rest the same way
        try:
            out += gzip.decompress(rest)
        except (OSError, EOFError, zlib.error) as exc:
            raise TruncatedDocument(f"the gzip stream was cut off ({exc})") from None
    return out


def download(client: httpx.Client, url: str, compression: str | None) -> bytes:
    """The document's bytes, decompressed; raises on HTTP errors and truncation."""
    try:
        response = client.get(url)
    except httpx.TransportError as exc:
        raise DownloadFailed(f"the document download failed ({type(exc).__name__})") from None
    if response.status_code >= 500:
        raise DownloadFailed(f"the document server answered HTTP {response.status_code}")
    if response.status_code != 200:
        raise FetchError(f"the document download answered HTTP {response.status_code}")
    data = response.content
    if compression and compression.upper() == "GZIP":
        return gunzip_whole(data)
    return data
