"""The password hasher: Argon2id (argon2-cffi) with OWASP's parameters for a login server.

Django's Argon2PasswordHasher asks for 100 MiB, two passes and eight lanes: on the 2-core
machines this runs on, one login's password step cost 0.39 s of a quiet machine and over 0.6 s
of a busy one (issue 24: a login ≤ 300 ms). OWASP's Password Storage Cheat Sheet lists
equivalent Argon2id settings: of those, 19 MiB with two passes and one lane was the cheapest
here (60 ms on a loaded machine, against 120 ms for 46 MiB with one pass and 610 ms for
Django's), and keeps the memory-hardness that makes a GPU guess expensive. The algorithm
keeps Django's name ("argon2"), so every stored hash still verifies; a hash made with other
parameters (Django's, or PBKDF2) is rewritten with these at the account's next successful
login (Django's must_update).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
