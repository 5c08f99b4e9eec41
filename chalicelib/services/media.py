"""The media library (ADR 0023): staff upload product images and videos straight
to the media bucket with a presigned PUT URL, then ask for the upload to be
checked. An image's header gives its format and dimensions, an MP4's ``moov``
box its duration; what fails its kind's specification is rejected with
``media_spec`` naming each failure."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from ..domain import media as spec
from ..domain.clock import Clock
from ..domain.error_codes import MerchErrorCode
from ..domain.errors import FieldError, InvalidTransition, NotFound, ValidationFailed
from ..domain.ids import new_id
from ..domain.media import Media

MAX_MOOV_BYTES = 16 * 1024 * 1024  # a longer movie header is not read (the video is rejected)
MAX_TOP_LEVEL_BOXES = 64
UPLOAD_URL_SECONDS = 900


class MediaSpecFailed(ValidationFailed):
    code = MerchErrorCode.MEDIA_SPEC


class MediaStore(Protocol):
    """The media bucket."""

    def upload_url(self, key: str, content_type: str, expires_in: int) -> str: ...
    def size_of(self, key: str) -> int | None: ...  # None: no such object
    def read(self, key: str, start: int, end: int) -> bytes: ...  # bytes start..end-1 (fewer at the end)


class MediaRepository(Protocol):
    def add(self, media: Media) -> None: ...
    def get(self, media_id: str) -> Media | None: ...
    def save(self, media: Media) -> None: ...
    def get_many(self, media_ids: list[str]) -> dict[str, Media]: ...


class MediaService:
    def __init__(self, repository: MediaRepository, store: MediaStore, clock: Clock) -> None:
        self.repository = repository
        self.store = store
        self.clock = clock

    def start_upload(self, kind: str, content_type: str, size: int, actor: str) -> tuple[Media, str]:
        """A pending media and the URL to PUT its bytes to (with this Content-Type)."""
        failures = spec.upload_failures(kind, content_type, size)
        if failures:
            raise MediaSpecFailed(
                "The upload does not meet the media specification.",
                [FieldError("upload", "media_spec", f) for f in failures],
            )
        media_id = new_id("media")
        media = Media(
            id=media_id,
            kind=kind,
            content_type=content_type,
            size=size,
            key=spec.object_key(media_id),
            status="pending",
            created_by=actor,
            created_at=self.clock.now(),
        )
        self.repository.add(media)
        return media, self.store.upload_url(media.key, content_type, UPLOAD_URL_SECONDS)

    def get(self, media_id: str) -> Media:
        media = self.repository.get(media_id)
        if media is None:
            raise NotFound(f"No media {media_id}.")
        return media

    def complete(self, media_id: str) -> Media:
        """Check the uploaded object: ready, or rejected (422 media_spec listing what failed).
        A checked media answers as it is (ready again, or media_spec again)."""
        media = self.get(media_id)
        if media.status == "pending":
            size = self.store.size_of(media.key)
            if size is None:
                raise InvalidTransition("Nothing was uploaded yet: PUT the file to upload_url first.")
            media = self._checked(media, size)
            self.repository.save(media)
        if media.status == "rejected":
            raise MediaSpecFailed(
                f"Media {media.id} does not meet the {media.kind} specification.",
                [FieldError("file", "media_spec", f) for f in media.failures],
            )
        return media

    def _checked(self, media: Media, size: int) -> Media:
        measured: dict[str, Any]  # what the check read of the file: a video's length, an image's size
        if media.kind == "video":
            duration = self._duration(media.key, size)
            failures = spec.video_failures(size, duration)
            measured = {"duration_seconds": duration}
        else:
            header = self.store.read(media.key, 0, spec.HEADER_BYTES)
            failures, width, height = spec.image_failures(media.kind, media.content_type, size, header)
            measured = {"width": width, "height": height}
        if size != media.size:
            failures.append(f"{size} bytes arrived, {media.size} were announced")
        return replace(
            media,
            status="rejected" if failures else "ready",
            failures=tuple(failures),
            completed_at=self.clock.now(),
            **measured,
        )

    def _duration(self, key: str, size: int) -> float | None:
        """Walk the top-level boxes by their headers (16 bytes each) to ``moov``, read it, parse ``mvhd``."""
        offset = 0
        for _ in range(MAX_TOP_LEVEL_BOXES):
            if offset + 8 > size:
                return None
            found = spec.box_header(self.store.read(key, offset, offset + 16), size - offset)
            if found is None:
                return None
            name, box_size, header = found
            if name == b"moov":
                if box_size > MAX_MOOV_BYTES:
                    return None
                return spec.moov_duration(self.store.read(key, offset + header, offset + box_size))
            offset += box_size
        return None
