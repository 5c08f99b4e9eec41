"""The admin CLI against the real local API: `commerce products import` of a
500-row CSV with 3 bad rows imports 497, reports the 3 with reasons, shows its
progress, and a rerun changes nothing. The CLI runs as its own process (as an
operator runs it), over HTTP, against DynamoDB Local."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support import ADMIN, ADMIN_KEY

ROOT = Path(__file__).resolve().parents[2]
BAD_ROWS = {  # spreadsheet row -> (the bad cell's column, its value, the reason's start)
    17: ("price", "12,50", "price '12,50' is not a number"),
    230: ("stock", "-4", "stock '-4' is not a whole number"),
    461: ("specs", "colour", "specs part 'colour' is not name=value"),
}


def catalog_csv(path: Path) -> None:
    # description and images: a listed product is complete (ADR 0023)
    lines = ["product_key,title,category_slug,sku,specs,price,stock,weight_grams,description,images"]
    for index in range(500):
        row = index + 2
        product, size = divmod(index, 5)
        cells = {
            "product_key": f"tee-{product:03d}",
            "title": f"Tee {product:03d}",
            "category_slug": "t-shirts" if product % 2 else "tea",
            "sku": f"TEE-{product:03d}-{size}",
            "specs": f"color=c{product % 7};size={'SMLXY'[size]}",
            "price": f"{99 + product}.{size}0",
            "stock": str(10 + size),
            "weight_grams": str(200 + size),
            "description": f"Tee number {product:03d} in soft organic cotton",
            "images": f"https://images.example.com/tee-{product:03d}.jpg",
        }
        if row in BAD_ROWS:
            column, value, _ = BAD_ROWS[row]
            cells[column] = f'"{value}"' if "," in value else value
        lines.append(",".join(cells.values()))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def commerce(base_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "COMMERCE_URL": base_url,
        "COMMERCE_API_KEY": ADMIN_KEY,
        "COMMERCE_PROFILES": str(ROOT / "no-such-profiles.toml"),
        "PYTHONPATH": str(ROOT),
        "COLUMNS": "100",
    }
    return subprocess.run(
        [sys.executable, "-m", "commerce_cli.main", *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_import_of_500_rows_with_3_bad_imports_497_reports_the_3_and_a_rerun_changes_nothing(api, tmp_path):
    for name, slug in (("Tea", "tea"), ("T-shirts", "t-shirts")):
        assert api.post("/admin/categories", {"name": name, "slug": slug}, headers=ADMIN).status == 201
    csv_file = tmp_path / "catalog.csv"
    catalog_csv(csv_file)

    first = commerce(api.base_url, "products", "import", str(csv_file), "--json", "--status", "listed")
    assert first.returncode == 1, first.stderr  # some rows failed
    report = json.loads(first.stdout)
    assert (report["imported"], report["unchanged"]) == (497, 0)
    assert [f["row"] for f in report["failed"]] == sorted(BAD_ROWS)
    for failure in report["failed"]:
        assert failure["error"].startswith(BAD_ROWS[failure["row"]][2]), failure

    # What the API now holds: 100 products found by their product_key, 497 SKUs.
    found = api.get("/admin/products?handle=tee-004", headers=ADMIN).body["items"]
    assert [(p["title"], p["status"], len(p["sku_codes"])) for p in found] == [("Tee 004", "listed", 5)]
    product = api.get(f"/admin/products/{found[0]['id']}", headers=ADMIN).body
    sku = next(s for s in product["skus"] if s["code"] == "TEE-004-2")
    assert (sku["specs"], sku["price"]["amount"], sku["on_hand"], sku["weight_grams"]) == (
        {"color": "c4", "size": "L"},
        10320,
        12,
        202,
    )
    for handle, refused in (("tee-003", "TEE-003-0"), ("tee-045", "TEE-045-3")):  # rows 17 and 230
        partial = api.get(f"/admin/products?handle={handle}", headers=ADMIN).body["items"][0]
        assert len(partial["sku_codes"]) == 4 and refused not in partial["sku_codes"]
        assert api.get(f"/admin/inventory/{refused}", headers=ADMIN).status == 404
    listed = [p for p in _all_listed(api) if p["handle"]]
    assert len(listed) == 100 and sum(len(p["sku_codes"]) for p in listed) == 497
    versions = {p["id"]: p for p in listed}

    second = commerce(api.base_url, "products", "import", str(csv_file))
    assert second.returncode == 1
    assert "imported 0 rows, unchanged 497, failed 3" in second.stdout
    for row, (_, _, reason) in BAD_ROWS.items():
        assert f"row {row}: {reason}" in second.stdout
    assert "500/500" in second.stderr  # the progress bar, finished
    after = {p["id"]: p for p in _all_listed(api) if p["handle"]}
    assert after.keys() == versions.keys()
    assert all(after[i]["updated_at"] == versions[i]["updated_at"] for i in after)  # nothing was written
    assert api.get(f"/admin/products/{found[0]['id']}", headers=ADMIN).body["version"] == product["version"]


def _all_listed(api) -> list[dict]:
    items, cursor = [], None
    while True:
        page = api.get(
            "/admin/products?status=listed&limit=100" + (f"&cursor={cursor}" if cursor else ""), headers=ADMIN
        ).body
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items
