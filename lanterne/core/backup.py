"""A site's backup: its database and its private documents together, in one tar archive.

    manifest.json       what the archive holds: the database's vendor, every table's row count,
                        every member's size and SHA-256 (written last, read first on restore)
    database.dump       PostgreSQL: `pg_dump --format=custom`
    database.sqlite3    SQLite: a copy made with SQLite's online backup API
    private/<name>      every file of STORAGES["private"] (local folder or S3 bucket)

On PostgreSQL the row counts, the list of the files the database refers to and `pg_dump` all
read one snapshot, so the manifest describes exactly the dump. A document added while the backup
runs is either in both the dump and the files or in neither; one removed meanwhile is reported as
missing and the backup fails (run it again).
"""

import datetime
import hashlib
import io
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.apps import apps
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connections, transaction
from django.db.models import FileField

FORMAT = "lanterne-backup"
VERSION = 1
MANIFEST = "manifest.json"
FILES_PREFIX = "private/"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or the restore cannot be done as asked; the message says why."""


@dataclass
class Summary:
    path: Path
    tables: dict[str, int]
    files: int
    bytes: int
    missing: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def private_storage() -> Storage:
    return storages["private"]


# ---------------------------------------------------------------------------------------------
# Backup
# ---------------------------------------------------------------------------------------------


def backup_site(path: Path, *, using: str = "default") -> Summary:
    """Write the archive to `path` (a folder: a dated file inside it). The file appears only once
    complete; raises BackupError if a file that the database refers to is missing."""
    path = Path(path)
    if path.is_dir():
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        path = path / f"lanterne-{stamp}.tar"
    connection = connections[using]
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Base de données non prise en charge : {connection.vendor}.")
    storage = private_storage()
    partial = path.with_name(f".{path.name}.partial")
    members: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="lanterne-backup-") as work:
        dump = Path(work) / DUMP_NAMES[connection.vendor]
        if connection.vendor == "postgresql":
            tables, referenced = _dump_postgresql(connection, dump)
        else:
            tables, referenced = _dump_sqlite(connection, dump)
        compress = path.name.endswith(".gz")
        with tarfile.open(partial, "w:gz") if compress else tarfile.open(partial, "w") as archive:
            with dump.open("rb") as source:
                members[dump.name] = _add(archive, dump.name, source, dump.stat().st_size)
            names = sorted(walk(storage))
            for name in names:
                with storage.open(name, "rb") as source:
                    members[FILES_PREFIX + name] = _add(
                        archive, FILES_PREFIX + name, source, storage.size(name)
                    )
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                "database": {"vendor": connection.vendor, "dump": dump.name, "tables": tables},
                "members": members,
            }
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
            archive.addfile(info, io.BytesIO(body))
    os.replace(partial, path)
    missing = sorted(set(referenced) - set(names))
    summary = Summary(
        path=path,
        tables=tables,
        files=len(names),
        bytes=sum(members[FILES_PREFIX + name]["size"] for name in names),
        missing=missing,
    )
    if missing:
        raise BackupError(
            f"Archive écrite ({path}) mais incomplète : {len(missing)} fichier(s) cité(s) par la "
            f"base absent(s) du stockage privé, par exemple {missing[0]}."
        )
    return summary


def _dump_postgresql(connection, dump: Path) -> tuple[dict[str, int], list[str]]:
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump est introuvable : installez postgresql-client.")
    if connection.in_atomic_block:
        raise BackupError("La sauvegarde doit être lancée hors d'une transaction.")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # One snapshot for the counts, the file list and pg_dump (which joins it).
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        tables = _count_rows(cursor, connection.introspection.table_names(cursor))
        referenced = _referenced_files(cursor, connection.ops.quote_name)
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dump}"],
            connection,
        )
    return tables, referenced


def _dump_sqlite(connection, dump: Path) -> tuple[dict[str, int], list[str]]:
    connection.ensure_connection()
    copy = sqlite3.connect(dump)
    try:
        # The online backup API copies a consistent state even while others write.
        connection.connection.backup(copy)
        cursor = copy.cursor()
        tables = _count_rows(cursor, _sqlite_tables(cursor))
        referenced = _referenced_files(cursor, connection.ops.quote_name)
    finally:
        copy.close()
    return tables, referenced


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in cursor.fetchall()]


def _count_rows(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        (counts[table],) = cursor.fetchone()
    return counts


def _private_file_columns() -> Iterator[tuple[str, str]]:
    """(table, column) of every file field kept in STORAGES["private"]."""
    private = private_storage()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, FileField):
                continue
            # A FileField resolves its storage once, when models load: ask the callable again.
            storage_callable = getattr(model_field, "_storage_callable", None)
            storage = storage_callable() if storage_callable else model_field.storage
            if storage is private and model_field.column:
                yield model._meta.db_table, model_field.column


def _referenced_files(cursor, quote_name) -> list[str]:
    names: set[str] = set()
    for table, column in _private_file_columns():
        cursor.execute(
            f"SELECT DISTINCT {quote_name(column)} FROM {quote_name(table)} "
            f"WHERE {quote_name(column)} <> ''"
        )
        names.update(name for (name,) in cursor.fetchall() if name)
    return sorted(names)


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name in `storage`, whichever backend (local folder, S3, memory)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        # A local store that has never received a file has no folder yet.
        return
    for name in files:
        yield posixpath.join(folder, name)
    for name in folders:
        yield from walk(storage, posixpath.join(folder, name))


def _add(archive: tarfile.TarFile, name: str, source, size: int) -> dict:
    reader = _HashingReader(source)
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    archive.addfile(info, reader)
    if reader.size != size:
        raise BackupError(f"{name} a changé pendant la sauvegarde ; relancez-la.")
    return {"size": size, "sha256": reader.hash.hexdigest()}


class _HashingReader:
    def __init__(self, source):
        self.source = source
        self.hash = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        chunk = self.source.read(size)
        self.hash.update(chunk)
        self.size += len(chunk)
        return chunk


# ---------------------------------------------------------------------------------------------
# Restore
# ---------------------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    """The archive's manifest, after checking that every member is there, intact, and nothing
    else: raises BackupError otherwise."""
    try:
        with tarfile.open(path, "r:*") as archive:
            try:
                manifest = json.load(_extract(archive, MANIFEST))
            except KeyError:
                raise BackupError(f"{path} n'est pas une sauvegarde de Lanterne.") from None
            if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
                raise BackupError(f"{path} n'est pas une sauvegarde de Lanterne v{VERSION}.")
            expected = manifest["members"]
            seen = set()
            for member in archive:
                if member.name == MANIFEST:
                    continue
                entry = expected.get(member.name)
                if entry is None or not member.isfile():
                    raise BackupError(f"Membre inattendu dans l'archive : {member.name}.")
                digest = hashlib.sha256()
                with _extract(archive, member) as source:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                if member.size != entry["size"] or digest.hexdigest() != entry["sha256"]:
                    raise BackupError(f"{member.name} ne correspond pas au manifeste (altéré ?).")
                seen.add(member.name)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"Archive illisible : {error}.") from error
    if absent := sorted(set(expected) - seen):
        raise BackupError(f"Il manque {len(absent)} membre(s) à l'archive, dont {absent[0]}.")
    return manifest


def _extract(archive: tarfile.TarFile, member: str | tarfile.TarInfo) -> IO[bytes]:
    source = archive.extractfile(member)
    if source is None:
        raise BackupError(f"{member} n'est pas un fichier dans l'archive.")
    return source


def restore_site(path: Path, *, force: bool = False, using: str = "default") -> Summary:
    """Put the archive's database and private files back, then check the row counts and files
    against the manifest. Refuses a database that has tables, or a private store that has files,
    unless `force`."""
    manifest = read_manifest(path)
    connection = connections[using]
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"Cette sauvegarde est une base {vendor} ; la base configurée est {connection.vendor}."
        )
    storage = private_storage()
    existing_tables = connection.introspection.table_names()
    has_files = next(walk(storage), None) is not None
    if (existing_tables or has_files) and not force:
        raise BackupError(
            "La base de données ou le stockage privé n'est pas vide "
            f"({len(existing_tables)} table(s), {'des' if has_files else 'aucun'} fichier(s)) : "
            "restaurez dans une base et un stockage vides, ou ajoutez --force pour les écraser."
        )
    files = {
        name.removeprefix(FILES_PREFIX): entry
        for name, entry in manifest["members"].items()
        if name.startswith(FILES_PREFIX)
    }
    with tempfile.TemporaryDirectory(prefix="lanterne-restore-") as work:
        dump = Path(work) / manifest["database"]["dump"]
        with tarfile.open(path, "r:*") as archive:
            with _extract(archive, dump.name) as source, dump.open("wb") as target:
                shutil.copyfileobj(source, target, CHUNK)
            if connection.vendor == "postgresql":
                _restore_postgresql(connection, dump, clean=bool(existing_tables))
            else:
                _restore_sqlite(connection, dump)
            for member in archive:
                if member.name.startswith(FILES_PREFIX):
                    _restore_file(storage, archive, member)
    return _check_restored(connection, storage, manifest, files, path)


def _restore_postgresql(connection, dump: Path, *, clean: bool) -> None:
    if shutil.which("pg_restore") is None:
        raise BackupError("pg_restore est introuvable : installez postgresql-client.")
    connection.close()
    command = [
        "pg_restore",
        "--exit-on-error",
        "--single-transaction",
        "--no-owner",
        "--no-privileges",
        f"--dbname={connection.settings_dict['NAME']}",
    ]
    if clean:
        command += ["--clean", "--if-exists"]
    _run([*command, str(dump)], connection)


def _restore_sqlite(connection, dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        # Replaces the whole database, page by page, in the connection Django uses.
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_file(storage: Storage, archive: tarfile.TarFile, member: tarfile.TarInfo) -> None:
    name = member.name.removeprefix(FILES_PREFIX)
    if storage.exists(name):
        storage.delete(name)
    with _extract(archive, member) as source:
        content = File(source, name=posixpath.basename(name))
        # Otherwise File would take the size of the archive itself (the member's `name`).
        content.size = member.size
        saved = storage.save(name, content)
    if saved != name:
        raise BackupError(f"{name} a été enregistré sous un autre nom ({saved}).")


def _check_restored(connection, storage, manifest: dict, files: dict, path: Path) -> Summary:
    expected = manifest["database"]["tables"]
    with connection.cursor() as cursor:
        counts = _count_rows(cursor, expected)
    if wrong := [table for table in expected if counts[table] != expected[table]]:
        raise BackupError(f"Après restauration, {wrong[0]} n'a pas le nombre de lignes attendu.")
    for name, entry in files.items():
        if not storage.exists(name) or storage.size(name) != entry["size"]:
            raise BackupError(f"Après restauration, {name} manque ou n'a pas la taille attendue.")
    return Summary(
        path=Path(path),
        tables=counts,
        files=len(files),
        bytes=sum(entry["size"] for entry in files.values()),
    )


def _run(command: list[str], connection) -> None:
    try:
        subprocess.run(command, check=True, env=_libpq_env(connection.settings_dict))
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} a échoué (code {error.returncode}).") from error


def _libpq_env(settings_dict: dict) -> dict[str, str]:
    """The connection settings as libpq's variables (no password on a command line)."""
    from django.db.backends.postgresql.client import DatabaseClient

    _, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    return {
        **os.environ,
        **(env or {}),
        **{key: str(value) for key, value in values.items() if value},
    }
