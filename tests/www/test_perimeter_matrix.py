"""The perimeter of a coordination, exact to the département.

Hauts-de-France has two Passeurs d'images coordinations: the north (Nord, Pas-de-Calais) carried
by Hors Cadre, the south (Aisne, Oise, Somme) carried by ACAP, which is also the pôle of the
whole région. Each coordinator manages the calls its structure carries and only those: their
dossiers (pages, notes, messages, documents, instruction), committee sessions, projects, reports,
the year's view and exports, and the same objects in the API. The other coordination of the
same région, a coordination of another région, a national network admin, an applicant and an
anonymous visitor get a 403, a 404 or the login page, and never the data.

Every action is checked for both sides (north's objects, then south's), each time against every
kind of user; the sides are looped over inside each test, so that the world is built once per
test.
"""

import pytest
from django.urls import reverse

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import forget_scope
from lanterne.calls.models import Call
from lanterne.dossiers import services as dossier_services
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier, DossierMessage, DossierNote
from lanterne.network.models import Structure
from lanterne.projects import selectors
from tests.accounts.factories import (
    MembershipFactory,
    UserFactory,
    network_admin,
    pass_second_factor,
)
from tests.calls.factories import CallFactory
from tests.committee.factories import CommitteeSessionFactory
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.network.factories import CoordinationFactory, PoleFactory, StructureFactory
from tests.projects.factories import project, project_applicant
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory

SIDES = ["north", "south"]
OTHER = {"north": "south", "south": "north"}
# Who is asked, relative to the side whose objects are requested.
WHO = ["own", "applicant", "same_region", "other_region", "network_admin", "anonymous"]


def _coordinator_of(structure):
    return MembershipFactory(user=UserFactory(), structure=structure, role=Role.COORDINATOR).user


def _side(region, carrier, departement, label):
    """One coordination's call, its dossier under review (with a note, a message and a
    document), a committee session on it, an unpublished call, and an accepted project."""
    call = CallFactory(
        title=f"Appel du versant {label}", region=region, coordination=carrier, year=2024
    )
    commune = CommuneFactory(departement=departement)
    dossier = DossierFactory(
        call=call,
        title=f"Dossier secret du versant {label}",
        applicant=StructureFactory(applicant_commune=True, commune=commune),
        state=DossierState.UNDER_REVIEW,
    )
    coordinator = _coordinator_of(carrier)
    dossier_services.note_add(
        dossier=dossier, by=coordinator, body=f"Note privée du versant {label}"
    )
    session = CommitteeSessionFactory(call=call, title=f"Comité du versant {label}")
    session.dossiers.add(dossier)
    p = project(call=call, title=f"Projet du versant {label}")
    return {
        "carrier": carrier,
        "call": call,
        "draft_call": CallFactory(
            title=f"Brouillon du versant {label}",
            region=region,
            coordination=carrier,
            unpublished=True,
        ),
        "dossier": dossier,
        "document": dossier.documents.get(),
        "session": session,
        "project": p,
        "coordinator": coordinator,
        "applicant": dossier_applicant(dossier),
        "project_applicant": project_applicant(p),
        "label": label,
    }


@pytest.fixture
def world():
    hdf = RegionFactory(code="32", name="Hauts-de-France")
    departements = {
        code: DepartementFactory(code=code, name=name, region=hdf)
        for code, name in (
            ("02", "Aisne"),
            ("59", "Nord"),
            ("60", "Oise"),
            ("62", "Pas-de-Calais"),
            ("80", "Somme"),
        )
    }
    occitanie = RegionFactory(code="76", name="Occitanie")
    haute_garonne = DepartementFactory(code="31", name="Haute-Garonne", region=occitanie)
    hors_cadre = StructureFactory(
        pi_coordination=True,
        name="Hors Cadre",
        commune=CommuneFactory(departement=departements["59"]),
    )
    acap = StructureFactory(
        pole=True, name="ACAP", commune=CommuneFactory(departement=departements["80"])
    )
    trame = StructureFactory(
        pi_coordination=True, name="La Trame", commune=CommuneFactory(departement=haute_garonne)
    )
    CoordinationFactory(
        name="Passeurs d'images HDF nord",
        region=hdf,
        departements=[departements["59"], departements["62"]],
        carriers=[hors_cadre],
    )
    CoordinationFactory(
        name="Passeurs d'images HDF sud",
        region=hdf,
        departements=[departements["02"], departements["60"], departements["80"]],
        carriers=[acap],
    )
    # As in the real network, ACAP is also the pôle of the whole région: its perimeter of
    # structures covers Nord, yet Hors Cadre's calls stay out of its reach.
    PoleFactory(name="Pôle HDF", region=hdf, carriers=[acap])
    CoordinationFactory(name="Passeurs d'images Occitanie", region=occitanie, carriers=[trame])
    return {
        "north": _side(hdf, hors_cadre, departements["59"], "nord"),
        "south": _side(hdf, acap, departements["02"], "sud"),
        "occitanie": _side(occitanie, trame, haute_garonne, "occitan"),
        "network_admin": network_admin(),
        "departements": departements,
    }


def _user(world, side, who):
    return {
        "own": world[side]["coordinator"],
        "applicant": world[side]["applicant"],
        "same_region": world[OTHER[side]]["coordinator"],
        "other_region": world["occitanie"]["coordinator"],
        "network_admin": world["network_admin"],
        "anonymous": None,
    }[who]


def _as(client, user):
    client.logout()
    if user is not None:
        forget_scope(user)
        client.force_login(user)
        pass_second_factor(client, user)
    return client


def _get(client, user, url):
    """GET as `user` (None: anonymous), the body read (a streamed one is read, not closed:
    closing it ends the test's database connection on PostgreSQL)."""
    response = _as(client, user).get(url)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    else:
        response.body = response.content
    return response


def _refused(response, expected):
    if expected == "login":
        return response.status_code == 302 and "connexion" in response.url
    return response.status_code == expected


# ---------------------------------------------------------------------------------------------
# The dossier: pages, notes, messages, documents, instruction
# ---------------------------------------------------------------------------------------------

REFUSED = {"same_region": 404, "other_region": 404, "network_admin": 404, "anonymous": "login"}


def test_dossier_pages_and_document(client, world):
    """The dossier's pages and documents are for its applicant and the coordination carrying its
    call; the other coordination of the région, another région's, the network admin: 404. The
    private note is shown to the coordination only."""
    for side in SIDES:
        dossier, document = world[side]["dossier"], world[side]["document"]
        note = f"Note privée du versant {world[side]['label']}"
        urls = [
            reverse(page, args=[dossier.pk])
            for page in ("dossiers:detail", "dossiers:eligibility", "dossiers:receipt")
        ] + [reverse("dossiers:document", args=[dossier.pk, document.pk])]
        for url in urls:
            for who in WHO:
                response = _get(client, _user(world, side, who), url)
                expected = 200 if who in ("own", "applicant") else REFUSED[who]
                assert _refused(response, expected), (side, url, who, response.status_code)
                if expected != 200:
                    assert dossier.title.encode() not in response.body
                if response.status_code == 200 and url == urls[0]:
                    assert (note in response.body.decode()) == (who == "own"), (side, who)
                if response.status_code == 200 and url == urls[-1]:
                    assert response.body.startswith(b"%PDF")


def test_message_and_private_note(client, world):
    """Applicant and coordination write to each other; only the coordination writes a private
    note (the applicant gets a 403: its dossier, not its right); anyone else gets a 404 and
    writes nothing."""
    for side in SIDES:
        dossier = world[side]["dossier"]
        for model, url, data, allowed in (
            (
                DossierMessage,
                reverse("dossiers:message", args=[dossier.pk]),
                "message-body",
                ("own", "applicant"),
            ),
            (
                DossierNote,
                reverse("dossiers:instruct", args=[dossier.pk, "note"]),
                "note-body",
                ("own",),
            ),
        ):
            for who in WHO:
                before = model.objects.filter(dossier=dossier).count()
                response = _as(client, _user(world, side, who)).post(url, {data: f"de {who}"})
                after = model.objects.filter(dossier=dossier).count()
                if who in allowed:
                    assert response.status_code == 302, (side, who)
                    assert after == before + 1
                else:
                    expected = 403 if who == "applicant" else REFUSED[who]
                    assert _refused(response, expected), (side, who, response.status_code)
                    assert after == before


def test_instruct_transition(client, world):
    """Sending a dossier back to its applicant is the call's coordination's act only."""
    for side in SIDES:
        dossier = world[side]["dossier"]
        url = reverse("dossiers:instruct", args=[dossier.pk, "return"])
        for who in [w for w in WHO if w != "own"] + ["own"]:
            response = _as(client, _user(world, side, who)).post(
                url, {"return-reason": "Merci de compléter le budget."}
            )
            state = Dossier.objects.get(pk=dossier.pk).state
            if who == "own":
                assert response.status_code == 302
                assert state == DossierState.SENT_BACK
            else:
                expected = 403 if who == "applicant" else REFUSED[who]
                assert _refused(response, expected), (side, who, response.status_code)
                assert state == DossierState.UNDER_REVIEW


def test_lists_leave_out_the_other_coordination(client, world):
    """The lists of a coordinator (dossiers, calls to manage, committee sessions, projects)
    name its own calls' objects, never those of the other coordination of the same région."""
    for side in SIDES:
        coordinator, other = world[side]["coordinator"], world[OTHER[side]]
        pages = {
            name: _get(client, coordinator, reverse(name)).body.decode()
            for name in ("dossiers:list", "calls:list", "committee:list", "projects:list")
        }
        assert world[side]["dossier"].reference in pages["dossiers:list"]
        assert world[side]["draft_call"].title in pages["calls:list"]
        assert world[side]["session"].title in pages["committee:list"]
        assert world[side]["project"].title in pages["projects:list"]
        for elsewhere in (other, world["occitanie"]):
            assert elsewhere["dossier"].reference not in pages["dossiers:list"]
            assert elsewhere["dossier"].title not in pages["dossiers:list"]
            assert elsewhere["draft_call"].title not in pages["calls:list"]
            assert elsewhere["session"].title not in pages["committee:list"]
            assert elsewhere["call"].title not in pages["committee:list"]
            assert elsewhere["project"].title not in pages["projects:list"]


# ---------------------------------------------------------------------------------------------
# The call: management, publication, exports
# ---------------------------------------------------------------------------------------------

# A published call is public: whoever may not manage it gets a 403 on its management pages.
CALL_REFUSED = {
    "applicant": 403,
    "same_region": 403,
    "other_region": 403,
    "network_admin": 403,
    "anonymous": "login",
}
CALL_PAGES = ["calls:edit", "calls:calendar", "calls:rules", "calls:catalogue", "calls:dossiers"]


def test_call_management_pages_and_exports(client, world):
    """A call's management pages and its dossiers export are its coordination's; whoever else
    is refused and never reads its dossiers."""
    for side in SIDES:
        call, title = world[side]["call"], world[side]["dossier"].title
        urls = [reverse(page, args=[call.slug]) for page in CALL_PAGES] + [
            reverse("calls:export", args=[call.slug, fmt]) for fmt in ("csv", "xlsx")
        ]
        for url in urls:
            for who in WHO:
                response = _get(client, _user(world, side, who), url)
                expected = 200 if who == "own" else CALL_REFUSED[who]
                assert _refused(response, expected), (side, url, who, response.status_code)
                if who != "own":
                    assert title.encode() not in response.body
        csv = _get(client, world[side]["coordinator"], urls[-2]).body.decode("utf-8-sig")
        assert title in csv
        assert world[OTHER[side]]["dossier"].title not in csv


def test_unpublish_call(client, world):
    """Only the call's own coordination unpublishes it."""
    for side in SIDES:
        call = world[side]["call"]
        url = reverse("calls:publish", args=[call.slug])
        for who in [w for w in WHO if w != "own"] + ["own"]:
            response = _as(client, _user(world, side, who)).post(url, {"published": "0"})
            published = Call.objects.get(pk=call.pk).is_published
            if who == "own":
                assert response.status_code == 302
                assert not published
            else:
                assert _refused(response, CALL_REFUSED[who]), (side, who, response.status_code)
                assert published


def test_unpublished_call_is_its_coordinations_only(client, world):
    """An unpublished call is seen by its coordination (and, as before, a network admin, who
    reads every call but none of their dossiers); the other coordination of the région gets a
    404, as does the API."""
    for side in SIDES:
        draft = world[side]["draft_call"]
        url = reverse("calls:detail", args=[draft.slug])
        for who in WHO:
            response = _get(client, _user(world, side, who), url)
            expected = (
                200 if who in ("own", "network_admin") else {**REFUSED, "applicant": 404}[who]
            )
            if who == "anonymous":
                expected = 404  # the call pages are public: no login asked
            assert _refused(response, expected), (side, who, response.status_code)
        api = _get(client, world[OTHER[side]]["coordinator"], "/api/v1/calls/").body.decode()
        assert draft.slug not in api
        own = _get(client, world[side]["coordinator"], "/api/v1/calls/").body.decode()
        assert draft.slug in own


# ---------------------------------------------------------------------------------------------
# The committee
# ---------------------------------------------------------------------------------------------


def test_committee_pages(client, world):
    """A session, its dossiers and its minutes are for the call's coordination (and the
    members)."""
    for side in SIDES:
        session, dossier = world[side]["session"], world[side]["dossier"]
        urls = [
            reverse("committee:detail", args=[session.pk]),
            reverse("committee:dossier", args=[session.pk, dossier.pk]),
        ]
        for url in urls:
            for who in WHO:
                response = _get(client, _user(world, side, who), url)
                expected = 200 if who == "own" else {**REFUSED, "applicant": 404}[who]
                assert _refused(response, expected), (side, url, who, response.status_code)
                if who != "own":
                    assert dossier.title.encode() not in response.body


# ---------------------------------------------------------------------------------------------
# Projects, reports, the year
# ---------------------------------------------------------------------------------------------


def test_project_and_report_pages(client, world):
    """A project and its report are for its applicant and its call's coordination; accepting
    the report is refused to the other coordinations (404)."""
    for side in SIDES:
        p = world[side]["project"]
        users = {
            "own": world[side]["coordinator"],
            "applicant": world[side]["project_applicant"],
            "same_region": world[OTHER[side]]["coordinator"],
            "other_region": world["occitanie"]["coordinator"],
            "network_admin": world["network_admin"],
            "anonymous": None,
        }
        for page in ("projects:detail", "projects:report", "projects:sheet"):
            url = reverse(page, args=[p.pk])
            for who, user in users.items():
                response = _get(client, user, url)
                expected = 200 if who in ("own", "applicant") else REFUSED[who]
                assert _refused(response, expected), (side, page, who, response.status_code)
        state = p.report.state
        for who in ("same_region", "other_region", "network_admin"):
            response = _as(client, users[who]).post(reverse("projects:report_accept", args=[p.pk]))
            assert response.status_code == 404, (side, who)
        p.report.refresh_from_db()
        assert p.report.state == state


YEAR_PAGES = [
    ("projects:year", [2024]),
    ("projects:year_data", [2024]),
    ("projects:authorisations", [2024]),
    ("projects:authorisations_export", [2024]),
    ("projects:export", [2024, "csv"]),
    ("projects:export", [2024, "xlsx"]),
]


def test_year_view_and_exports(client, world):
    """The coordinator's year (page, figures, map, open-air list, exports) holds the projects of
    its own calls: the other coordination of the same région is absent although the région is
    the same. Who coordinates nothing gets a 403."""
    for side in SIDES:
        own, other = world[side]["project"].title, world[OTHER[side]]["project"].title
        response = _get(client, world[side]["coordinator"], reverse("projects:year", args=[2024]))
        assert response.context["projects_count"] == 1
        assert response.context["totals"]["total"] == world[side]["project"].actions.count()
        for name, args in YEAR_PAGES:
            url = reverse(name, args=args)
            response = _get(client, world[side]["coordinator"], url)
            assert response.status_code == 200, (side, name)
            if not name.endswith(("_export", "export")) or args[-1] == "csv":
                content = response.body.decode("utf-8-sig")
                if name in ("projects:year", "projects:export"):
                    assert own in content, (side, name)
                assert other not in content, (side, name)
                assert world["occitanie"]["project"].title not in content
            for who in ("applicant", "network_admin"):
                response = _get(client, _user(world, side, who), url)
                assert response.status_code == 403, (side, name, who)
            assert _refused(_get(client, None, url), "login")


def test_year_of_a_coordination_lists_actions_of_its_calls_only(world):
    """The year's selectors read the calls the user manages: the north's actions for the north,
    none of the south's, in the same région."""
    for side in SIDES:
        calls = selectors.year_scope(world[side]["coordinator"], ["32"])
        actions = set(selectors.filtered_actions(calls, 2024, {}))
        assert actions == set(world[side]["project"].actions.all())


# ---------------------------------------------------------------------------------------------
# The API
# ---------------------------------------------------------------------------------------------


def test_api_list_and_detail(client, world):
    """The API lists and details the same objects as the pages: the other coordination of
    the région, another région's and the network admin get a 404 on the detail and do not
    find the object in the list."""
    for side in SIDES:
        p = world[side]["project"]
        objects = {
            "dossiers": (world[side]["dossier"], world[side]["dossier"].title),
            "projects": (p, p.title),
            "reports": (p.report, p.title),
        }
        for kind, (obj, title) in objects.items():
            for who in WHO:
                if who == "applicant" and kind != "dossiers":
                    user = world[side]["project_applicant"]
                else:
                    user = _user(world, side, who)
                detail = _get(client, user, f"/api/v1/{kind}/{obj.pk}/")
                listing = _get(client, user, f"/api/v1/{kind}/")
                listed = listing.status_code == 200 and obj.pk in {
                    row["id"] for row in listing.json()["results"]
                }
                if who in ("own", "applicant"):
                    assert detail.status_code == 200, (side, kind, who)
                    assert listed, (side, kind, who)
                elif who == "anonymous":
                    assert detail.status_code in (401, 403)
                    assert not listed
                else:
                    assert detail.status_code == 404, (side, kind, who, detail.status_code)
                    assert listing.status_code == 200
                    assert not listed, (side, kind, who)
                    assert title not in listing.body.decode()


def test_api_dossier_action(client, world):
    """Returning a dossier through the API: 404 for the other coordinations, done by its own."""
    for side in SIDES:
        dossier = world[side]["dossier"]
        url = f"/api/v1/dossiers/{dossier.pk}/return/"
        for who in ("same_region", "other_region", "network_admin"):
            response = _as(client, _user(world, side, who)).post(
                url, {"reason": "À compléter."}, content_type="application/json"
            )
            assert response.status_code == 404, (side, who)
            assert Dossier.objects.get(pk=dossier.pk).state == DossierState.UNDER_REVIEW
        response = _as(client, world[side]["coordinator"]).post(
            url, {"reason": "À compléter."}, content_type="application/json"
        )
        assert response.status_code == 200
        assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SENT_BACK


# ---------------------------------------------------------------------------------------------
# Structures: the perimeter of départements; creating a call
# ---------------------------------------------------------------------------------------------


def test_coordinator_of_several_departements_reads_their_structures_only(world):
    """Hors Cadre coordinates Nord and Pas-de-Calais: the unlisted structures of those two
    départements are in its reach, not those of the Somme; ACAP, pôle of the whole région,
    reaches the Nord's too."""
    deps = world["departements"]
    in_nord = StructureFactory(unlisted=True, commune=CommuneFactory(departement=deps["59"]))
    in_pas_de_calais = StructureFactory(
        unlisted=True, commune=CommuneFactory(departement=deps["62"])
    )
    in_somme = StructureFactory(unlisted=True, commune=CommuneFactory(departement=deps["80"]))
    north = set(Structure.objects.visible_to(world["north"]["coordinator"]))
    assert {in_nord, in_pas_de_calais} <= north
    assert in_somme not in north
    south = set(Structure.objects.visible_to(world["south"]["coordinator"]))
    assert {in_nord, in_pas_de_calais, in_somme} <= south


def test_coordinator_creates_a_call_for_its_own_coordination(login, world):
    """Creating a call, a coordinator chooses among the coordinations its structures carry;
    the call's région follows. Another coordination's structure is not a choice."""
    coordinator = world["north"]["coordinator"]
    client = login(coordinator)
    page = client.get(reverse("calls:create")).text
    hors_cadre, acap = world["north"]["carrier"], world["south"]["carrier"]
    assert "Hors Cadre" in page
    assert "ACAP" not in page
    fields = {"title": "Appel 2026", "year": 2026, "reminder_days": "14,3"}
    refused = client.post(reverse("calls:create"), {**fields, "coordination": f"{acap.pk}-32"})
    assert refused.status_code == 200
    assert not Call.objects.filter(title="Appel 2026").exists()
    done = client.post(reverse("calls:create"), {**fields, "coordination": f"{hors_cadre.pk}-32"})
    assert done.status_code == 302
    call = Call.objects.get(title="Appel 2026")
    assert (call.coordination, call.region_id) == (hors_cadre, "32")
    other = login(world["south"]["coordinator"])
    assert other.get(reverse("calls:edit", args=[call.slug])).status_code == 404


def test_coordinator_for_both_coordinations_manages_both_calls(login, world):
    """Someone holding the coordinator role for Hors Cadre and ACAP manages both calls: the
    perimeter is the union of the structures it coordinates for."""
    user = world["north"]["coordinator"]
    MembershipFactory(user=user, structure=world["south"]["carrier"], role=Role.COORDINATOR)
    client = login(user)
    for side in SIDES:
        dossier = world[side]["dossier"]
        assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 200
    assert set(Call.objects.managed_by(user)) == {
        world[side][key] for side in SIDES for key in ("call", "draft_call")
    }
    assert world["occitanie"]["dossier"] not in Dossier.objects.visible_to(user)
