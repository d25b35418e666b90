"""The map's grouping reads the narrow covering index of the structures, never the wide table:
on PostgreSQL an index-only scan, as the index holds every column the grouping reads (measured
on the scale-10 bench: the full read of the table's 3 125 pages gives way to the index's)."""

from lanterne.network.models import Structure


def test_the_covering_index_holds_what_the_map_reads():
    index = next(i for i in Structure._meta.indexes if i.name == "structure_map_covering_idx")
    assert set(index.fields) | set(index.include) >= {
        "is_listed",
        "commune",
        "kind",
        "latitude",
        "longitude",
        "id",
    }
