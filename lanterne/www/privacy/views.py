"""A person's rights over their data: the page and the file of everything Lanterne holds about
them (GDPR art. 15 and 20), and erasing their account (art. 17)."""

import datetime
import json
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lanterne.accounts.erasure import person_erase
from lanterne.core import privacy
from lanterne.core.exports import export_response
from lanterne.core.money import format_day, format_moment
from lanterne.www.actions import refusal_messages, require

from .forms import EraseForm


def _shown(value) -> str:
    """A value of an export as the page shows it; a missing one is a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, datetime.datetime):
        return format_moment(value)
    if isinstance(value, datetime.date):
        return format_day(value)
    if isinstance(value, Decimal):
        return f"{value:n}".replace(".", ",")
    return str(value)


@never_cache
@require_GET
def my_data(request):
    """Everything Lanterne holds about the signed-in person, section by section."""
    sections = [
        {
            "key": kind.key,
            "label": kind.label,
            "headers": list(kind.columns.values()),
            "rows": [[_shown(row.get(column)) for column in kind.columns] for row in rows],
        }
        for kind, rows in privacy.export_person(request.user)
    ]
    return render(request, "www/privacy/my_data.html", {"sections": sections})


@never_cache
@require_GET
def my_data_download(request):
    """The same, as one JSON file: keys for machines, values as stored (dates in ISO 8601)."""
    document = {
        "generated_at": timezone.now(),
        **{kind.key: rows for kind, rows in privacy.export_person(request.user)},
    }
    content = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return export_response(content, "json", f"lanterne-mes-donnees-{timezone.localdate()}.json")


@never_cache
@require_http_methods(["GET", "POST"])
def erase_account(request):
    """Erase one's own account, after the warning, with the password."""
    user = request.user
    require(request, "accounts.erase_person", user)
    form = EraseForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            person_erase(user=user, by=user)
        except ValidationError as refused:
            for message in refusal_messages(refused):
                form.add_error(None, message)
        else:
            logout(request)
            messages.success(
                request, _("Votre compte et vos données personnelles ont été supprimés.")
            )
            return redirect("www:welcome")
    return render(
        request, "www/privacy/erase.html", {"form": form}, status=422 if form.is_bound else 200
    )
