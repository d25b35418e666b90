"""The measuring instruments' arithmetic and checks: floors and ratios, the HTTP client's parsing,
the server run's summary, the scenario's roles, forms and verification. Nothing is timed."""

import json
import os
from types import SimpleNamespace

import pytest

from bench import cpu, scenario, server
from bench.http import Response, parse_head, parse_set_cookie
from bench.load import ANONYMOUS, SIGNED_IN, floor_ratio, select, summarise_plan
from bench.pages import Page, Samples


def test_floor_ratio():
    """A page's p95 over the floor's; none without a floor (or a zero one)."""
    assert floor_ratio(30.0, 3.0) == pytest.approx(10.0)
    assert floor_ratio(30.0, None) is None
    assert floor_ratio(30.0, 0.0) is None
    assert floor_ratio(None, 3.0) is None


def test_each_page_gets_both_ratios_and_is_judged_against_its_own_floor():
    """The floors are summarised first; an anonymous page is judged against the anonymous
    floor, a signed-in one against the signed-in floor, and both ratios are kept."""
    plan = [
        Page("anonymous page", ["/a/"]),
        Page("floor, anonymous", ["/f/"], floor=ANONYMOUS),
        Page("floor, signed in", ["/f/"], client="coordinator", floor=SIGNED_IN),
        Page("signed-in page", ["/b/"], client="coordinator"),
        Page("missing", note="not available"),
    ]
    samples = {
        "anonymous page": Samples([12.0] * 20, [3] * 20, {200}),
        "floor, anonymous": Samples([1.0] * 20, [1] * 20, {200}),
        "floor, signed in": Samples([4.0] * 20, [4] * 20, {200}),
        "signed-in page": Samples([12.0] * 20, [9] * 20, {200}),
    }
    results = {result.page: result for result in summarise_plan(plan, samples)}

    anonymous = results["anonymous page"]
    assert (anonymous.ratio_anonymous, anonymous.ratio_signed_in) == (
        pytest.approx(12.0),
        pytest.approx(3.0),
    )
    assert anonymous.verdict == "FAIL > 10× anonymous floor"
    signed = results["signed-in page"]
    assert signed.ratio == pytest.approx(3.0)
    assert signed.verdict == "PASS"
    assert results["floor, anonymous"].verdict == "reference"
    assert results["floor, signed in"].ratio_signed_in == pytest.approx(1.0)
    assert results["missing"].verdict == "not available"


def test_only_keeps_the_pages_named_and_both_floors():
    plan = [
        Page("floor, anonymous", ["/f/"], floor=ANONYMOUS),
        Page("floor, signed in", ["/f/"], client="coordinator", floor=SIGNED_IN),
        Page("committee session", ["/c/"]),
        Page("Committee dossier", ["/d/"]),
        Page("year view", ["/y/"]),
    ]
    assert select(plan, []) == plan
    assert [p.label for p in select(plan, ["COMMITTEE"])] == [
        "floor, anonymous",
        "floor, signed in",
        "committee session",
        "Committee dossier",
    ]
    assert [p.label for p in select(plan, ["year", "nothing"])][-1] == "year view"


def test_response_heads_and_cookies_are_read_as_a_browser_would():
    """Repeated Set-Cookie headers stay apart (their dates hold commas); a deleted cookie is
    forgotten; the first form's CSRF token is found."""
    status, headers = parse_head(
        b"HTTP/1.1 302 Found\r\nLocation: /dossiers/12/\r\n"
        b"Set-Cookie: csrftoken=abc; expires=Tue, 30 Nov 2027 19:57:41 GMT; Path=/; Secure\r\n"
        b"Set-Cookie: sessionid=xyz; HttpOnly; Secure\r\n"
        b'Set-Cookie: messages=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/\r\n'
        b"\r\n"
    )
    assert (status, headers["location"]) == (302, "/dossiers/12/")
    assert parse_set_cookie(headers["set-cookie"]) == {
        "csrftoken": "abc",
        "sessionid": "xyz",
        "messages": None,
    }
    page = Response(
        200,
        {},
        b'<form><input type="hidden" name="csrfmiddlewaretoken" '
        b'value="tok1"></form><input name="csrfmiddlewaretoken" value="tok2">',
        1.0,
    )
    assert page.csrf_token() == "tok1"
    assert Response(200, {}, b"<p>no form</p>", 1.0).csrf_token() == ""


def test_server_summary_counts_errors_and_judges_the_targets():
    """Requests/s over the measured seconds, p95 over every request, errors by kind (no
    response, or any status but 200), each page's share of the time."""
    samples = (
        [server.Sample("directory", 100.0, 200)] * 9000
        + [server.Sample("panorama", 900.0, 200)] * 500
        + [server.Sample("panorama", 50.0, 500), server.Sample("map", 30000.0, 0, "TimeoutError")]
    )
    summary = server.summarise(samples, seconds=30.0)
    assert summary.requests == 9502
    assert summary.requests_per_second == pytest.approx(9502 / 30)
    assert summary.errors == 2
    assert summary.error_kinds == {"HTTP 500": 1, "TimeoutError": 1}
    assert summary.verdict == "FAIL p95 > 300 ms, 2 errors"
    shares = {page["page"]: page["share_of_time"] for page in summary.pages}
    assert shares["panorama"] == pytest.approx((450_000 + 50) / (900_000 + 450_050 + 30_000))
    good = server.summarise([server.Sample("directory", 10.0, 200)] * 7000, seconds=30.0)
    assert good.verdict == "PASS"
    slow = server.summarise([server.Sample("directory", 10.0, 200)] * 3000, seconds=30.0)
    assert slow.verdict == "FAIL < 200 requests/s"


def test_the_server_keeps_the_deployment_examples_settings(tmp_path):
    """The measured server runs the example's settings module, workers and cache, with the
    bench's own database, key and address; --set and --workers override them."""
    env = server.server_environment(
        "postgres://postgres@127.0.0.1:5432/lanterne_bench_x",
        8765,
        overrides={"WEB_CONCURRENCY": "5"},
        static_root=tmp_path,
    )
    example = server.read_env_file(server.ENV_EXAMPLE)
    assert env["DJANGO_SETTINGS_MODULE"] == example["DJANGO_SETTINGS_MODULE"]
    assert env["CACHE_URL"] == example["CACHE_URL"]
    assert env["WEB_CONCURRENCY"] == "5"
    assert env["DATABASE_URL"].endswith("/lanterne_bench_x")
    assert env["DEBUG"] == "0"
    assert env["GUNICORN_BIND"] == "127.0.0.1:8765"
    assert env["SECRET_KEY"] != example["SECRET_KEY"]


def test_the_server_report_says_what_the_figures_depend_on(tmp_path):
    """Workers recycled during the measurement (counted from gunicorn's log), their memory and
    the clients' own processor time are printed beside the figures."""
    log = tmp_path / "server.log"
    log.write_text("[INFO] Booting worker with pid: 1\n[INFO] Booting worker with pid: 2\n")
    assert server.worker_boots(log) == 2
    assert server.worker_boots(tmp_path / "missing.log") == 0
    assert os.getpid() in server.worker_pids(os.getppid())
    assert server.resident_megabytes(os.getpid()) > 1
    summary = server.summarise([server.Sample("directory", 10.0, 200)] * 10, seconds=1.0)
    summary.worker_restarts, summary.worker_rss_mb = 1, [130.0, 131.5]
    summary.client_cpu_ms_per_request = 0.8
    text = server.report(summary)
    assert "workers recycled during the measurement: 1" in text
    assert "130, 132" in text
    assert "0.80 ms per request" in text


def test_static_files_are_collected_again_only_when_they_changed(tmp_path):
    """The collected files are kept while no file of lanterne/static is newer than them."""
    assert not server.static_is_current(tmp_path)
    manifest = tmp_path / "staticfiles.json"
    manifest.write_text("{}")
    assert server.static_is_current(tmp_path)
    os.utime(manifest, (0, 0))
    assert not server.static_is_current(tmp_path)


def test_the_cpu_measure_sends_what_gunicorn_hands_django_behind_the_proxy():
    """A GET with its query string split off, HTTPS as the proxy says, the session cookie."""
    environ = cpu.wsgi_environ("/annuaire/?page=2", "sessionid=abc")
    assert (environ["PATH_INFO"], environ["QUERY_STRING"]) == ("/annuaire/", "page=2")
    assert environ["HTTP_X_FORWARDED_PROTO"] == environ["wsgi.url_scheme"] == "https"
    assert environ["HTTP_COOKIE"] == "sessionid=abc"
    assert "HTTP_COOKIE" not in cpu.wsgi_environ("/")


def test_the_cpu_report_gives_the_mean_over_the_mix_without_the_floors():
    """Each page counts once in the mean (bench.server sends them equally often); the floors
    are shown, not counted; a database share that cannot be read counts as nothing."""
    costs = [
        cpu.Cost("floor, anonymous (base.html + 1 query)", 3.0, 0.5),
        cpu.Cost("directory", 18.0, 2.0),
        cpu.Cost("map data", 3.0, None),
    ]
    assert cpu.mean_cost(costs) == pytest.approx((20.0 + 3.0) / 2)
    text = cpu.report(costs)
    assert text.index("directory") < text.index("floor, anonymous") < text.index("map data")
    assert "11.5 ms of processor per request" in text


def test_roles_are_shared_out_within_the_accounts_prepared():
    """Half the people browse in public; applicants and committee members never outnumber the
    accounts and seats prepared for them; everyone plays something."""
    roles = scenario.assign_roles(50, applicants=100, seats=5)
    assert len(roles) == 50
    assert roles.count("public") == 25
    assert roles.count("applicant") == 14
    assert roles.count("committee") == 5
    assert roles.count("coordinator") == 6
    few = scenario.assign_roles(50, applicants=3, seats=2)
    assert (few.count("applicant"), few.count("committee"), len(few)) == (3, 2, 50)


def test_a_form_is_posted_back_with_what_it_shows():
    """The form posting to the given action only; checked boxes, selected options and text
    areas (without the new line after <textarea>) as a browser sends them."""
    page = (
        b'<form action="/dossiers/1/modifier/public/"><input name="public-age" value="9"></form>'
        b'<form method="post" action="/dossiers/1/modifier/general/">'
        b'<input type="hidden" name="csrfmiddlewaretoken" value="t">'
        b'<input type="hidden" name="general-expected_version" value="2">'
        b'<input type="text" name="general-title" value="L&#x27;atelier">'
        b'<textarea name="general-intention" rows="8">\nVoir &amp; faire.</textarea>'
        b'<input type="checkbox" name="general-rural" checked>'
        b'<input type="checkbox" name="general-qpv">'
        b'<select name="general-kind"><option value="a">A</option>'
        b'<option value="b" selected>B</option></select>'
        b'<input type="submit" name="go" value="Enregistrer"></form>'
    )
    assert scenario.form_fields(page, "/dossiers/1/modifier/general/") == {
        "general-expected_version": "2",
        "general-title": "L'atelier",
        "general-intention": "Voir & faire.",
        "general-rural": "on",
        "general-kind": "b",
    }
    assert scenario.form_fields(page, "/dossiers/1/modifier/budget/") == {}


def _dossier(note: str, **changes):
    content = {"intention": note, "reference": "X"}
    values = {
        "state": "submitted",
        "intention": note,
        "submitted_content": content,
        "fingerprint": "f" * 64,
    } | changes
    return SimpleNamespace(**values)


def test_the_verification_finds_every_way_a_submitted_dossier_can_be_wrong():
    """Missing, not submitted, without frozen content, or without the note typed (live or
    frozen): each is reported; a dossier as the server confirmed it is not."""
    notes = {pk: f"Note {pk}" for pk in range(1, 7)}
    found = {
        1: _dossier("Note 1"),
        # 2 is missing
        3: _dossier("Note 3", state="draft"),
        4: _dossier("Note 4", submitted_content=None, fingerprint=""),
        5: _dossier("Note 5", intention="an older note"),
        6: _dossier("Note 6", submitted_content={"intention": "an older note"}),
    }
    problems = scenario.problems_with(notes, found, submitted_state="submitted")
    assert problems == [
        "dossier 2: missing",
        "dossier 3: draft, not submitted",
        "dossier 4: no frozen content",
        "dossier 4: the note typed is not in its frozen content",
        "dossier 5: the note typed is not saved",
        "dossier 6: the note typed is not in its frozen content",
    ]
    assert scenario.problems_with({1: "Note 1"}, found, submitted_state="submitted") == []
    assert json.dumps(found[1].submitted_content)  # the content checked is JSON, as stored


@pytest.mark.django_db
def test_the_floor_is_base_html_and_one_query_and_only_the_bench_mounts_it(
    client, django_assert_num_queries, settings
):
    """bench.urls adds the floor page to the site's URLs; the site's own URLconf has none."""
    from django.urls import NoReverseMatch, reverse

    from lanterne.territories.models import Region

    Region.objects.create(code="84", name="Auvergne-Rhône-Alpes")
    with pytest.raises(NoReverseMatch):
        reverse("bench_floor")
    settings.ROOT_URLCONF = "bench.urls"
    with django_assert_num_queries(1):
        response = client.get(reverse("bench_floor"))
    assert response.status_code == 200
    assert response.templates[0].name is None  # the floor's own template, extending base.html
    assert "base.html" in [template.name for template in response.templates]
    assert "Auvergne-Rhône-Alpes" in response.content.decode()
