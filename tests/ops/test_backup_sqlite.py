"""An SQLite database (the demo's) with its documents in an S3-compatible bucket backs up and
restores too: every row, every file, and the restored site serves the dossier with its documents.
(The PostgreSQL round trip keeps its documents in folders: between them, both stores.)"""

import uuid

import pytest

from tests.ops.sites import BUILD, SERVE, Bucket, Site


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory, s3_server):
    """A site on an SQLite file and a bucket, backed up (SQLite's online backup API), restored
    into a new file and another bucket."""
    folder = tmp_path_factory.mktemp("sqlite-backup")
    run = uuid.uuid4().hex[:8]
    source = Site(folder / "src.sqlite3", Bucket(s3_server, f"src-{run}").create())
    target = Site(folder / "dst.sqlite3", Bucket(s3_server, f"dst-{run}").create())
    source.manage("migrate", "--verbosity", "0")
    built = source.python(BUILD)
    archive = folder / "site.tar.gz"
    source.manage("backup_site", str(archive))
    target.manage("restore_site", str(archive))
    return {"source": source, "target": target, "built": built}


def test_every_row_and_file_is_identical(round_trip):
    """Each table holds the same rows after the round trip, and each private file the same bytes."""
    source, target = round_trip["source"], round_trip["target"]
    original = source.tables()
    assert original["dossiers_dossierdocument"][0] == 3
    assert target.tables() == original
    files = source.files()
    assert len(files) == 3
    assert target.files() == files


def test_restored_site_serves_the_dossier_with_its_documents(round_trip):
    """On the restored site the applicant downloads each document, byte for byte."""
    built = round_trip["built"]
    served = round_trip["target"].python(SERVE, built)
    assert served["status"] == 200
    assert served["shows_reference"]
    assert served["links"] == [True] * 3
    assert {pk: d["content"] for pk, d in served["downloads"].items()} == built["documents"]
    assert all(d["disposition"].startswith("attachment") for d in served["downloads"].values())
