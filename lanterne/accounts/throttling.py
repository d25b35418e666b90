"""django-axes hooks: attempts are counted per e-mail address, whatever case it is typed in."""

from axes.utils import reset


def username_from_request(request, credentials) -> str:
    """The e-mail as axes should count it: `Lea@Example.org` and `lea@example.org` are one."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()


def lift_lockout(email: str) -> None:
    """Forget the failed attempts of an account whose owner proved it holds the mailbox."""
    reset(username=email.strip().lower())
