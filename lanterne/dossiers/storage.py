"""Uploaded documents live outside MEDIA_ROOT: never served by the web server, only through
views that check access first (STORAGES["private"])."""

from django.core.files.storage import storages


def private_storage():
    # A callable, so that migrations name it rather than serialise a storage instance.
    return storages["private"]
