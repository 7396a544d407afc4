from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """No self sign-up: the functioneel beheerder makes every account."""

    def is_open_for_signup(self, request):
        return False
