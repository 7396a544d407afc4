from django.urls import path

from inbox import views

app_name = "inbox"

urlpatterns = [
    path("", views.InboxView.as_view(), name="list"),
    path("<int:pk>/", views.OpenView.as_view(), name="open"),
    path("<int:pk>/gelezen/", views.MarkReadView.as_view(), name="mark_read"),
    path("alles-gelezen/", views.MarkAllReadView.as_view(), name="mark_all_read"),
    path("voorkeuren/", views.PreferencesView.as_view(), name="preferences"),
]
