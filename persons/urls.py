from django.urls import path

from persons import views

app_name = "persons"

urlpatterns = [
    path("", views.SearchView.as_view(), name="search"),
    path("bekend/", views.KnownView.as_view(), name="known"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="detail"),
    path("<int:pk>/relatie/", views.LinkAddView.as_view(), name="link_add"),
    path("<int:pk>/naam/", views.NameAddView.as_view(), name="name_add"),
    path("dubbel/", views.DuplicatesView.as_view(), name="duplicates"),
    path("samenvoegen/", views.ProposeMergeView.as_view(), name="merge_propose"),
    path("samenvoegen/<int:pk>/", views.MergeDetailView.as_view(), name="merge_detail"),
    path(
        "samenvoegen/<int:pk>/goedkeuren/", views.MergeApproveView.as_view(), name="merge_approve"
    ),
    path("samenvoegen/<int:pk>/afwijzen/", views.MergeRejectView.as_view(), name="merge_reject"),
    path("samenvoegen/<int:pk>/splitsen/", views.MergeSplitView.as_view(), name="merge_split"),
]
