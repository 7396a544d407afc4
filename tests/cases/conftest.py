import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The cast has 17 users; hashing each password with the production PBKDF2 cost made
    every test's setup take seconds. Login behaviour does not depend on the hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
