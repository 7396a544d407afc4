"""The authentication backend: allauth's username login, with a cheaper user per request."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend


class AuthenticationBackend(AllauthBackend):
    """Logs in exactly as allauth does; `get_user` (every request) reads the user in one query.

    Every page needs the user's organisation (the access log), roles (menu and scopes) and
    whether a second factor is set up (SecondFactorRequiredMiddleware). Read lazily these were
    four queries per request; `User.objects.for_request()` answers them in one, fresh on every
    request, so nothing about roles or the second factor is cached across requests.
    """

    def get_user(self, user_id):
        from zvhd.network.models import User

        try:
            user = User.objects.for_request().get(pk=user_id)
        except User.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        return user.with_request_annotations()
