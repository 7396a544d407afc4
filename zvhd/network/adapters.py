from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """No self sign-up: the functioneel beheerder makes every account."""

    def is_open_for_signup(self, request):
        return False


def axes_username(request, credentials=None):
    """The username django-axes locks on.

    allauth passes `username` to authenticate(); the form field itself is called `login`.
    """
    if credentials and credentials.get("username"):
        return credentials["username"].lower()
    return (request.POST.get("login") or "").lower() or None
