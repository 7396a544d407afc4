from django.apps import AppConfig


class TraffickingConfig(AppConfig):
    name = "trafficking"
