import pytest


@pytest.fixture(autouse=True)
def _documents_in_a_temporary_folder(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documenten"
    settings.CLAMAV_SOCKET = ""
    settings.CLAMAV_HOST = ""
    yield settings.DOCUMENTS_ROOT
