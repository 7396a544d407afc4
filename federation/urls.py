from django.urls import path

from federation import views

app_name = "federation"

urlpatterns = [
    path("beheer/", views.BeheerView.as_view(), name="beheer"),
    path("beheer/dit-huis/", views.HouseView.as_view(), name="house"),
    path("beheer/huizen/nieuw/", views.PeerCreateView.as_view(), name="peer_create"),
    path("beheer/huizen/<int:pk>/", views.PeerUpdateView.as_view(), name="peer_update"),
    path("beheer/sleutels/nieuw/", views.KeyCreateView.as_view(), name="key_create"),
    path(
        "beheer/sleutels/<int:pk>/in-gebruik/",
        views.KeyActivateView.as_view(),
        name="key_activate",
    ),
    path("navragen/", views.SearchView.as_view(), name="search"),
    path("navragen/vraag/", views.AskView.as_view(), name="ask"),
    path("logboek/", views.LogView.as_view(), name="log"),
]
