"""Committee sessions: the coordinator prepares them, members give their opinions, the page
prints as the minutes. Each view fetches within `visible_to(user)` (404 out of reach), checks
the `rules` permission of what it does (403) and calls one service (`lanterne.www.actions`)."""

from collections import Counter
from decimal import Decimal
from operator import attrgetter

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_fsm import can_proceed

from lanterne.calls.models import Call
from lanterne.committee import services
from lanterne.committee.enums import Verdict
from lanterne.committee.models import CommitteeSession, Opinion
from lanterne.core.choices import choice_label
from lanterne.core.models import parts_of
from lanterne.core.money import format_euros
from lanterne.core.pdf import pdf_response, render_pdf
from lanterne.core.workflow import workflow_of
from lanterne.dossiers import services as dossier_services
from lanterne.dossiers.content import relabeled, verdict_at_submission
from lanterne.dossiers.eligibility import Report
from lanterne.dossiers.enums import Decision
from lanterne.dossiers.models import Dossier, DossierDocument
from lanterne.dossiers.selectors import hidden_documents
from lanterne.www.actions import in_scope, run_service, succeed

from .forms import AgendaForm, DecisionForm, OpinionForm, SessionForm

SESSIONS = CommitteeSession.objects.select_related("call__region")
MANAGE = "calls.manage_call"


def _dossiers_of(session):
    """The session's dossiers, with what the engine needs (`in_scope` keeps those the user
    may read)."""
    return (
        Dossier.objects.filter(committee_sessions=session).for_eligibility().order_by("reference")
    )


def _submission_of(session):
    """The session's dossiers as a member reads one: the content and verdict frozen at its
    submission and its documents' fingerprints; not the live parts the engine would read."""
    return (
        Dossier.objects.filter(committee_sessions=session)
        .defer("intention", "public_description")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=parts_of(DossierDocument, "dossier").only("id", "dossier_id", "sha256"),
            )
        )
    )


def _mean(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


# What a row of the summary shows of its dossier, and its verdict frozen at submission: the
# texts, the content and the parts the engine reads are left in the database.
ROW_FIELDS = [
    "id",
    "call_id",
    "applicant__name",
    "reference",
    "title",
    "state",
    "granted_amount",
    "submitted_at",
    "submitted_eligibility",
]


def _verdicts(dossiers: list[Dossier], call: Call) -> dict[int, Report]:
    """Each dossier's eligibility at submission: the frozen verdict, read as it was kept; only a
    dossier never frozen (none once submitted) is fetched again for the engine."""
    reports = {
        dossier.pk: Report.thawed(dossier.submitted_eligibility)
        for dossier in dossiers
        if dossier.submitted_eligibility is not None
    }
    unfrozen = [dossier.pk for dossier in dossiers if dossier.pk not in reports]
    if unfrozen:
        call = Call.objects.for_eligibility().get(pk=call.pk)
        for dossier in (
            Dossier.objects.filter(pk__in=unfrozen).for_eligibility(call=call).sharing(call)
        ):
            reports[dossier.pk] = verdict_at_submission(dossier)
    return reports


def _rows(request, session, opinions: list[Opinion]) -> list[dict]:
    """One row per dossier: budget, eligibility at submission, the tally of opinions."""
    rows = []
    dossiers = list(
        Dossier.objects.visible_to(request.user)
        .filter(committee_sessions=session)
        .select_related("applicant")
        .only(*ROW_FIELDS)
        # Summed in the database: no budget line comes back to Python.
        .with_budget_totals()
        .order_by("reference")
    )
    for dossier in dossiers:
        # The session's call, fetched with it: not once per row.
        dossier.call = session.call
    reports = _verdicts(dossiers, session.call)
    by_dossier: dict[int, list[Opinion]] = {}
    for opinion in opinions:
        by_dossier.setdefault(opinion.dossier_id, []).append(opinion)
    # What the table repeats row after row is formatted here once per value, not resolved by
    # the template filter by filter: labels, amounts, links (`_summary.html`).
    verdict_labels = {str(verdict): choice_label(Verdict, verdict) for verdict in Verdict}
    link_before, _key, link_after = reverse(
        "committee:dossier", args=[session.pk, LINK_KEY]
    ).partition(str(LINK_KEY))
    for dossier in dossiers:
        own = by_dossier.get(dossier.pk, [])
        counts = Counter(o.verdict for o in own)
        proposals = [o.proposed_amount for o in own if o.proposed_amount is not None]
        mean_proposal = _mean(proposals)
        # A dossier without lines asks nothing: zero, as `budget_totals` sums it.
        total_expenses = dossier.total_expenses or Decimal(0)
        drac_request = dossier.drac_request or Decimal(0)
        report = reports[dossier.pk]
        state = dossier.state_label
        if dossier.granted_amount is not None:
            state = f"{state} ({format_euros(dossier.granted_amount)})"
        rows.append(
            {
                "dossier": dossier,
                "total_expenses": total_expenses,
                "drac_request": drac_request,
                "report": report,
                "opinions": own,
                "favourable": counts[Verdict.FAVOURABLE],
                "reserved": counts[Verdict.RESERVED],
                "unfavourable": counts[Verdict.UNFAVOURABLE],
                "mean_proposal": mean_proposal,
                "given_by_me": any(o.member_id == request.user.pk for o in own),
                "link": f"{link_before}{dossier.pk}{link_after}",
                "total_expenses_text": format_euros(total_expenses),
                "drac_request_text": format_euros(drac_request),
                "mean_proposal_text": format_euros(mean_proposal),
                "eligibility_text": report.summary(),
                "state_text": state,
                "opinion_lines": [_opinion_line(o, verdict_labels) for o in own],
            }
        )
    return rows


# A dossier's key in the link of the table's rows, reversed once for the whole table.
LINK_KEY = 987654321


def _opinion_line(opinion: Opinion, verdict_labels: dict[str, str]) -> str:
    """« member — verdict, amount » as the table lists an opinion."""
    label = verdict_labels.get(opinion.verdict, opinion.verdict)
    line = f"{opinion.member} — {label}"
    if opinion.proposed_amount is not None:
        line = f"{line}, {format_euros(opinion.proposed_amount)}"
    return line


def _summary_context(request, session) -> dict:
    # Listed on the page and read again by `committee.give_opinion`: fetched once.
    prefetch_related_objects(
        [session],
        Prefetch(
            "members",
            queryset=get_user_model().objects.order_by("last_name", "first_name", "email"),
        ),
    )
    opinions = list(session.opinions.select_related("member").order_by("given_at", "id"))
    rows = _rows(request, session, opinions)
    proposed = [row["mean_proposal"] for row in rows if row["mean_proposal"] is not None]
    total_proposed = sum(proposed, Decimal(0))
    envelope = session.call.envelope
    export_url = reverse("calls:export", args=[session.call.slug, "xlsx"])
    return {
        "session": session,
        "call": session.call,
        "members": list(session.members.all()),
        "rows": rows,
        "total_proposed": total_proposed,
        "envelope": envelope,
        "remaining": None if envelope is None else envelope - total_proposed,
        "over_envelope": envelope is not None and total_proposed > envelope,
        "export_url": f"{export_url}?session={session.pk}" if export_url else None,
    }


@require_safe
def session_list(request):
    sessions = (
        CommitteeSession.objects.visible_to(request.user)
        .select_related("call")
        .prefetch_related(Prefetch("dossiers", queryset=Dossier.objects.only("pk")))
        .order_by("-meets_at")
    )
    calls = Call.objects.managed_by(request.user).order_by("-year", "title")
    return render(
        request,
        "www/committee/list.html",
        {"sessions": sessions, "managed_calls": calls},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def session_create(request, call_slug):
    call = in_scope(request, Call.objects.all(), slug=call_slug, perm=MANAGE)
    form = SessionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := run_service(
                form,
                services.session_create,
                call=call,
                by=request.user,
                title=form.cleaned_data["title"],
                meets_at=form.cleaned_data["meets_at"],
                place=form.cleaned_data["place"],
                members=form.cleaned_data["members"],
            )
        )
    ):
        return succeed(request, _("La séance est créée."), done.result)
    return render(request, "www/committee/create.html", {"call": call, "form": form})


DECIDE = ("accept", "refuse")
DECISION_FIELDS = "www/committee/_decision_fields.html"
# Where each row's key goes in the blank decision form rendered once for every row.
ROW_KEY = "__row__"


def _may_decide(dossier, user) -> bool:
    """`abilities(dossier, user)["accept"] or [...]["refuse"]`, without the other abilities."""
    workflow = workflow_of(dossier)
    return any(
        can_proceed(getattr(dossier, name)) and user.has_perm(workflow.perm(name), dossier)
        for name in DECIDE
    )


def _decision_fields(request, rows: list[dict], bound: dict[int, DecisionForm]) -> None:
    """The fields of each decidable row's decision form (`row["decision_fields"]`). A blank form
    differs from one row to the next by its prefix only: it is rendered once, and each row gets
    that HTML with its own key; a form sent back with errors is rendered with what was typed."""
    blank = None
    for row in rows:
        dossier = row["dossier"]
        if not _may_decide(dossier, request.user):
            continue
        if dossier.pk in bound:
            row["decision_fields"] = render_to_string(
                DECISION_FIELDS, {"form": bound[dossier.pk]}, request
            )
            continue
        if blank is None:
            form = DecisionForm(prefix=f"d{ROW_KEY}")
            blank = render_to_string(DECISION_FIELDS, {"form": form}, request)
        # Only the form's own names and ids carry the key: no user data is in a blank form.
        row["decision_fields"] = mark_safe(blank.replace(ROW_KEY, str(dossier.pk)))


def _render_detail(request, session, *, agenda_form=None, decision_forms=None, status=200):
    context = _summary_context(request, session)
    can_manage = request.user.has_perm(MANAGE, session.call)
    if can_manage:
        # The decision forms only those who manage the call see, not one per row for everyone.
        _decision_fields(request, context["rows"], decision_forms or {})
    if can_manage and not session.is_closed:
        context["agenda_form"] = agenda_form = agenda_form or AgendaForm(session=session)
        context["agenda_choices"] = agenda_form.choices()
    context["can_manage"] = can_manage
    context["can_give_opinion"] = request.user.has_perm("committee.give_opinion", session)
    context["minutes_url"] = reverse("committee:minutes", args=[session.pk])
    return render(request, "www/committee/detail.html", context, status=status)


@require_safe
def session_detail(request, pk):
    return _render_detail(request, in_scope(request, SESSIONS, pk=pk))


@require_POST
def session_add_dossiers(request, pk):
    session = in_scope(request, SESSIONS, pk=pk, perm=MANAGE, on=attrgetter("call"))
    form = AgendaForm(request.POST, session=session)
    if form.is_valid() and (
        done := run_service(
            form,
            services.session_add_dossiers,
            session=session,
            by=request.user,
            dossiers=form.cleaned_data["dossiers"],
        )
    ):
        return succeed(
            request,
            _("%(count)s dossier(s) inscrit(s) à l'ordre du jour.") % {"count": len(done.result)},
            session,
        )
    return _render_detail(request, session, agenda_form=form)


@require_POST
def session_close(request, pk):
    session = in_scope(request, SESSIONS, pk=pk, perm=MANAGE, on=attrgetter("call"))
    services.session_close(session=session, by=request.user)
    return succeed(request, _("La séance est close : les avis ne sont plus recueillis."), session)


@require_POST
def session_decide(request, pk, dossier_pk):
    session = in_scope(request, SESSIONS, pk=pk)
    dossier = in_scope(
        request, _dossiers_of(session), pk=dossier_pk, perm="dossiers.instruct_dossier"
    )
    form = DecisionForm(request.POST, prefix=f"d{dossier.pk}")
    if form.is_valid() and run_service(
        form,
        dossier_services.dossier_decide,
        dossier=dossier,
        by=request.user,
        decision=form.cleaned_data["decision"],
        amount=form.cleaned_data["amount"]
        if form.cleaned_data["decision"] == Decision.ACCEPTED
        else None,
        reason=form.cleaned_data["reason"],
    ):
        return succeed(
            request,
            _("Décision enregistrée pour le dossier %(reference)s ; le porteur est prévenu.")
            % {"reference": dossier.reference},
            session,
        )
    return _render_detail(request, session, decision_forms={dossier.pk: form})


@require_http_methods(["GET", "HEAD", "POST"])
def session_dossier(request, pk, dossier_pk):
    session = in_scope(request, SESSIONS, pk=pk)
    dossier = in_scope(request, _submission_of(session), pk=dossier_pk)
    dossier.call = session.call
    can_give = request.user.has_perm("committee.give_opinion", session)
    opinions = list(
        session.opinions.filter(dossier=dossier).select_related("member").order_by("given_at")
    )
    mine = next((o for o in opinions if o.member_id == request.user.pk), None)
    form = None
    if can_give:
        form = OpinionForm(request.POST or None)
        if (
            request.method == "POST"
            and form.is_valid()
            and run_service(
                form,
                services.opinion_give,
                session=session,
                dossier=dossier,
                by=request.user,
                verdict=form.cleaned_data["verdict"],
                comment=form.cleaned_data["comment"],
                proposed_amount=form.cleaned_data["proposed_amount"],
            )
        ):
            return succeed(
                request,
                _("Votre avis est enregistré."),
                reverse("committee:dossier", args=[session.pk, dossier.pk]),
            )
    elif request.method == "POST":
        raise PermissionDenied

    if request.method in ("GET", "HEAD") and request.user.has_perm(
        "dossiers.read_as_committee", dossier
    ):
        dossier_services.dossier_record_read(dossier=dossier, by=request.user, via="committee")
    content = relabeled(dossier.submitted_content or {})
    hidden = hidden_documents(dossier, request.user)
    live_documents = {d.sha256: d for d in dossier.documents.all()}
    documents = []
    for item in content.get("documents", []):
        live = live_documents.get(item.get("sha256"))
        if live is not None and live.pk in hidden:
            continue
        documents.append(
            {
                **item,
                "url": reverse("dossiers:document", args=[dossier.pk, live.pk]) if live else None,
            }
        )
    if dossier.submitted_eligibility is None:
        # Never frozen (submitted before verdicts were kept): the engine reads its parts.
        dossier = _dossiers_of(session).get(pk=dossier.pk)
    return render(
        request,
        "www/committee/dossier.html",
        {
            "session": session,
            "dossier": dossier,
            "content": content,
            "documents": documents,
            "report": verdict_at_submission(dossier),
            "opinions": opinions,
            "mine": mine,
            "form": form,
            "can_give_opinion": can_give,
            "print_url": reverse("dossiers:print", args=[dossier.pk]),
        },
    )


@require_safe
def session_minutes(request, pk):
    session = in_scope(request, SESSIONS, pk=pk)
    context = _summary_context(request, session)
    pdf = render_pdf("pdf/minutes.html", context, request=request)
    return pdf_response(pdf, f"proces-verbal-comite-{session.pk}.pdf", inline=True)
