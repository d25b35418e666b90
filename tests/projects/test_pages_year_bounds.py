"""A year in a page's address is a year the pages know (1900 to 2999): year 0, a five-digit
year or a number past any integer column is a page that does not exist, never a 500."""

from tests.projects.factories import project, project_coordinator

PAGES = ["", "carte.geojson", "plein-air/", "plein-air.csv", "actions.csv", "actions.xlsx"]
OUT_OF_RANGE = ["0", "0000", "1899", "3000", "99999", "99999999999999999999"]


def test_a_year_out_of_range_is_a_404_and_a_known_one_is_served(login):
    p = project()
    client = login(project_coordinator(p))
    for page in PAGES:
        for year in OUT_OF_RANGE:
            assert client.get(f"/projets/annee/{year}/{page}").status_code == 404, (year, page)
        response = client.get(f"/projets/annee/{p.year}/{page}")
        assert response.status_code == 200, page
        if response.streaming:
            b"".join(response.streaming_content)
