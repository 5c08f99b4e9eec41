"""The media library over HTTP with S3 mocked by moto: an upload URL, a PUT of the
file to it, then the check (ready, or 422 media_spec naming what failed); products
reference ready media, shown as URLs."""

from __future__ import annotations

import boto3
import pytest
import requests

from tests.support import ADMIN, product_body
from tests.unit import media_bytes as b


@pytest.fixture
def media_api(api):
    boto3.client("s3").create_bucket(Bucket="commerce-media")
    return api


def upload(api, kind: str, content_type: str, data: bytes, size: int | None = None) -> dict:
    r = api.post("/admin/media", {"kind": kind, "content_type": content_type, "size": size or len(data)}, headers=ADMIN)
    assert r.status == 201, r.body
    assert r.body["status"] == "pending" and r.header("Location") == f"/admin/media/{r.body['id']}"
    put = requests.put(r.body["upload"]["url"], data=data, headers=r.body["upload"]["headers"], timeout=10)
    assert put.status_code == 200, put.text
    return r.body


def test_a_square_png_uploaded_to_its_url_is_ready_and_a_product_shows_it(media_api):
    api = media_api
    started = upload(api, "main", "image/png", b.png(1000, 1000))
    done = api.post(f"/admin/media/{started['id']}/complete", {}, headers=ADMIN)
    assert done.status == 200, done.body
    assert (done.body["status"], done.body["width"], done.body["height"], done.body["failures"]) == (
        "ready",
        1000,
        1000,
        [],
    )
    again = api.post(f"/admin/media/{started['id']}/complete", {}, headers=ADMIN)
    assert again.status == 200 and again.body["status"] == "ready"  # completing again answers the same

    category = api.category()
    body = product_body(category["id"], images=[], media=[started["id"]])
    product = api.post("/admin/products", body, headers=ADMIN)
    assert product.status == 201, product.body  # listed: the ready main media is its main image
    assert product.body["media"] == [{"id": started["id"], "url": done.body["url"]}]
    assert done.body["url"].endswith(f"/media/{started['id']}")
    shown = api.get(f"/products/{product.body['id']}")
    assert shown.body["media"] == product.body["media"] and shown.body["images"] == []
    stored = boto3.client("s3").get_object(Bucket="commerce-media", Key=f"media/{started['id']}")
    assert stored["ContentType"] == "image/png"


def test_an_image_off_its_specification_is_rejected_naming_each_failure(media_api):
    api = media_api
    started = upload(api, "main", "image/png", b.jpeg(1200, 900))
    r = api.post(f"/admin/media/{started['id']}/complete", {}, headers=ADMIN)
    assert r.status == 422 and r.body["code"] == "media_spec"
    assert [e["message"] for e in r.body["errors"]] == [
        "the file is image/jpeg, not image/png",
        "1200x900 is under 1000x1000",
        "a main image is square, not 1200x900",
    ]
    shown = api.get(f"/admin/media/{started['id']}", headers=ADMIN).body
    assert shown["status"] == "rejected" and shown["width"] == 1200
    category = api.category()
    refused = api.post("/admin/products", product_body(category["id"], media=[started["id"]]), headers=ADMIN)
    assert refused.status == 400 and refused.body["errors"][0]["field"] == "media.0"


def test_a_video_is_checked_by_its_movie_header(media_api):
    api = media_api
    short = upload(api, "video", "video/mp4", b.mp4(42.5, moov_last=True, media_bytes=4096))
    r = api.post(f"/admin/media/{short['id']}/complete", {}, headers=ADMIN)
    assert r.status == 200 and r.body["duration_seconds"] == pytest.approx(42.5)
    long = upload(api, "video", "video/mp4", b.mp4(75))
    r = api.post(f"/admin/media/{long['id']}/complete", {}, headers=ADMIN)
    assert r.status == 422 and [e["message"] for e in r.body["errors"]] == ["75.0 s is over 60 s"]


def test_an_upload_is_checked_before_and_after(media_api):
    api = media_api
    r = api.post("/admin/media", {"kind": "detail", "content_type": "image/gif", "size": 10}, headers=ADMIN)
    assert r.status == 422 and r.body["code"] == "media_spec"
    r = api.post("/admin/media", {"kind": "detail", "content_type": "image/png", "size": 10}, headers=ADMIN)
    not_yet = api.post(f"/admin/media/{r.body['id']}/complete", {}, headers=ADMIN)
    assert not_yet.status == 409 and not_yet.body["code"] == "invalid_transition"
    assert api.get("/admin/media/media_nope", headers=ADMIN).status == 404
    warehouse = api.staff_key("warehouse")
    assert (
        api.post("/admin/media", {"kind": "main", "content_type": "image/png", "size": 1}, headers=warehouse).status
        == 403
    )
