from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def welcome(request):
    """The public front page; signed-in users go straight to their own home."""
    if request.user.is_authenticated:
        return redirect("www:home")
    return render(request, "www/pages/welcome.html")
